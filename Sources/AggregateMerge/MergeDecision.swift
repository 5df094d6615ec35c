import AggregateModel

/// What became of one entry.
public enum MergeOutcome: String, Sendable, Hashable, Codable {
    /// A story not seen before.
    case new
    /// A story seen before whose content changed; updated in place.
    case updated
    /// Another source's copy of a known story; credited on it ("also reported by").
    case duplicate
    /// Seen before, nothing changed.
    case unchanged
}

/// The merge of one entry: what to store, and under which identities.
public struct MergeDecision: Sendable, Hashable {
    public var outcome: MergeOutcome
    /// The item to save (nil when unchanged).
    public var stored: StoredItem? {
        get { storedItem ?? newEntry.map { StoredItem(item: $0.newItem, contentHash: $0.contentHash) } }
        set {
            storedItem = newValue
            newEntry = nil
        }
    }
    private var storedItem: StoredItem?
    /// For a new item, the entry whose `newItem` it is: `stored` is made of it when asked for, and a caller that
    /// saves the entry's item from there copies nothing.
    /// NOTE: made on the merging thread for every new item, the copy retained and released each of the item's
    /// ~20 references there.
    public private(set) var newEntry: PreparedEntry?
    /// The key of the item the entry now belongs to.
    public var key: String
    /// Identities that must point at the item from now on.
    public var identities: [ItemIdentity]
    /// Words to index the item's title under.
    public var titleWords: [String]
    /// The item's title, normalized, for later comparisons.
    public var normalizedTitle: String

    public init(outcome: MergeOutcome, stored: StoredItem?, key: String, identities: [ItemIdentity], titleWords: [String], normalizedTitle: String = "") {
        self.outcome = outcome
        storedItem = stored
        self.key = key
        self.identities = identities
        self.titleWords = titleWords
        self.normalizedTitle = normalizedTitle
    }

    /// A new item: `entry.newItem`.
    init(new entry: PreparedEntry) {
        outcome = .new
        newEntry = entry
        key = entry.newItem.key
        identities = entry.identities
        titleWords = entry.titleWords
        normalizedTitle = entry.normalizedTitle
    }

    public static func == (a: MergeDecision, b: MergeDecision) -> Bool {
        a.outcome == b.outcome && a.stored == b.stored && a.key == b.key && a.identities == b.identities && a.titleWords == b.titleWords
            && a.normalizedTitle == b.normalizedTitle
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(outcome)
        hasher.combine(stored)
        hasher.combine(key)
        hasher.combine(identities)
        hasher.combine(titleWords)
        hasher.combine(normalizedTitle)
    }
}
