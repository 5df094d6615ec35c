import AggregateModel
@testable import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// A first run's store keeps new items dated before its horizon out of its tables until `seal`. Nothing may show
/// it: what the store reads, lists and leaves on disk is what a store that set nothing aside reads, lists and leaves.
struct AsideItemsTests {
    static let horizon = 100_000.0

    func item(_ key: String, date: Double, categories: [String], source: String, version: Int) -> Item {
        Item(
            key: key, title: "Title \(key) v\(version)", link: "https://example.org/\(key)", published: Date(timeIntervalSince1970: date),
            updated: nil, firstSeen: Date(timeIntervalSince1970: date), author: "A. Writer", summary: "<p>Summary \(version)</p>",
            content: String(repeating: "<p>Body of \(key).</p>", count: 1 + version % 7), tags: ["t"], enclosures: [], image: nil,
            provenance: Provenance(source: Credit(sourceID: source, name: "Source \(source)", feedURL: "https://example.org/\(source)")),
            categories: categories)
    }

    /// The same saves, in the same batches, into a store that sets items aside and one that does not.
    func saveTheSameInto(_ stores: [Store], seed: UInt64) throws -> [String] {
        var random = SplitMix64(seed: seed)
        var saved: [String: Int] = [:]
        let categories = ["a", "b", "c"]
        for batch in 0..<20 {
            for store in stores { try store.beginBatch() }
            for step in 0..<25 {
                // New keys, and saved ones again (a duplicate's update), dated on both sides of the horizon.
                let key = random.below(3) == 0 && !saved.isEmpty ? "k\(random.below(saved.count))" : "k\(saved.count)"
                let version = (saved[key] ?? -1) + 1
                let date = Self.horizon + Double(random.below(8_000)) - 4_000
                let picked = (0..<1 + random.below(3)).map { _ in categories[random.below(3)] }
                let source = "s\(random.below(4))"
                let stored = StoredItem(item: item(key, date: date, categories: picked, source: source, version: version), contentHash: "h\(version)")
                let identity = ItemIdentity(kind: .guid, value: "\(key)#\(batch)-\(step)")
                for store in stores {
                    try store.transaction {
                        try store.save(stored, identities: [identity], titleWords: ["title", key], normalizedTitle: "title \(key)", isNew: version == 0)
                    }
                }
                saved[key] = version
            }
            for store in stores { try store.commitBatch() }
        }
        return saved.keys.sorted()
    }

