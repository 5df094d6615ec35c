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
        try merge(prepare(entry, feed: feed, source: source, categories: categories, now: now), lookup: lookup)
    }

    /// The part of merging that needs no store (identities, hashes, the normalized headline): safe on any thread,
    /// so a run prepares the next source's entries while it merges the current one.
    public func prepare(_ entry: Entry, feed: Feed, source: SourceSettings, categories: [String], now: Date) -> PreparedEntry {
        let candidate = Candidate(entry: entry, feed: feed, source: source, categories: categories, now: now, settings: settings)
        let newItem = candidate.makeItem(key: StableHash.uuidURN(joining: [source.id, candidate.identityName], separator: 0x1F), firstSeen: now)
        return PreparedEntry(candidate: candidate, newItem: newItem)
    }

    /// Merges an entry `prepare` made (with these settings) into what `lookup` holds.
    public func merge(_ prepared: PreparedEntry, lookup: some MergeLookup) throws -> MergeDecision {
        let candidate = prepared.candidate
        let sourceID = candidate.sourceID

        // One look-up of the identities and of the item they name (they were made twice).
        if let key = try firstKey(for: candidate.identities, lookup: lookup) {
            guard let stored = try lookup.item(key: key) else {
                // Pruned: shown nowhere any more, and must not come back as a new story.
                return MergeDecision(outcome: .unchanged, stored: nil, key: key, identities: candidate.identities, titleWords: [])
            }
            if stored.item.provenance.source.sourceID == sourceID {
                return sameSource(candidate, stored: stored)
            }
            if stored.item.alsoReportedBy.contains(where: { $0.sourceID == sourceID }) {
                return MergeDecision(outcome: .unchanged, stored: nil, key: key, identities: candidate.identities, titleWords: [])
            }
            return duplicate(candidate, of: stored)
        }
        if let stored = try similarStory(to: candidate, headline: prepared.headline, lookup: lookup) {
            return duplicate(candidate, of: stored)
        }
        return .new(prepared)
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
        guard !candidate.hasContent(hashed: stored.contentHash) else {
            return MergeDecision(outcome: .unchanged, stored: nil, key: old.key, identities: candidate.identities, titleWords: [])
        }
        var item = candidate.makeItem(key: old.key, firstSeen: old.firstSeen)
        item.published = old.published ?? item.published
        item.updated = candidate.updated ?? candidate.now
        item.alsoReportedBy = old.alsoReportedBy
        item.categories = union(old.categories, item.categories)
        return MergeDecision(
            outcome: .updated, stored: StoredItem(item: item, contentHash: candidate.contentHash), key: old.key,
            identities: candidate.identities, titleWords: candidate.titleWords, normalizedTitle: candidate.normalizedTitle)
    }

    /// Another source's copy: credit it, and make it the primary copy when its source ranks higher or it came first.
    private func duplicate(_ candidate: Candidate, of stored: StoredItem) -> MergeDecision {
        let old = stored.item
        let credit = candidate.credit
        let oldPriority = priorities[old.provenance.source.sourceID] ?? 100
        let newPriority = priorities[candidate.sourceID] ?? 100
        // Priority, then the earlier date, then the source id: the same primary whatever order the sources arrive in.
        let newDate = candidate.published ?? .distantFuture
        let oldDate = old.published ?? .distantFuture
        let promote = (newPriority, newDate, candidate.sourceID) < (oldPriority, oldDate, old.provenance.source.sourceID)

        var result: StoredItem
        if promote {
            var item = candidate.makeItem(key: old.key, firstSeen: min(old.firstSeen, candidate.now))
            var oldCredit = old.provenance.source
            oldCredit.link = old.link
            item.alsoReportedBy = [oldCredit] + old.alsoReportedBy.filter { $0.sourceID != candidate.sourceID }
            item.categories = union(old.categories, item.categories)
            result = StoredItem(item: item, contentHash: candidate.contentHash)
        } else {
            var item = old
            item.alsoReportedBy.append(credit)
            item.categories = union(old.categories, candidate.categories)
            result = StoredItem(item: item, contentHash: stored.contentHash)
        }
        let normalized = promote ? candidate.normalizedTitle : TitleNormalizer.normalize(result.item.title)
        let words = TitleNormalizer.indexWords(ofNormalized: normalized)
        return MergeDecision(
            outcome: .duplicate, stored: result, key: old.key, identities: candidate.identities, titleWords: words,
            normalizedTitle: normalized)
    }

    /// The same story under another URL: a close headline from another source within the time window.
    private func similarStory(to candidate: Candidate, headline prepared: TitleSimilarity.Prepared, lookup: some MergeLookup) throws -> StoredItem? {
        let range = candidate.date.addingTimeInterval(-settings.window)...candidate.date.addingTimeInterval(settings.window)
        // A true duplicate shares the rarest words of the headline (names, places, numbers): at least two of
        // its three rarest, so it holds the rarest or the second rarest. Only those two postings are read,
        // newest first and bounded, so the work per item does not grow with the store.
        let counts = try lookup.titleCounts(candidate.titleWords, keys: candidate.titleKeys)
        let rare = Self.rarest(3, of: candidate.titleWords, counts: counts)
        guard !rare.isEmpty else { return nil }
        let needed = min(2, rare.count)
        // A distinctive word is indexed wherever it appears, so counting it among the indexed words is counting
        // it in the title, without splitting every pooled headline. (The rare words are title words: all
        // distinctive or none.)
        let query = TitleQuery(
            rare: rare, needed: needed, range: range, sourceID: candidate.sourceID,
            rareAreDistinctive: candidate.titleWordsAreDistinctive)
        // Scored where the lookup keeps them: copied out, each candidate's references were retained and released,
        // a cache miss each on a stored headline's objects (a quarter of the search's time on the merging thread).
        let key = try lookup.bestTitleCandidate(query) { form, title in
            prepared.match(form, title: title, threshold: settings.titleThreshold)
        }
        return try key.flatMap { try lookup.item(key: $0) }
    }

    /// The `limit` words the fewest titles hold (`counts[i]` for `words[i]`, nil for none: left out), the fewest
    /// first, then by word. By insertion into a list of `limit`: the library's sort took a buffer for every search.
    static func rarest(_ limit: Int, of words: [String], counts: [Int?]) -> [String] {
        var chosen: [(count: Int, word: String)] = []
        chosen.reserveCapacity(limit + 1)
        for (word, count) in zip(words, counts) {
            guard let count else { continue }
            var place = chosen.count
            while place > 0 && (count, word) < (chosen[place - 1].count, chosen[place - 1].word) { place -= 1 }
            guard place < limit else { continue }
            chosen.insert((count, word), at: place)
            if chosen.count > limit { chosen.removeLast() }
        }
        return chosen.map(\.word)
    }

    private func union(_ a: [String], _ b: [String]) -> [String] {
        var seen = Set<String>()
        return (a + b).filter { seen.insert($0).inserted }
    }
}

/// An entry made ready to merge by `Merger.prepare`. A class: as a struct of some fifty references, each read of
/// it on the merging thread retained and released every one of them.
public final class PreparedEntry: Sendable {
    let candidate: Candidate
    var headline: TitleSimilarity.Prepared { candidate.headline }
    /// The item the entry becomes if it is new (made here, off the merging thread).
    public let newItem: Item

    init(candidate: Candidate, newItem: Item) {
        self.candidate = candidate
        self.newItem = newItem
    }

    /// The headline made ready for comparison, for the store to keep when it saves the item under the
    /// entry's own normalized title (`MergeDecision.normalizedTitle` equal to `normalizedTitle`).
    public var headlineForm: (any HeadlineForm)? { headline.form }
    public var normalizedTitle: String { candidate.normalizedTitle }
    /// The title words a new item is indexed under.
    public var titleWords: [String] { candidate.titleWords }
    /// The hash of what the new item shows (see `Candidate.contentHash`).
    public var contentHash: String { candidate.contentHash }
}
