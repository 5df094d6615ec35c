import AggregateModel
import Foundation
import Testing

@testable import AggregateMerge

/// A store held in memory, applying decisions as the pipeline does.
final class MemoryLookup: MergeLookup {
    var items: [String: StoredItem] = [:]
    var identities: [ItemIdentity: String] = [:]
    var words: [String: Set<String>] = [:]
    var titles: [String: String] = [:]

    func key(for identity: ItemIdentity) -> String? { identities[identity] }
    func wordFrequencies(_ words: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: words.compactMap { word in self.words[word].map { (word, $0.count) } })
    }
    func titleCandidates(containing word: String, dated range: ClosedRange<Date>, limit: Int) -> [TitleCandidate] {
        let keys = (words[word] ?? []).filter { items[$0].map { range.contains($0.item.displayDate) } ?? false }
        return keys.sorted().prefix(limit).map { TitleCandidate(key: $0, normalizedTitle: titles[$0] ?? "", sourceID: items[$0]?.item.provenance.source.sourceID ?? "") }
    }
    func item(key: String) -> StoredItem? { items[key] }

    func apply(_ decision: MergeDecision) {
        if let stored = decision.stored { items[decision.key] = stored }
        for identity in decision.identities where identities[identity] == nil { identities[identity] = decision.key }
        for word in decision.titleWords { words[word, default: []].insert(decision.key) }
        if decision.stored != nil { titles[decision.key] = decision.normalizedTitle }
    }
}

