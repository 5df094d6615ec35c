import AggregateModel
@testable import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

struct StoreTests {
    func makeItem(_ key: String, date: TimeInterval, categories: [String], source: String = "s1") -> Item {
        Item(
            key: key, title: "Title \(key)", link: "https://example.org/\(key)", published: Date(timeIntervalSince1970: date),
            updated: nil, firstSeen: Date(timeIntervalSince1970: date), author: "A. Writer", summary: "<p>Summary</p>",
            content: nil, tags: ["t"], enclosures: [Enclosure(url: "https://example.org/\(key).jpg", type: "image/jpeg", length: 10)],
            image: nil, provenance: Provenance(source: Credit(sourceID: source, name: "Source \(source)", feedURL: "https://example.org/feed")),
            categories: categories)
    }

    @Test func itemsRoundTripAndSortNewestFirstPerCategory() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        do {
            let store = try Store(path: path)
            try store.transaction {
                try store.save(StoredItem(item: makeItem("a", date: 100, categories: ["china"]), contentHash: "h1"), identities: [ItemIdentity(kind: .url, value: "https://example.org/a")], titleWords: ["title", "alpha"], normalizedTitle: "title alpha")
                try store.save(StoredItem(item: makeItem("b", date: 300, categories: ["china", "tech"]), contentHash: "h2"), identities: [], titleWords: ["title"], normalizedTitle: "title")
                try store.save(StoredItem(item: makeItem("c", date: 200, categories: ["tech"], source: "s2"), contentHash: "h3"), identities: [], titleWords: [], normalizedTitle: "")
            }
        }
        // Reopened from disk: nothing lost.
        let store = try Store(path: path)
        #expect(try store.latestItems(category: "china", limit: 10).map(\.key) == ["b", "a"])
        #expect(try store.latestItems(category: "tech", limit: 1).map(\.key) == ["b"])
        #expect(try store.latestItems(category: nil, limit: 10).map(\.key) == ["b", "c", "a"])
        #expect(try store.item(key: "a")?.item == makeItem("a", date: 100, categories: ["china"]))
        #expect(try store.key(for: ItemIdentity(kind: .url, value: "https://example.org/a")) == "a")
        // Candidates by title word within a time range, and how many titles hold each word.
        let range = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 250)
        #expect(try store.titleCandidates(containing: "title", dated: range, limit: 10) == [TitleCandidate(key: "a", normalizedTitle: "title alpha", sourceID: "s1")])
        #expect(try store.titleCandidates(containing: "title", dated: Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 400), limit: 1).map(\.key) == ["b"], "newest first")
        #expect(try store.titleCandidates(containing: "unknown", dated: range, limit: 10).isEmpty)
        #expect(try store.wordFrequencies(["title", "alpha", "unknown"]) == ["title": 2, "alpha": 1])
        #expect(try store.itemCountsBySource() == ["s1": 2, "s2": 1])
        #expect(try store.integrityProblem() == nil)
    }

    /// A store of schema 3 loses `items_by_source` when this version opens it, and still counts items by source.
    @Test func aStoreOfSchema3LosesTheIndexBySource() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        do {
            let store = try Store(path: path)
            try store.transaction {
                for (index, source) in ["s1", "s2", "s1"].enumerated() {
                    try store.save(StoredItem(item: makeItem("k\(index)", date: Double(index), categories: ["a"], source: source), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
                }
            }
        }
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("CREATE INDEX items_by_source ON items(source_id); PRAGMA user_version = 3")
        }
        let store = try Store(path: path)
        #expect(try !store.schema().contains { $0.hasPrefix("items_by_source") })
        #expect(try store.schema().contains { $0.hasPrefix("items_by_date: CREATE INDEX") })
        #expect(try store.itemCountsBySource() == ["s1": 2, "s2": 1])
        #expect(try store.integrityProblem() == nil)
        #expect(try SQLiteDatabase(path: path).prepare("PRAGMA user_version").query { $0.integer(0) } == [Schema.version])
    }

    /// Several categories at once list what each asks alone; a cap per source keeps the newest of each source,
    /// equal dates ordered by key.
    @Test func latestItemsOfSeveralCategories() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        try store.transaction {
            for index in 0..<12 {
                let item = makeItem("k\(index)", date: Double(index / 2), categories: index % 3 == 0 ? ["a", "b"] : ["a"], source: "s\(index % 2)")
                try store.save(StoredItem(item: item, contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
            }
        }
        let queries = [
            LatestItems(category: "a", limit: 5), LatestItems(category: "b", limit: 10), LatestItems(category: "a", limit: 10, perSource: 2),
            LatestItems(category: "a", limit: 10, since: Date(timeIntervalSince1970: 4)), LatestItems(category: nil, limit: 3),
        ]
        let lists = try store.latestItems(queries)
        #expect(lists.map { $0.map(\.key) } == [
            ["k10", "k11", "k8", "k9", "k6"], ["k9", "k6", "k3", "k0"], ["k10", "k11", "k8", "k9"], ["k10", "k11", "k8", "k9"],
            ["k10", "k11", "k8"],
        ])
        for (query, list) in zip(queries, lists) {
            #expect(try store.latestItems(category: query.category, limit: query.limit, perSource: query.perSource, since: query.since) == list)
        }
    }

    @Test func failedTransactionLeavesNothing() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.transaction {
                try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
                throw Boom()
            }
        }
        #expect(try store.item(key: "a") == nil)
    }

    @Test func failedUnitInsideABatchRollsTheWholeBatchBack() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        try store.transaction {
            try store.save(StoredItem(item: makeItem("kept", date: 1, categories: ["x"]), contentHash: "h"), identities: [], titleWords: ["kept"], normalizedTitle: "kept")
        }
        struct Boom: Error {}
        try store.beginBatch()
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 2, categories: ["x"]), contentHash: "h"), identities: [ItemIdentity(kind: .url, value: "https://example.org/a")], titleWords: ["alpha"], normalizedTitle: "alpha")
        }
        #expect(throws: Boom.self) {
            try store.transaction {
                try store.save(StoredItem(item: makeItem("b", date: 3, categories: ["x"]), contentHash: "h"), identities: [], titleWords: ["beta"], normalizedTitle: "beta")
                throw Boom()
            }
        }
        // The batch is over: nothing of it stays, not even the unit that succeeded; what was committed before does.
        #expect(store.batchAge == nil)
        #expect(try store.item(key: "a") == nil)
        #expect(try store.item(key: "b") == nil)
        #expect(try store.key(for: ItemIdentity(kind: .url, value: "https://example.org/a")) == nil)
        #expect(try store.item(key: "kept") != nil)
        #expect(try store.wordFrequencies(["kept", "alpha", "beta"]) == ["kept": 1])
        // A new batch starts cleanly.
        try store.beginBatch()
        try store.transaction {
            try store.save(StoredItem(item: makeItem("c", date: 4, categories: ["x"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
        }
        try store.commitBatch()
        #expect(try store.item(key: "c") != nil)
        #expect(try store.integrityProblem() == nil)
    }

    /// A first run's store is built under a temporary name and appears whole at its path only at `finish`.
    @Test func aFreshStoreAppearsWholeAtFinish() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        // What a killed first run left, and a log a command left at the final name meanwhile.
        for leftover in [path + ".new", path + ".new-wal", path + "-wal"] { try Data("junk".utf8).write(to: URL(fileURLWithPath: leftover)) }
        let store = try Store.fresh(path: path)
        try store.beginBatch()
        for index in 0..<300 {
            try store.transaction {
                try store.save(StoredItem(item: makeItem("k\(index)", date: Double(index), categories: ["x"]), contentHash: "h"),
                               identities: [ItemIdentity(kind: .url, value: "https://example.org/\(index)")], titleWords: ["word\(index)"],
                               normalizedTitle: "title \(index)")
            }
        }
        try store.commitBatch()
        #expect(!FileManager.default.fileExists(atPath: path))
        // Sealed: closed and going to disk, still not in place.
        try store.seal()
        #expect(throws: StoreError.self) { try store.item(key: "k1") }
        #expect(!FileManager.default.fileExists(atPath: path))
        try store.finish()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["store.sqlite"])
        let reopened = try Store(path: path)
        #expect(try reopened.integrityProblem() == nil)
        // The indexes it built at the end are those a store made in place has.
        let inPlace = try Store(path: folder.appendingPathComponent("in-place.sqlite").path)
        #expect(try reopened.schema() == inPlace.schema())
        #expect(try reopened.schema().contains { $0.hasPrefix("items_by_date: CREATE INDEX") })
        #expect(try reopened.latestItems(category: "x", limit: 1_000).count == 300)
        #expect(try reopened.key(for: ItemIdentity(kind: .url, value: "https://example.org/299")) == "k299")
    }

    /// A pruned item leaves no category row behind (the store keeps that link itself), and its identities stay.
    @Test func pruningAnItemRemovesItsCategoryRows() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        try store.transaction {
            for (key, date) in [("old", 10.0), ("shown", 20.0), ("new", 500.0)] {
                try store.save(StoredItem(item: makeItem(key, date: date, categories: ["x", "y"]), contentHash: "h"),
                               identities: [ItemIdentity(kind: .url, value: "https://example.org/\(key)")], titleWords: [key], normalizedTitle: key)
            }
        }
        let removed = try store.transaction { try store.prune(visible: ["shown"], before: Date(timeIntervalSince1970: 100)) }
        #expect(removed == 1)
        #expect(try store.itemCountsByCategory() == ["x": 2, "y": 2])
        #expect(try store.latestItems(category: "x", limit: 10).map(\.key) == ["new", "shown"])
        #expect(try store.key(for: ItemIdentity(kind: .url, value: "https://example.org/old")) == "old")
        #expect(try store.item(key: "old") == nil)
        #expect(try store.integrityProblem() == nil)
    }

    /// Pruning while sealing leaves the rows `prune` leaves: a first run's store prunes on its sealing job, a store
    /// in place here, and stays open.
    @Test(arguments: [true, false]) func sealingPrunesAsPruneDoes(fresh: Bool) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = fresh ? try Store.fresh(path: path) : try Store(path: path)
        try store.transaction {
            for (key, date) in [("old", 10.0), ("older", 5.0), ("shown", 20.0), ("new", 500.0)] {
                try store.save(StoredItem(item: makeItem(key, date: date, categories: ["x", "y"]), contentHash: "h"),
                               identities: [ItemIdentity(kind: .url, value: "https://example.org/\(key)")], titleWords: [key], normalizedTitle: key)
            }
        }
        #expect(try store.seal(pruning: ["shown"], before: Date(timeIntervalSince1970: 100)) == 2)
        if fresh {
            #expect(throws: StoreError.self) { try store.item(key: "new") }
            try store.finish()
        }
        let reopened = fresh ? try Store(path: path) : store
        #expect(try reopened.itemCountsByCategory() == ["x": 2, "y": 2])
        #expect(try reopened.latestItems(category: "x", limit: 10).map(\.key) == ["new", "shown"])
        #expect(try reopened.item(key: "old") == nil && reopened.item(key: "older") == nil)
        #expect(try reopened.key(for: ItemIdentity(kind: .url, value: "https://example.org/old")) == "old")
        #expect(try reopened.integrityProblem() == nil)
    }

    /// An item saved again keeps exactly the category rows of its last save, whether it gains categories at the
    /// same date (its rows stay and the new ones are added), moves to another date, or loses some; in a store made
    /// in place as in one made by `fresh`, and after the title index is read back from the table.
    @Test(arguments: [false, true]) func categoryRowsFollowEachSaveAgain(fresh: Bool) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = fresh ? try Store.fresh(path: path) : try Store(path: path)
        func save(_ date: TimeInterval, _ categories: [String], isNew: Bool = false) throws {
            try store.transaction {
                try store.save(StoredItem(item: makeItem("k", date: date, categories: categories), contentHash: "h"),
                               identities: [], titleWords: ["k"], normalizedTitle: "k", isNew: isNew)
            }
        }
        func rows() throws -> [String: [String]] {
            try Dictionary(uniqueKeysWithValues: ["x", "y", "z"].map { ($0, try store.latestItems(category: $0, limit: 10).map(\.key)) })
        }
        func counts() throws -> [String: Int] { try store.itemCountsByCategory() }
        try save(10, ["x"], isNew: true)
        try save(10, ["x", "y"])
        #expect(try rows() == ["x": ["k"], "y": ["k"], "z": []])
        try save(10, ["z", "x", "y"])
        #expect(try counts() == ["x": 1, "y": 1, "z": 1])
        try save(20, ["y", "z"])
        #expect(try counts() == ["y": 1, "z": 1])
        try save(20, ["z"])
        #expect(try counts() == ["z": 1])
        #expect(try store.latestItems(category: "z", limit: 10).map { $0.displayDate.timeIntervalSince1970 } == [20])
        if !fresh {
            // Read back from the table: the categories of the rows are not known, and the rows are replaced whole.
            let reopened = try Store(path: path)
            try reopened.transaction {
                try reopened.save(StoredItem(item: makeItem("k", date: 20, categories: ["z", "x"]), contentHash: "h"),
                                  identities: [], titleWords: ["k"], normalizedTitle: "k")
            }
            #expect(try reopened.itemCountsByCategory() == ["x": 1, "z": 1])
            #expect(try reopened.integrityProblem() == nil)
        } else {
            try store.finish()
            #expect(try Store(path: path).itemCountsByCategory() == ["z": 1])
        }
    }

    /// A new item saved from what `encode` made of it (on the parsing thread) is the item saved from itself: the same
    /// JSON, row, categories, title index entry and identities.
    @Test(arguments: [false, true]) func anEncodedNewItemIsSavedAsTheItem(fresh: Bool) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var stores: [Store] = []
        for name in ["a", "b"] {
            let path = folder.appendingPathComponent("\(name).sqlite").path
            stores.append(fresh ? try Store.fresh(path: path) : try Store(path: path))
        }
        let items = [
            makeItem("k1", date: 10, categories: ["x", "y", "x"]), makeItem("k2", date: 20, categories: [], source: "s2"),
            makeItem("k3", date: 30, categories: ["y"]),
        ]
        for (n, item) in items.enumerated() {
            let identities = [ItemIdentity(kind: .url, value: "https://example.org/\(n)")]
            let words = ["word\(n)", "shared"]
            try stores[0].transaction {
                try stores[0].save(StoredItem(item: item, contentHash: "h\(n)"), identities: identities, titleWords: words, normalizedTitle: "t \(n)", isNew: true)
            }
            try stores[1].transaction {
                try stores[1].save(
                    new: Store.encode(item, contentHash: "h\(n)", normalizedTitle: "t \(n)", titleWords: words), identities: identities,
                    titleWords: words, normalizedTitle: "t \(n)")
            }
        }
        for (n, item) in items.enumerated() {
            #expect(try stores[0].item(key: item.key) == stores[1].item(key: item.key))
            #expect(try stores[1].item(key: item.key)?.contentHash == "h\(n)")
            #expect(try stores[1].key(for: ItemIdentity(kind: .url, value: "https://example.org/\(n)")) == item.key)
        }
        #expect(try stores[0].itemCountsByCategory() == stores[1].itemCountsByCategory())
        #expect(try stores[1].itemCountsByCategory() == ["x": 1, "y": 2])
        #expect(try stores[0].wordFrequencies(["shared", "word1"]) == stores[1].wordFrequencies(["shared", "word1"]))
        #expect(try stores[1].wordFrequencies(["shared"]) == ["shared": 3])
    }

    /// A first run's store answers identity look-ups from what it saved, before and after `finish`.
    @Test func aFreshStoreFindsTheIdentitiesItSaved() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try Store.fresh(path: path)
        let a = ItemIdentity(kind: .url, value: "https://example.org/a"), b = ItemIdentity(kind: .guid, value: "s1\u{1F}é-1")
        #expect(try store.key(for: a) == nil)
        try store.transaction {
            try store.save(StoredItem(item: makeItem("k1", date: 1, categories: ["x"]), contentHash: "h"), identities: [a], titleWords: [], normalizedTitle: "")
        }
        #expect(try store.key(for: a) == "k1")
        #expect(try store.key(for: b) == nil)
        #expect(try store.key(for: ItemIdentity(kind: .guid, value: a.value)) == nil, "another kind, the same value")
        try store.transaction { try store.addIdentities([b, a], key: "k2") }
        #expect(try store.key(for: b) == "k2")
        #expect(try store.key(for: a) == "k1", "taken identities keep their item")
        // The table compares bytes: a canonically equivalent value is another identity.
        let composed = ItemIdentity(kind: .url, value: "https://example.org/caf\u{E9}")
        let decomposed = ItemIdentity(kind: .url, value: "https://example.org/cafe\u{301}")
        try store.transaction { try store.addIdentities([composed], key: "k3") }
        #expect(try store.key(for: composed) == "k3")
        #expect(try store.key(for: decomposed) == nil)
        try store.transaction { try store.addIdentities([decomposed], key: "k4") }
        try store.finish()
        let reopened = try Store(path: path)
        #expect(try reopened.key(for: a) == "k1")
        #expect(try reopened.key(for: b) == "k2")
        #expect(try reopened.key(for: composed) == "k3")
        #expect(try reopened.key(for: decomposed) == "k4")
        #expect(try reopened.integrityProblem() == nil)
    }

    /// Identities are written two to a statement: whatever their number, the first to claim a value keeps it,
    /// within one call as across calls, in a store made in place as in one made by `fresh`.
    @Test(arguments: [false, true]) func identitiesKeepTheirFirstItemWrittenInPairs(fresh: Bool) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = fresh ? try Store.fresh(path: path) : try Store(path: path)
        func url(_ n: Int) -> ItemIdentity { ItemIdentity(kind: .url, value: "https://example.org/\(n)") }
        func guid(_ n: Int) -> ItemIdentity { ItemIdentity(kind: .guid, value: "s1\u{1F}\(n)") }
        let calls: [(key: String, identities: [ItemIdentity])] = [
            ("k0", []), ("k1", [url(1)]), ("k2", [url(2), guid(2)]), ("k3", [url(3), guid(3), url(1)]),
            ("k4", [url(4), url(4), guid(4), guid(2), url(5)]), ("k5", [guid(5), url(5), url(6), guid(6)]),
        ]
        try store.transaction {
            for (key, identities) in calls { try store.addIdentities(identities, key: key) }
        }
        try store.finish()
        let reopened = try Store(path: path)
        let expected = [
            (url(1), "k1"), (url(2), "k2"), (guid(2), "k2"), (url(3), "k3"), (guid(3), "k3"), (url(4), "k4"), (guid(4), "k4"),
            (url(5), "k4"), (guid(5), "k5"), (url(6), "k5"), (guid(6), "k5"),
        ]
        for (identity, key) in expected { #expect(try reopened.key(for: identity) == key, "\(identity)") }
        #expect(try reopened.key(for: guid(1)) == nil)
    }

    /// An item listed twice in a category, or in two categories equal as Strings (canonically equivalent), is stored
    /// in it once, under the first spelling.
    @Test func anItemIsStoredOnceInEachCategory() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x", "y", "x"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
            try store.save(StoredItem(item: makeItem("b", date: 2, categories: ["caf\u{E9}", "cafe\u{301}", "y"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
            // Saved again: the rows it had are replaced, not added to.
            try store.save(StoredItem(item: makeItem("a", date: 3, categories: ["y", "x", "y"]), contentHash: "h2"), identities: [], titleWords: [], normalizedTitle: "")
            try store.save(StoredItem(item: makeItem("c", date: 0, categories: ["z", "x", "w"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
        }
        #expect(try store.itemCountsByCategory() == ["x": 2, "y": 2, "caf\u{E9}": 1, "z": 1, "w": 1])
        #expect(try store.latestItems(category: "caf\u{E9}", limit: 10).map(\.key) == ["b"])
        #expect(try store.latestItems(category: "cafe\u{301}", limit: 10).isEmpty, "SQLite compares the bytes")
        #expect(try store.latestItems(category: "y", limit: 10).map(\.key) == ["a", "b"])
        #expect(try store.integrityProblem() == nil)
    }

    /// A category row already there (left by another program) fails the save, whether the item's categories are
    /// written one or two to a statement, and nothing of the unit stays.
    @Test(arguments: [["x"], ["x", "y"], ["y", "x", "z"]]) func aCategoryRowWrittenTwiceFails(categories: [String]) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try Store(path: path)
        let item = makeItem("a", date: 1, categories: categories)
        try store.transaction {
            try store.save(StoredItem(item: makeItem("c", date: 3, categories: ["x"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "", isNew: true)
        }
        try SQLiteDatabase(path: path).execute("INSERT INTO item_categories (category, date, key, source_id) VALUES ('\(categories.last!)', 1, 'a', 's1')")
        #expect(throws: StoreError.self) {
            try store.transaction {
                try store.save(StoredItem(item: makeItem("b", date: 2, categories: ["x"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
                try store.save(StoredItem(item: item, contentHash: "h2"), identities: [], titleWords: [], normalizedTitle: "", isNew: true)
            }
        }
        #expect(try store.item(key: "b") == nil)
        #expect(try store.item(key: "a") == nil)
        // Item c's row, and the one left in the way.
        var counts = ["x": 1]
        counts[categories.last!, default: 0] += 1
        #expect(try store.itemCountsByCategory() == counts)
    }

    /// An item said new that is already there (an earlier version's rows, a merge that lost track) replaces what
    /// was saved under its key, categories included.
    @Test func anItemSaidNewThatIsThereReplacesIt() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x", "y"]), contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "", isNew: true)
        }
        let again = makeItem("a", date: 5, categories: ["y", "z"])
        try store.transaction {
            try store.save(StoredItem(item: again, contentHash: "h2"), identities: [], titleWords: [], normalizedTitle: "", isNew: true)
        }
        #expect(try store.item(key: "a") == StoredItem(item: again, contentHash: "h2"))
        #expect(try store.itemCountsByCategory() == ["y": 1, "z": 1])
        #expect(try store.integrityProblem() == nil)
    }

    /// A first run's store has no journal to roll back with: a failed unit abandons it, and nothing is left
    /// at its path or beside it; a store opened in place at that path afterwards starts empty.
    @Test func aFreshStoreThatFailsLeavesNothing() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try Store.fresh(path: path)
        try store.beginBatch()
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x"]), contentHash: "h"), identities: [], titleWords: ["alpha"], normalizedTitle: "alpha")
        }
        try store.commitBatch()
        try store.beginBatch()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.transaction {
                try store.save(StoredItem(item: makeItem("b", date: 2, categories: ["x"]), contentHash: "h"), identities: [], titleWords: ["beta"], normalizedTitle: "beta")
                throw Boom()
            }
        }
        #expect(store.batchAge == nil)
        #expect(throws: StoreError.self) { try store.item(key: "a") }
        try store.finish()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        let reopened = try Store(path: path)
        #expect(try reopened.item(key: "a") == nil)
        #expect(try reopened.integrityProblem() == nil)
    }

    /// What the merge stage made of a headline (`HeadlineForm`) comes back with the candidates; saved again under
    /// the same title without one it stays, under another title it goes. Candidates compare without it.
    @Test func headlineFormsComeBackWithCandidates() throws {
        final class Form: HeadlineForm {
            let title: String
            init(title: String) { self.title = title }
        }
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        let range = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 100)
        func form(_ key: String) throws -> String? {
            (try store.titleCandidates(containing: "budget", dated: range, limit: 10).first { $0.key == key }?.form as? Form)?.title
        }
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x"]), contentHash: "h"), identities: [], titleWords: ["budget"], normalizedTitle: "budget a", headlineForm: Form(title: "budget a"))
            try store.save(StoredItem(item: makeItem("b", date: 2, categories: ["x"]), contentHash: "h"), identities: [], titleWords: ["budget"], normalizedTitle: "budget b")
        }
        #expect(try form("a") == "budget a")
        #expect(try form("b") == nil)
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x", "y"]), contentHash: "h2"), identities: [], titleWords: ["budget"], normalizedTitle: "budget a")
        }
        #expect(try form("a") == "budget a", "same title: the form made before holds")
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x"]), contentHash: "h3"), identities: [], titleWords: ["budget"], normalizedTitle: "budget a revised")
        }
        #expect(try form("a") == nil, "another title: the old form is dropped")
        #expect(TitleCandidate(key: "a", normalizedTitle: "t", sourceID: "s", form: Form(title: "t")) == TitleCandidate(key: "a", normalizedTitle: "t", sourceID: "s"))
    }

    /// Title words are kept joined as `joined(separator:)` joins them, whatever they hold.
    @Test func titleWordsJoinAsStrings() {
        let lists: [[String]] = [[], [""], ["", ""], ["a"], ["a", "", "b"], ["été", "中国", "e\u{301}"], ["россия", "x9", "👍🏽"]]
        for words in lists {
            #expect(Array(TitleIndex.joined(words).utf8) == Array(words.joined(separator: " ").utf8), "\(words)")
        }
    }

    /// Counts by position agree with `wordFrequencies`, before and after the words counted are saved (the title
    /// index remembers the words last counted; a word numbered since must not be missed).
    @Test func titleCountsFollowSaves() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        let words = ["budget", "pakistan", "урожаи", "budget2"]
        #expect(try store.titleCounts(words) == [nil, nil, nil, nil])
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x"]), contentHash: "h"), identities: [], titleWords: ["budget", "урожаи"], normalizedTitle: "budget урожаи")
        }
        #expect(try store.titleCounts(words) == [1, nil, 1, nil])
        try store.transaction {
            try store.save(StoredItem(item: makeItem("b", date: 2, categories: ["x"]), contentHash: "h"), identities: [], titleWords: words, normalizedTitle: words.joined(separator: " "))
        }
        #expect(try store.titleCounts(words) == [2, 1, 2, 1])
        #expect(try store.titleCounts(words.reversed()) == [1, 2, 1, 2])
        let frequencies = try store.wordFrequencies(words)
        #expect(try store.titleCounts(words) == words.map { frequencies[$0] })
        let range = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 10)
        #expect(try store.titleCandidates(containing: "pakistan", dated: range, limit: 10).map(\.key) == ["b"])
    }

    /// A word is one word however it is spelt (Strings compare canonically): counted by its decomposed spelling
    /// with keys made beforehand, then saved under that spelling, it is the word a precomposed save numbered.
    @Test func titleWordsAreCountedAsStrings() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        let composed = ["été", "ohm\u{3A9}"], decomposed = ["e\u{301}te\u{301}", "ohm\u{2126}"]
        try store.transaction {
            try store.save(StoredItem(item: makeItem("a", date: 1, categories: ["x"]), contentHash: "h"), identities: [], titleWords: composed, normalizedTitle: "été ohmΩ")
        }
        #expect(try store.titleCounts(decomposed, keys: decomposed.map(CanonicalWord.init)) == [1, 1])
        try store.transaction {
            try store.save(StoredItem(item: makeItem("b", date: 2, categories: ["x"]), contentHash: "h"), identities: [], titleWords: decomposed, normalizedTitle: "e\u{301}te\u{301} ohm\u{2126}")
        }
        #expect(try store.titleCounts(composed) == [2, 2])
        #expect(try store.titleCounts(["ete", "ohm"]) == [nil, nil])
    }

    @Test func sourceStateRoundTrips() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        let state = SourceState(
            sourceID: "s", location: "https://example.org/feed", configHash: "c", etag: "\"e\"", lastModified: "Sat, 14 Jun 2025 08:00:00 GMT",
            bodyHash: "b", lastAttempt: Date(timeIntervalSince1970: 10), lastSuccess: Date(timeIntervalSince1970: 9), lastError: "boom",
            consecutiveFailures: 3, nextDue: Date(timeIntervalSince1970: 99), permanentRedirect: "https://example.org/new", gone: true,
            feedTitle: "T", siteURL: "https://example.org/", feedURL: "https://example.org/feed", refreshHint: 600)
        try store.save(state)
        #expect(try store.sourceState(id: "s") == state)
        #expect(try store.sourceStates() == [state])
    }

    @Test func notADatabaseIsAClearError() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Store(path: path)
            Issue.record("a file of junk opened as a store")
        } catch {
            #expect(error.description.contains("corrupt"))
            #expect(error.description.contains("move it aside"))
        }
    }

    @Test func itemsKeepEveryFieldThroughTheStore() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        var full = makeItem("k1", date: 1_700_000_000.123456, categories: ["b", "a"])
        full.title = "Quote \" backslash \\ tab \t newline \n bell \u{07} é 中文 🎉"
        full.updated = Date(timeIntervalSinceReferenceDate: -12.5e-7)
        full.content = "<p>x</p>\r\n"
        full.image = "https://example.org/i.png"
        full.provenance.originalID = "id-1"
        full.provenance.originalAuthor = "Someone"
        full.provenance.upstream = Credit(sourceID: "", name: "Upstream", siteURL: "https://up.example", link: "https://up.example/1")
        full.alsoReportedBy = [Credit(sourceID: "s2", name: "Two", feedURL: nil, siteURL: nil, link: "https://two.example/1")]
        full.enclosures.append(Enclosure(url: "https://example.org/a.mp3", type: nil, length: nil))
        var bare = makeItem("k2", date: 0, categories: [])
        bare.published = nil
        bare.author = nil
        bare.summary = nil
        bare.link = nil
        bare.tags = []
        bare.enclosures = []
        for item in [full, bare] {
            try store.save(StoredItem(item: item, contentHash: "h-\(item.key)"), identities: [], titleWords: [], normalizedTitle: "")
            let back = try #require(try store.item(key: item.key))
            #expect(back.item == item)
            #expect(back.contentHash == "h-\(item.key)")
        }
    }
}
