import AggregateModel
import Foundation

/// Recognises each entry of a source as new, changed, another source's copy of a known story, or unchanged.
public struct Merger: Sendable {
    public var settings: MergeSettings
    /// Source id to priority; lower wins when two sources report the same story.
    public var priorities: [String: Int]

    public init(settings: MergeSettings = MergeSettings(), priorities: [String: Int] = [:]) {
        self.settings = settings
        self.priorities = priorities
    }

    /// Merges one entry of `feed`, read from `source`, into what `lookup` holds.
    /// `categories` are the slugs the entry is routed to.
    public func merge(
        _ entry: Entry, feed: Feed, source: SourceSettings, categories: [String], now: Date, lookup: some MergeLookup
    ) throws -> MergeDecision {
        let candidate = Candidate(entry: entry, feed: feed, source: source, categories: categories, now: now, settings: settings)

        if let key = try firstKey(for: candidate.identities, lookup: lookup), let stored = try lookup.item(key: key) {
            if stored.item.provenance.source.sourceID == source.id {
                return sameSource(candidate, stored: stored)
            }
            if stored.item.alsoReportedBy.contains(where: { $0.sourceID == source.id }) {
                return MergeDecision(outcome: .unchanged, stored: nil, key: key, identities: candidate.identities, titleWords: [])
            }
            return duplicate(candidate, of: stored)
        }
        if let stored = try similarStory(to: candidate, lookup: lookup) {
            return duplicate(candidate, of: stored)
        }
        let item = candidate.makeItem(key: StableHash.uuidURN(source.id + "\u{1F}" + candidate.identityName), firstSeen: now)
        return MergeDecision(
            outcome: .new, stored: StoredItem(item: item, contentHash: candidate.contentHash), key: item.key,
            identities: candidate.identities, titleWords: candidate.titleWords)
    }

    private func firstKey(for identities: [ItemIdentity], lookup: some MergeLookup) throws -> String? {
        for identity in identities {
            if let key = try lookup.key(for: identity) { return key }
        }
        return nil
    }

    /// The same source again: unchanged, or changed in place without moving it up the feed.
    private func sameSource(_ candidate: Candidate, stored: StoredItem) -> MergeDecision {
        let old = stored.item
        guard candidate.contentHash != stored.contentHash else {
            return MergeDecision(outcome: .unchanged, stored: nil, key: old.key, identities: candidate.identities, titleWords: [])
        }
        var item = candidate.makeItem(key: old.key, firstSeen: old.firstSeen)
        item.published = old.published ?? item.published
        item.updated = candidate.updated ?? candidate.now
        item.alsoReportedBy = old.alsoReportedBy
        item.categories = union(old.categories, item.categories)
        return MergeDecision(
            outcome: .updated, stored: StoredItem(item: item, contentHash: candidate.contentHash), key: old.key,
            identities: candidate.identities, titleWords: candidate.titleWords)
    }

    /// Another source's copy: credit it, and make it the primary copy when its source ranks higher or it came first.
    private func duplicate(_ candidate: Candidate, of stored: StoredItem) -> MergeDecision {
        let old = stored.item
        let credit = candidate.credit
        let oldPriority = priorities[old.provenance.source.sourceID] ?? 100
        let newPriority = priorities[candidate.source.id] ?? 100
        let newIsEarlier = (candidate.published ?? .distantFuture) < (old.published ?? .distantFuture)
        let promote = newPriority < oldPriority || (newPriority == oldPriority && newIsEarlier)

        var result: StoredItem
        if promote {
            var item = candidate.makeItem(key: old.key, firstSeen: min(old.firstSeen, candidate.now))
            var oldCredit = old.provenance.source
            oldCredit.link = old.link
            item.alsoReportedBy = [oldCredit] + old.alsoReportedBy.filter { $0.sourceID != candidate.source.id }
            item.categories = union(old.categories, item.categories)
            result = StoredItem(item: item, contentHash: candidate.contentHash)
        } else {
            var item = old
            item.alsoReportedBy.append(credit)
            item.categories = union(old.categories, candidate.categories)
            result = StoredItem(item: item, contentHash: stored.contentHash)
        }
        let words = TitleNormalizer.indexWords(ofNormalized: TitleNormalizer.normalize(result.item.title))
        return MergeDecision(outcome: .duplicate, stored: result, key: old.key, identities: candidate.identities, titleWords: words)
    }

    /// The same story under another URL: a close headline from another source within the time window.
    private func similarStory(to candidate: Candidate, lookup: some MergeLookup) throws -> StoredItem? {
        let range = candidate.date.addingTimeInterval(-settings.window)...candidate.date.addingTimeInterval(settings.window)
        // The longest words are the rarest: a true duplicate shares at least one of them.
        let probes = candidate.titleWords.sorted { ($0.count, $0) > ($1.count, $1) }.prefix(3)
        var seen = Set<String>()
        var best: (score: Double, item: StoredItem)?
        for word in probes {
            for key in try lookup.keys(withTitleWord: word, dated: range, excludingSource: candidate.source.id) where seen.insert(key).inserted {
                guard let stored = try lookup.item(key: key) else { continue }
                let item = stored.item
                // NOTE: one source's two similar headlines are two stories (live updates, daily briefings).
                if item.provenance.source.sourceID == candidate.source.id { continue }
                let score = TitleSimilarity.score(candidate.normalizedTitle, TitleNormalizer.normalize(item.title))
                if score >= settings.titleThreshold, score > (best?.score ?? 0) { best = (score, stored) }
            }
        }
        return best?.item
    }

    private func union(_ a: [String], _ b: [String]) -> [String] {
        var seen = Set<String>()
        return (a + b).filter { seen.insert($0).inserted }
    }
}