struct MergerTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let xinhua = SourceSettings(id: "xinhua", location: "https://xinhua.example.com/rss", name: "Xinhua", categories: ["china"])
    let aljazeera = SourceSettings(id: "aj", location: "https://aljazeera.example.com/rss", name: "Al Jazeera", categories: ["world"], priority: 1)
    let dawn = SourceSettings(id: "dawn", location: "https://dawn.example.net/rss", name: "Dawn", categories: ["pakistan"])

    func merge(_ entry: Entry, from source: SourceSettings, into lookup: MemoryLookup, merger: Merger = Merger(), at date: Date? = nil) throws -> MergeDecision {
        let decision = try merger.merge(entry, feed: Feed(format: .rss20, link: "https://\(source.id).example/"), source: source, categories: source.categories, now: date ?? now, lookup: lookup)
        lookup.apply(decision)
        return decision
    }

    @Test func sameEntryTwiceIsUnchanged() throws {
        let lookup = MemoryLookup()
        let entry = Entry(id: "a1", title: "China, Central Asia solidify regional partnership", link: "https://xinhua.example.com/a1", published: now.addingTimeInterval(-3600))
        #expect(try merge(entry, from: xinhua, into: lookup).outcome == .new)
        #expect(try merge(entry, from: xinhua, into: lookup).outcome == .unchanged)
        #expect(lookup.items.count == 1)
    }

    @Test func newerDateAloneDoesNotResurface() throws {
        let lookup = MemoryLookup()
        var entry = Entry(id: "a1", title: "Story", link: "https://xinhua.example.com/a1", published: now.addingTimeInterval(-7200))
        let first = try merge(entry, from: xinhua, into: lookup)
        entry.published = now.addingTimeInterval(-60)
        #expect(try merge(entry, from: xinhua, into: lookup).outcome == .unchanged)
        #expect(lookup.items[first.key]?.item.published == now.addingTimeInterval(-7200))
    }

    @Test func changedContentIsUpdatedInPlace() throws {
        let lookup = MemoryLookup()
        var entry = Entry(id: "a1", title: "Story", link: "https://xinhua.example.com/a1", published: now.addingTimeInterval(-7200), summary: "<p>First</p>")
        let first = try merge(entry, from: xinhua, into: lookup)
        entry.summary = "<p>Corrected</p>"
        let second = try merge(entry, from: xinhua, into: lookup, at: now.addingTimeInterval(600))
        #expect(second.outcome == .updated)
        #expect(second.key == first.key)
        #expect(lookup.items[first.key]?.item.summary == "<p>Corrected</p>")
        #expect(lookup.items[first.key]?.item.firstSeen == now)
        #expect(lookup.items.count == 1)
    }

    /// Stores made by earlier versions hold content hashes of another kind (`StableHash.hex` of the same parts):
    /// an item they hold is not taken for changed, and a changed one is stored with this version's hash.
    @Test func contentHashedByAnEarlierVersionIsRecognised() throws {
        let lookup = MemoryLookup()
        var entry = Entry(id: "a1", title: "Story", link: "https://xinhua.example.com/a1", published: now.addingTimeInterval(-7200), summary: "<p>First</p>")
        let first = try merge(entry, from: xinhua, into: lookup)
        let current = try #require(lookup.items[first.key]?.contentHash)
        #expect(current.hasPrefix("w") && current.count == 33)
        // The earlier hash: title, link, summary, content, author, image, then the upstream's name and feed.
        let earlier = StableHash.hex(joining: ["Story", "https://xinhua.example.com/a1", "<p>First</p>", "", "", "", "", ""], separator: 0x1F)
        lookup.items[first.key]?.contentHash = earlier
        #expect(try merge(entry, from: xinhua, into: lookup).outcome == .unchanged)
        #expect(lookup.items[first.key]?.contentHash == earlier)
        entry.summary = "<p>Corrected</p>"
        let second = try merge(entry, from: xinhua, into: lookup, at: now.addingTimeInterval(600))
        #expect(second.outcome == .updated)
        #expect(lookup.items[first.key]?.contentHash.hasPrefix("w") == true)
        #expect(try merge(entry, from: xinhua, into: lookup).outcome == .unchanged)
    }

    @Test func futureDatesAreClampedToFirstSeen() throws {
        let lookup = MemoryLookup()
        let entry = Entry(id: "f", title: "Scheduled", link: "https://xinhua.example.com/f", published: now.addingTimeInterval(86_400 * 3))
        let decision = try merge(entry, from: xinhua, into: lookup)
        #expect(decision.stored?.item.published == now)
    }

    @Test func sameLinkWithTrackingFromAnotherSourceIsOneItem() throws {
        let lookup = MemoryLookup()
        let a = Entry(id: "x-1", title: "Pakistan budget targets growth - Xinhua", link: "https://www.example.com/story", published: now.addingTimeInterval(-3600))
        let b = Entry(id: "d-9", title: "Budget day in Islamabad", link: "http://www.example.com/story?utm_source=rss&utm_medium=feed", published: now.addingTimeInterval(-1800))
        let first = try merge(a, from: xinhua, into: lookup)
        let second = try merge(b, from: dawn, into: lookup)
        #expect(second.outcome == .duplicate)
        #expect(second.key == first.key)
        let item = try #require(lookup.items[first.key]?.item)
        #expect(item.provenance.source.name == "Xinhua")
        #expect(item.alsoReportedBy.map(\.name) == ["Dawn"])
        #expect(Set(item.categories) == ["china", "pakistan"])
        // Seen again in a later run: still one item, Dawn credited once.
        #expect(try merge(b, from: dawn, into: lookup).outcome == .unchanged)
        #expect(lookup.items[first.key]?.item.alsoReportedBy.count == 1)
    }

    @Test func similarHeadlineWithinWindowIsTheSameStory() throws {
        let lookup = MemoryLookup()
        let a = Entry(id: "x", title: "China, Central Asia solidify regional partnership - Xinhua", link: "https://xinhua.example.com/1", published: now.addingTimeInterval(-7200))
        let b = Entry(id: "d", title: "China and Central Asia solidify regional partnership – Dawn", link: "https://dawn.example.net/2", published: now.addingTimeInterval(-3600))
        _ = try merge(a, from: xinhua, into: lookup)
        #expect(try merge(b, from: dawn, into: lookup).outcome == .duplicate)
        // Outside the window: another story.
        let late = Entry(id: "d2", title: "China and Central Asia solidify regional partnership", link: "https://dawn.example.net/3", published: now.addingTimeInterval(86_400 * 5))
        #expect(try merge(late, from: dawn, into: lookup, at: now.addingTimeInterval(86_400 * 5)).outcome == .new)
    }

    @Test func higherPrioritySourceBecomesPrimary() throws {
        let lookup = MemoryLookup()
        let merger = Merger(priorities: ["aj": 1, "xinhua": 100])
        let a = Entry(id: "x", title: "Summit opens in Astana", link: "https://www.example.com/summit", published: now.addingTimeInterval(-3600))
        let b = Entry(id: "j", title: "Summit opens in Astana | Al Jazeera", link: "https://www.example.com/summit?utm_campaign=x", published: now.addingTimeInterval(-1800))
        let first = try merge(a, from: xinhua, into: lookup, merger: merger)
        _ = try merge(b, from: aljazeera, into: lookup, merger: merger)
        let item = try #require(lookup.items[first.key]?.item)
        #expect(item.provenance.source.name == "Al Jazeera")
        #expect(item.alsoReportedBy.map(\.name) == ["Xinhua"])
        #expect(item.key == first.key)
    }

    @Test func upstreamSourceIsCredited() throws {
        let lookup = MemoryLookup()
        let entry = Entry(id: "u", title: "Wire story", link: "https://xinhua.example.com/u", source: DeclaredSource(title: "Associated Wire", url: "https://wire.example.org/feed.xml"))
        let item = try #require(try merge(entry, from: xinhua, into: lookup).stored?.item)
        #expect(item.provenance.primaryCredit.name == "Associated Wire")
        #expect(item.provenance.source.name == "Xinhua")
    }
}

/// The shared-rare-words count that ranks near-duplicate candidates: the byte path for ASCII must count what
/// the general path (a Set of `words(ofNormalized:)`) counts.
struct SharedWordCountTests {
    @Test(arguments: [
        (["china", "asia"], "china central asia partnership", 2),
        (["chin", "asia"], "china central asia", 1),
        (["partnership"], "partnership", 1),
        (["par"], "a par", 1),
        (["zzz", "yyy", "xxx"], "china central asia", 0),
        (["4", "2"], "pakistans budget targets 4 2 growth", 2),
        (["москва", "china"], "china москва новости", 2),
        (["北京", "china"], "china 北京市", 2),  // CJK splits into pairs: 北京, 京市
        (["china"], "", 0),
        (["москва", "новости"], "москва  новости", 2),
        (["cafe\u{301}"], "caf\u{e9} noir", 1),  // canonically equal, as the Set finds it
        (["ﾃｽﾄ"], "テスト", 0),
    ] as [([String], String, Int)])
    func countsLikeTheGeneralPath(_ words: [String], _ title: String, _ expected: Int) {
        let general = Set(TitleNormalizer.words(ofNormalized: title))
        #expect(words.filter(general.contains).count == expected)
        #expect(TitleNormalizer.count(of: words, inNormalized: title) == expected)
    }
}
