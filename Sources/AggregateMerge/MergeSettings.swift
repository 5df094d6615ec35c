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
    /// Keys of items dated within `range` whose titles hold `word` (see `TitleNormalizer.indexWords`).
    func keys(withTitleWord word: String, dated range: ClosedRange<Date>) throws -> [String]
    func item(key: String) throws -> StoredItem?
    /// Like `keys(withTitleWord:dated:)`, leaving out items whose primary source is `sourceID`.
    func keys(withTitleWord word: String, dated range: ClosedRange<Date>, excludingSource sourceID: String) throws -> [String]
}

extension MergeLookup {
    /// Lookups that cannot filter by source return every key; the merge skips the source's own items itself.
    public func keys(withTitleWord word: String, dated range: ClosedRange<Date>, excludingSource sourceID: String) throws -> [String] {
        try keys(withTitleWord: word, dated: range)
    }
}
