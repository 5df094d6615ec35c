/// An item as stored, with the hash that tells whether a later sighting changed it.
public struct StoredItem: Sendable, Hashable {
    public var item: Item
    /// Hash of what readers see (title, link, text, media); dates are left out so a bumped date is no change.
    public var contentHash: String

    public init(item: Item, contentHash: String) {
        self.item = item
        self.contentHash = contentHash
    }
}

/// A way of recognising an item again.
public struct ItemIdentity: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// The source's id plus the entry's id (guid).
        case guid
        /// The canonical URL of the article.
        case url
        /// A fingerprint of the normalized title and text.
        case fingerprint = "fp"
    }

    public var kind: Kind
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }
}

/// A normalized headline made ready for comparison by the merge stage. The store keeps the one each item came
/// with beside its title words, so that it is made once per item (on the parsing thread), not at every comparison.
/// An immutable object: handing it around is a retain, not a copy of its arrays.
public protocol HeadlineForm: AnyObject, Sendable {}

/// An item that may be the same story, as the title index sees it (no need to load the item).
public struct TitleCandidate: Sendable, Hashable {
    public var key: String
    public var normalizedTitle: String
    public var sourceID: String
    /// `normalizedTitle` made ready for comparison, when the item's save brought it; derived from the title,
    /// so equality and hashing leave it out.
    public var form: (any HeadlineForm)?

    public init(key: String, normalizedTitle: String, sourceID: String, form: (any HeadlineForm)? = nil) {
        self.key = key
        self.normalizedTitle = normalizedTitle
        self.sourceID = sourceID
        self.form = form
    }

    public static func == (a: TitleCandidate, b: TitleCandidate) -> Bool {
        a.key == b.key && a.normalizedTitle == b.normalizedTitle && a.sourceID == b.sourceID
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(normalizedTitle)
        hasher.combine(sourceID)
    }
}
