import AggregateCore
@testable import AggregateMerge
import AggregateModel
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// The store's near-duplicate candidates (its title index, on word and slot numbers) are those the merge stage's
/// general ranking finds from the titles themselves: the same items, in the same order (most shared words, then
/// the greater key), for keys of every shape.
struct RankedCandidatesTests {
    @Test func theIndexRanksAsTheTitlesDo() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        var random = SplitMix64(seed: 11)
        // Up to 12 distinct words a title: more than the index keeps beside each slot (8), so the rest are read too.
        let vocabulary = ["pakistan", "budget", "india", "cricket", "flood", "summit", "election", "markets", "rupee", "2026", "zurich", "yemen", "xinjiang"]
        func key(_ n: Int) -> String {
            switch n % 5 {
            case 0: String(format: "urn:uuid:%08x-0000", UInt32(truncatingIfNeeded: random.next()))
            case 1: "urn:uuid:00000000-\(n)"  // the same first 16 bytes
            case 2: "k\(n % 13)-\(n)"
            case 3: n % 2 == 0 ? "\u{E9}-\(n)" : "e\u{301}-\(n)"  // not ASCII; canonically equal heads
            default: "urn:uuid:0000000\(n % 3)"
            }
        }
        var titles: [String] = []
        try store.transaction {
            for n in 0..<500 {
                let words = (0..<(2 + Int(random.next() % 11))).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
                let title = words.joined(separator: " ")
                titles.append(title)
                let date = Double(random.next() % 20) * 3_600
                var item = StoreTestItem.make(key(n) + "#\(n)", date: date, source: "s\(random.next() % 4)")
                item.title = title
                try store.save(
                    StoredItem(item: item, contentHash: "h"), identities: [],
                    titleWords: TitleNormalizer.indexWords(ofNormalized: title), normalizedTitle: title, isNew: true)
            }
        }
        let lookup = StoreLookup(store: store)
        var compared = 0, scored = 0
        for n in 0..<300 {
            // Sometimes the last words in the index's order, which a long title keeps past its first eight.
            let sorted = Array(Set(TitleNormalizer.indexWords(ofNormalized: titles[n]))).sorted()
            let words = n % 2 == 0 ? sorted.prefix(3) : sorted.suffix(3)
            let low = Double(random.next() % 20) * 3_600
            let query = TitleQuery(
                rare: Array(words), needed: min(2, words.count),
                range: Date(timeIntervalSince1970: low)...Date(timeIntervalSince1970: low + 8 * 3_600),
                sourceID: "s\(n % 4)", perWord: 64, keep: 16, rareAreDistinctive: true)
            let byIndex = try lookup.rankedTitleCandidates(query).map(\.key)
            let byTitles = try lookup.rankedTitleCandidatesByTitles(query).map(\.key)
            #expect(byIndex == byTitles, "\(query.rare)")
            if byIndex.count > 1 { compared += 1 }
            // Scored where the index keeps them, the best is the one the general ranking's list gives: the greatest
            // score, the first ranked of equal ones (lengths modulo 7 tie often), none for nil or 0.
            let score: HeadlineScore = { _, title in
                let value = Double(title().utf8.count % 7) / 6
                return value == 1 ? nil : value
            }
            let best = try lookup.bestTitleCandidate(query, score: score)
            #expect(best == TitleQuery.best(of: try lookup.rankedTitleCandidatesByTitles(query), score: score), "\(query.rare)")
            if best != nil && byIndex.count > 1 { scored += 1 }
        }
        #expect(compared > 100, "queries that ranked several candidates: \(compared)")
        #expect(scored > 50, "queries whose best of several was scored in place: \(scored)")
        #expect(titles.contains { Set(TitleNormalizer.indexWords(ofNormalized: $0)).count > 8 })
    }
}

/// A stored item for these tests.
enum StoreTestItem {
    static func make(_ key: String, date: TimeInterval, source: String) -> Item {
        Item(
            key: key, title: "", link: nil, published: Date(timeIntervalSince1970: date), updated: nil,
            firstSeen: Date(timeIntervalSince1970: date), author: nil, summary: nil, content: nil, tags: [], enclosures: [],
            image: nil, provenance: Provenance(source: Credit(sourceID: source, name: source, feedURL: "https://example.org/feed")),
            categories: ["x"])
    }
}
