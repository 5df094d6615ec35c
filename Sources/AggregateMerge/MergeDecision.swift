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
        get {
            switch saved {
            case .item(let stored)?: stored
            case .new(let entry)?: StoredItem(item: entry.newItem, contentHash: entry.candidate.contentHash)
            case nil: nil
            }
        }
        set { saved = newValue.map(Saved.item) }
    }
    /// The key of the item the entry now belongs to.
    public var key: String
    /// Identities that must point at the item from now on.
    public var identities: [ItemIdentity]
    /// Words to index the item's title under.
    public var titleWords: [String]
    /// The item's title, normalized, for later comparisons.
    public var normalizedTitle: String = ""

    /// A new item is the one its entry made, left there (see `isNewItem(of:)`).
    private enum Saved: Sendable {
        case item(StoredItem)
        case new(PreparedEntry)
    }

    private var saved: Saved?

    /// The decision that `entry` is a new item, the one it made.
    static func new(_ entry: PreparedEntry) -> MergeDecision {
        let candidate = entry.candidate
        return MergeDecision(
            outcome: .new, key: entry.newItem.key, identities: candidate.identities, titleWords: candidate.titleWords,
            normalizedTitle: candidate.normalizedTitle, saved: .new(entry))
    }

    /// Whether the decision is that `entry` is a new item, the one it made: then the item need not be read from
    /// `stored` (which copies it) to be saved.
    /// NOTE: copied into the decision on the merging thread, a new item's ~25 references were each retained and
    /// released there, on objects the parsing thread made and frees: each count moved between the two cores, and back.
    public func isNewItem(of entry: PreparedEntry) -> Bool {
        if case .new(let made)? = saved { return made === entry }
        return false
    }

    public static func == (a: MergeDecision, b: MergeDecision) -> Bool {
        a.outcome == b.outcome && a.key == b.key && a.identities == b.identities && a.titleWords == b.titleWords
            && a.normalizedTitle == b.normalizedTitle && a.stored == b.stored
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

extension MergeDecision {
    // NOTE: made by the memberwise initializer Swift writes (in an extension, this one leaves it be): a hand-written
    // one built the value and then copied it out, retaining and releasing each of its references once more.
    init(outcome: MergeOutcome, stored: StoredItem?, key: String, identities: [ItemIdentity], titleWords: [String], normalizedTitle: String = "") {
        self.init(outcome: outcome, key: key, identities: identities, titleWords: titleWords, normalizedTitle: normalizedTitle, saved: stored.map(Saved.item))
    }
}
