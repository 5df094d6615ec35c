import AggregateMerge
import AggregateModel
import AggregateStore
import Foundation

/// The store as the merge stage sees it.
public struct StoreLookup: MergeLookup {
    let store: Store

    public init(store: Store) { self.store = store }

    public func key(for identity: ItemIdentity) throws -> String? { try store.key(for: identity) }
    public func wordFrequencies(_ words: [String]) throws -> [String: Int] { try store.wordFrequencies(words) }
    public func titleCounts(_ words: [String]) throws -> [Int?] { try store.titleCounts(words) }
    public func titleCounts(_ words: [String], keys: [CanonicalWord]) throws -> [Int?] { try store.titleCounts(words, keys: keys) }
    public func titleCandidates(containing word: String, dated range: ClosedRange<Date>, limit: Int) throws -> [TitleCandidate] {
        try store.titleCandidates(containing: word, dated: range, limit: limit)
    }
    public func item(key: String) throws -> StoredItem? { try store.item(key: key) }
    public func rankedTitleCandidates(_ query: TitleQuery) throws -> [TitleCandidate] {
        guard query.rareAreDistinctive else { return try rankedTitleCandidatesByTitles(query) }
        return try store.rankedTitleCandidates(
            words: query.rare, needed: query.needed, dated: query.range, excludingSource: query.sourceID, perWord: query.perWord, keep: query.keep)
    }
    public func bestTitleCandidate(_ query: TitleQuery, score: HeadlineScore) throws -> String? {
        guard query.rareAreDistinctive else { return TitleQuery.best(of: try rankedTitleCandidatesByTitles(query), score: score) }
        return try store.bestTitleCandidate(
            words: query.rare, needed: query.needed, dated: query.range, excludingSource: query.sourceID, perWord: query.perWord, keep: query.keep,
            score: score)
    }

    /// Saves what a decision says; identities already taken by another item keep pointing there.
    /// `headline` is the form of the decision's normalized title, when already made.
    public func apply(_ decision: MergeDecision, headline: (any HeadlineForm)? = nil) throws {
        if let stored = decision.stored {
            try store.save(
                stored, identities: decision.identities, titleWords: decision.titleWords,
                normalizedTitle: decision.normalizedTitle, isNew: decision.outcome == .new, headlineForm: headline)
        } else if !decision.identities.isEmpty {
            try store.addIdentities(decision.identities, key: decision.key)
        }
    }

    /// The same for a decision on `entry`, whose new item `encoded` is (`Store.encode` of it): a new item is saved
    /// from `encoded`, without reading it from the decision.
    public func apply(_ decision: MergeDecision, of entry: PreparedEntry, encoded: Store.Encoded, headline: (any HeadlineForm)? = nil) throws {
        guard decision.isNewItem(of: entry) else { return try apply(decision, headline: headline) }
        try store.save(
            new: encoded, identities: decision.identities, titleWords: decision.titleWords, normalizedTitle: decision.normalizedTitle,
            headlineForm: headline)
    }
}
