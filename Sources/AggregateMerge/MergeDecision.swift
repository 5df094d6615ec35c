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
    public var stored: StoredItem?
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
        self.stored = stored
        self.key = key
        self.identities = identities
        self.titleWords = titleWords
        self.normalizedTitle = normalizedTitle
    }
}
