import AggregateModel
import Foundation

/// How the merge stage recognises the same story.
public struct MergeSettings: Sendable, Hashable {
    /// Two headlines this close (see `TitleSimilarity`) and this close in time are one story.
    public var titleThreshold: Double
    public var window: TimeInterval
    /// Query parameters to drop from links, beyond `CanonicalURL.defaultTrackingParameters`.
    public var extraTrackingParameters: Set<String>

    public init(titleThreshold: Double = TitleSimilarity.defaultThreshold, window: TimeInterval = 48 * 3600, extraTrackingParameters: Set<String> = []) {
        self.titleThreshold = titleThreshold
        self.window = window
        self.extraTrackingParameters = extraTrackingParameters
    }
}

/// What the merge stage asks of the store.
public protocol MergeLookup {
    func key(for identity: ItemIdentity) throws -> String?
    /// How many stored titles hold each word; words no title holds may be left out.
    func wordFrequencies(_ words: [String]) throws -> [String: Int]
    /// `wordFrequencies` by position: the count of `words[i]` at `i`, nil where it is left out.
    func titleCounts(_ words: [String]) throws -> [Int?]
    /// The same, with `keys[i]` the `CanonicalWord` of `words[i]` (made beforehand, on another thread).
    func titleCounts(_ words: [String], keys: [CanonicalWord]) throws -> [Int?]
    /// Items dated within `range` whose titles hold `word` (see `TitleNormalizer.indexWords`), newest first.
    func titleCandidates(containing word: String, dated range: ClosedRange<Date>, limit: Int) throws -> [TitleCandidate]
    func item(key: String) throws -> StoredItem?
    /// The near-duplicate candidates of a headline (see `TitleQuery`).
    func rankedTitleCandidates(_ query: TitleQuery) throws -> [TitleCandidate]
    /// The key of the best of `rankedTitleCandidates(query)` by `score` of its kept form and normalized title (nil:
    /// not a match), the first in rank order of equal scores; nil when none scores above 0 (see `TitleQuery.best`).
    func bestTitleCandidate(_ query: TitleQuery, score: HeadlineScore) throws -> String?
}

/// Which stored headlines may be the same story as a new one: those within `range`, from another source than
/// `sourceID`, found under the first `needed` of its `rare` words (`perWord` each, newest first) and holding at
/// least `needed` of them; the most shared first, then the greater key, at most `keep`.
public struct TitleQuery: Sendable {
    public var rare: [String]
    public var needed: Int
    public var range: ClosedRange<Date>
    public var sourceID: String
    public var perWord = 64
    public var keep = 16
    /// Every rare word is one `TitleNormalizer.indexWords` keeps in any title holding it: then the words a
    /// title was indexed under tell which rare words it holds.
    public var rareAreDistinctive: Bool

    /// The key of the candidate with the greatest `score` (nil: not a match), the first of equal ones; nil when none
    /// scores above 0.
    public static func best(of candidates: [TitleCandidate], score: HeadlineScore) -> String? {
        var best: (score: Double, index: Int)?
        // By index: each candidate copied out of the array retained and released its four references.
        for index in candidates.indices {
            let value = score(candidates[index].form.map(LentForm.init), { candidates[index].normalizedTitle })
            guard let value, value > (best?.score ?? 0) else { continue }
            best = (value, index)
        }
        return best.map { candidates[$0.index].key }
    }
}

extension MergeLookup {
    public func titleCounts(_ words: [String]) throws -> [Int?] {
        let frequencies = try wordFrequencies(words)
        return words.map { frequencies[$0] }
    }

    public func titleCounts(_ words: [String], keys: [CanonicalWord]) throws -> [Int?] { try titleCounts(words) }

    public func rankedTitleCandidates(_ query: TitleQuery) throws -> [TitleCandidate] {
        try rankedTitleCandidatesByTitles(query)
    }

    public func bestTitleCandidate(_ query: TitleQuery, score: HeadlineScore) throws -> String? {
        TitleQuery.best(of: try rankedTitleCandidates(query), score: score)
    }

    /// `rankedTitleCandidates` from `titleCandidates`, counting the shared words in each headline.
    public func rankedTitleCandidatesByTitles(_ query: TitleQuery) throws -> [TitleCandidate] {
        var pool: [String: TitleCandidate] = [:]
        for word in query.rare.prefix(query.needed) {
            for other in try titleCandidates(containing: word, dated: query.range, limit: query.perWord) {
                // NOTE: one source's two similar headlines are two stories (live updates, daily briefings).
                if other.sourceID != query.sourceID { pool[other.key] = other }
            }
        }
        return pool.values.map { other -> (shared: Int, other: TitleCandidate) in
            (TitleNormalizer.count(of: query.rare, inNormalized: other.normalizedTitle), other)
        }
        .filter { $0.shared >= query.needed }
        .sorted { ($0.shared, $0.other.key) > ($1.shared, $1.other.key) }
        .prefix(query.keep)
        .map(\.other)
    }
}
