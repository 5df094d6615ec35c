import AggregateMerge
import AggregateModel
import AggregateStore
import Foundation

/// The store as the merge stage sees it.
struct StoreLookup: MergeLookup {
    let store: Store

    func key(for identity: ItemIdentity) throws -> String? { try store.key(for: identity) }
    func titleCandidates(words: [String], dated range: ClosedRange<Date>) throws -> [TitleCandidate] {
        try store.titleCandidates(words: words, dated: range)
    }
    func item(key: String) throws -> StoredItem? { try store.item(key: key) }

    /// Saves what a decision says; identities already taken by another item keep pointing there.
    func apply(_ decision: MergeDecision) throws {
        if let stored = decision.stored {
            try store.save(
                stored, identities: decision.identities, titleWords: decision.titleWords,
                normalizedTitle: decision.normalizedTitle, isNew: decision.outcome == .new)
        } else if !decision.identities.isEmpty {
            try store.addIdentities(decision.identities, key: decision.key)
        }
    }
}
