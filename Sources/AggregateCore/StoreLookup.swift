import AggregateMerge
import AggregateModel
import AggregateStore
import Foundation

/// The store as the merge stage sees it.
struct StoreLookup: MergeLookup {
    let store: Store

    func key(for identity: ItemIdentity) throws -> String? { try store.key(for: identity) }
    func keys(withTitleWord word: String, dated range: ClosedRange<Date>) throws -> [String] {
        try store.keys(withTitleWord: word, dated: range)
    }
    func keys(withTitleWord word: String, dated range: ClosedRange<Date>, excludingSource sourceID: String) throws -> [String] {
        try store.keys(withTitleWord: word, dated: range, excludingSource: sourceID)
    }
    func item(key: String) throws -> StoredItem? { try store.item(key: key) }

    /// Saves what a decision says; identities already taken by another item keep pointing there.
    func apply(_ decision: MergeDecision) throws {
        if let stored = decision.stored {
            try store.save(stored, identities: decision.identities, titleWords: decision.titleWords)
        } else if !decision.identities.isEmpty {
            try store.addIdentities(decision.identities, key: decision.key)
        }
    }
}
