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
    /// Items dated within `range` whose titles hold `word` (see `TitleNormalizer.indexWords`), newest first.
    func titleCandidates(containing word: String, dated range: ClosedRange<Date>, limit: Int) throws -> [TitleCandidate]
    func item(key: String) throws -> StoredItem?
    /// For each candidate, how many of `words` are among the words its title was indexed under
    /// (`TitleNormalizer.indexWords`); nil when the lookup does not know them.
    func indexedWordCounts(_ words: [String], in candidates: [TitleCandidate]) throws -> [Int]?
}

extension MergeLookup {
    public func indexedWordCounts(_ words: [String], in candidates: [TitleCandidate]) throws -> [Int]? { nil }
}