    /// Every row of the store, by key: item, JSON, categories, identities.
    func rows(_ path: String) throws -> [String] {
        let db = try SQLiteDatabase(path: path)
        var rows: [String] = []
        for sql in [
            "SELECT i.key, i.source_id, i.date, i.content_hash, i.title_norm, i.title_words, hex(d.data) FROM items i JOIN item_data d ON d.id = i.id ORDER BY i.key",
            "SELECT category, date, key, source_id FROM item_categories ORDER BY category, date, key",
            "SELECT kind, value, key FROM identities ORDER BY kind, value",
            "SELECT count(*) FROM item_data",
        ] {
            rows += try db.prepare(sql).query { row in (0..<7).map { row.text($0) ?? "" }.joined(separator: "|") }
        }
        return rows
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func aStoreSettingItemsAsideReadsListsAndKeepsWhatAnotherDoes(seed: UInt64) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let asidePath = folder.appendingPathComponent("aside.sqlite").path, plainPath = folder.appendingPathComponent("plain.sqlite").path
        let placePath = folder.appendingPathComponent("place.sqlite").path
        let aside = try Store.fresh(path: asidePath, settingAsideBefore: Date(timeIntervalSince1970: Self.horizon))
        let plain = try Store.fresh(path: plainPath)
        // A first run's store finds an item's category rows by their primary key until `seal`; one in place by key.
        let place = try Store(path: placePath)
        let keys = try saveTheSameInto([aside, plain, place], seed: seed)
        for key in keys + ["missing"] {
            #expect(try aside.item(key: key) == plain.item(key: key))
        }
        var queries: [LatestItems] = []
        for category in [nil, "a", "b", "c", "none"] {
            for limit in [0, 1, 7, 60, 1_000] {
                for perSource in [nil, 1, 4] {
                    for since in [nil, Self.horizon - 2_000, Self.horizon + 1_000] {
                        queries.append(LatestItems(category: category, limit: limit, perSource: perSource, since: since.map { Date(timeIntervalSince1970: $0) }))
                    }
                }
            }
        }
        #expect(try aside.itemCountsBySource() == plain.itemCountsBySource())
        #expect(try aside.itemCountsByCategory() == plain.itemCountsByCategory())
        #expect(try place.itemCountsByCategory() == plain.itemCountsByCategory())
        let listed = try aside.latestItems(queries)
        #expect(listed == (try plain.latestItems(queries)))
        #expect(listed == (try place.latestItems(queries)))
        // The lists reach past the horizon: some items set aside are listed, and will be kept.
        #expect(listed.joined().contains { $0.displayDate.timeIntervalSince1970 < Self.horizon })
        var random = SplitMix64(seed: seed)
        let visible = Set(keys.filter { _ in random.below(4) == 0 })
        let before = Date(timeIntervalSince1970: Self.horizon)
        let pruned = try plain.seal(pruning: visible, before: before)
        #expect(try aside.seal(pruning: visible, before: before) == pruned)
        #expect(try place.seal(pruning: visible, before: before) == pruned)
        try aside.finish()
        try plain.finish()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix("place") }.sorted()
        #expect(names == ["aside.sqlite", "plain.sqlite"])
        let asideRows = try rows(asidePath)
        #expect(asideRows == (try rows(plainPath)))
        #expect(asideRows == (try rows(placePath)))
        #expect(asideRows.contains { $0.hasPrefix("k") })
        #expect(try Store(path: asidePath).integrityProblem() == nil)
    }

    /// A run that fails before `seal` keeps what it merged, as a store made in place keeps its commits: `finish`
    /// writes every item set aside, but those `prune` deleted.
    @Test func finishingWithoutSealingKeepsEveryItemSetAside() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let asidePath = folder.appendingPathComponent("aside.sqlite").path, plainPath = folder.appendingPathComponent("plain.sqlite").path
        let aside = try Store.fresh(path: asidePath, settingAsideBefore: Date(timeIntervalSince1970: Self.horizon))
        let plain = try Store.fresh(path: plainPath)
        _ = try saveTheSameInto([aside, plain], seed: 7)
        // While it is built, the scratch file is nowhere to be seen: a killed run leaves only what `fresh` clears.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["aside.sqlite.new", "plain.sqlite.new"])
        let visible: Set<String> = ["k1", "k2", "k3", "k50"]
        let pruned = try aside.prune(visible: visible, before: Date(timeIntervalSince1970: Self.horizon - 1_000))
        #expect(pruned > 0)
        #expect(try plain.prune(visible: visible, before: Date(timeIntervalSince1970: Self.horizon - 1_000)) == pruned)
        try aside.finish()
        try plain.finish()
        let asideRows = try rows(asidePath)
        #expect(asideRows == (try rows(plainPath)))
        #expect(try Store(path: asidePath).latestItems(category: nil, limit: 10_000).contains { $0.displayDate.timeIntervalSince1970 < Self.horizon })
    }

    /// A store of schema 2 keeps every item, with its JSON, when this version opens it.
    @Test func aStoreOfTheLastSchemaKeepsItsItems() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let old = item("old", date: 50, categories: ["a"], source: "s1", version: 3)
        do {
            let db = try SQLiteDatabase(path: path)
            for step in Schema.migrations[..<2] { try db.execute(step) }
            try db.execute("PRAGMA user_version = 2")
            try db.prepare("INSERT INTO items (key, source_id, date, content_hash, title_norm, title_words, data) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .run([.text("old"), .text("s1"), .real(50), .text("h3"), .text("title old"), .text("title old"), .blob(ItemJSON.encode(old))])
            try db.prepare("INSERT INTO item_categories (category, date, key, source_id) VALUES ('a', 50, 'old', 's1')").run()
        }
        let store = try Store(path: path)
        #expect(try store.item(key: "old") == StoredItem(item: old, contentHash: "h3"))
        #expect(try store.latestItems(category: "a", limit: 5) == [old])
        #expect(try store.titleCounts(["old"]) == [1])
        #expect(try store.schema().contains { $0.hasPrefix("item_data: CREATE TABLE") })
        #expect(try store.integrityProblem() == nil)
        // The old table's pages are given back, not left free in the file.
        #expect(try SQLiteDatabase(path: path).prepare("PRAGMA freelist_count").query { $0.integer(0) } == [0])
    }
}
