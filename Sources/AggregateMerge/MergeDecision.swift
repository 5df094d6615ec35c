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
    public var normalizedTitle: String = ""
    // NOTE: made by the memberwise initializer Swift writes: a hand-written one built the value and then copied it
    // out, retaining and releasing each of its references once more for every entry merged.
}
