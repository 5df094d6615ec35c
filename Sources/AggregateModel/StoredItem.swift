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

/// A stored headline's form lent to a scoring closure for the length of the call, without a retain: the lender
/// holds it meanwhile. The closure also gets the normalized title, read only when asked for.
/// NOTE: passed as an existential and a String read from the title index, the form and the title were each
/// retained and released for every candidate scored, the first touch of an old item's objects (2.5% of a cold
/// run's merging thread); and the title is not read at all when the form is a byte form.
public struct LentForm {
    public unowned(unsafe) let form: any HeadlineForm

    @inlinable
    public init(_ form: any HeadlineForm) { self.form = form }

    /// `body` applied to the form when it is a `T`, still without a retain; nil when it is not.
    @inlinable @inline(__always)
    public func with<T: HeadlineForm, R>(_: T.Type, _ body: (T) -> R) -> R? {
        guard type(of: form) == T.self else { return nil }
        return Unmanaged<T>.passUnretained(unsafeDowncast(form as AnyObject, to: T.self))._withUnsafeGuaranteedRef(body)
    }
}

/// Scores a stored headline (see `LentForm`) against a new one; nil: not a match.
public typealias HeadlineScore = (_ form: LentForm?, _ title: () -> String) -> Double?

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
