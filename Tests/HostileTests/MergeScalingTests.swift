import AggregateMerge
import AggregateModel
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// One source with thousands of look-alike headlines must neither make the merge compare every pair nor
/// hide another source's copy of one of them.
@Suite struct MergeScalingTests {
    /// The store as the pipeline sees it, counting what the merge asks of it.
    final class CountingLookup: MergeLookup {
        let store: Store
        var reads = 0
        var candidates = 0
        init(store: Store) { self.store = store }
        func key(for identity: ItemIdentity) throws -> String? { try store.key(for: identity) }
        func wordFrequencies(_ words: [String]) throws -> [String: Int] { try store.wordFrequencies(words) }
        func titleCandidates(containing word: String, dated range: ClosedRange<Date>, limit: Int) throws -> [TitleCandidate] {
            let found = try store.titleCandidates(containing: word, dated: range, limit: limit)
            candidates += found.count
            return found
        }
        func item(key: String) throws -> StoredItem? {
            reads += 1
            return try store.item(key: key)
        }
        func apply(_ decision: MergeDecision) throws {
            if let stored = decision.stored {
                try store.save(
                    stored, identities: decision.identities, titleWords: decision.titleWords,
                    normalizedTitle: decision.normalizedTitle, isNew: decision.outcome == .new)
            } else {
                try store.addIdentities(decision.identities, key: decision.key)
            }
        }
    }

    @Test(arguments: [17, 211, 398])
    func aFloodOfLookAlikeHeadlinesStaysBoundedAndHidesNoDuplicate(copied: Int) throws {
        let folder = try TestPaths.temporaryDirectory("aggregate-merge-scaling")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("aggregate.sqlite").path)
        let lookup = CountingLookup(store: store)
        let merger = Merger()
        let now = Date(timeIntervalSince1970: 1_795_953_600)
        let flood = SourceSettings(id: "flood", location: "https://flood.example.com/feed.xml", name: "Flood", categories: ["world"])
        let other = SourceSettings(id: "other", location: "https://other.example.com/feed.xml", name: "Other", categories: ["world"])
        let feed = Feed(format: .rss20, link: "https://flood.example.com/")
        let count = 400
        try store.transaction {
            for n in 0..<count {
                let entry = Entry(id: "f\(n)", title: "Flood bulletin update number \(n)", link: "https://flood.example.com/\(n)", published: now)
                try lookup.apply(try merger.merge(entry, feed: feed, source: flood, categories: ["world"], now: now, lookup: lookup))
            }
        }
        // Bounded work: no item read back, at most a fixed number of candidates per headline.
        #expect(lookup.reads == 0)
        // At most two postings of 64 per headline, however many look alike.
        #expect(lookup.candidates <= 128 * count, "\(lookup.candidates) candidates for \(count) headlines")
        // Another source's copy of one of them is still found as the same story.
        let copy = Entry(id: "o1", title: "Flood bulletin update number \(copied)", link: "https://other.example.com/\(copied)", published: now)
        let decision = try merger.merge(copy, feed: feed, source: other, categories: ["world"], now: now, lookup: lookup)
        #expect(decision.outcome == .duplicate, "the copy of \(copied) was taken for a new story")
    }
}
