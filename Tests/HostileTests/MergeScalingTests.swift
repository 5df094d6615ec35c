import AggregateMerge
import AggregateModel
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// One source with thousands of look-alike headlines must not make the merge compare every pair:
/// the near-duplicate search never reads back the items of the source being merged.
@Suite struct MergeScalingTests {
    /// The store as the pipeline sees it, counting the items it has to read back.
    final class CountingLookup: MergeLookup {
        let store: Store
        var reads = 0
        init(store: Store) { self.store = store }
        func key(for identity: ItemIdentity) throws -> String? { try store.key(for: identity) }
        func keys(withTitleWord word: String, dated range: ClosedRange<Date>) throws -> [String] {
            try store.keys(withTitleWord: word, dated: range)
        }
        func keys(withTitleWord word: String, dated range: ClosedRange<Date>, excludingSource sourceID: String) throws -> [String] {
            try store.keys(withTitleWord: word, dated: range, excludingSource: sourceID)
        }
        func item(key: String) throws -> StoredItem? {
            reads += 1
            return try store.item(key: key)
        }
        func apply(_ decision: MergeDecision) throws {
            if let stored = decision.stored {
                try store.save(stored, identities: decision.identities, titleWords: decision.titleWords)
            } else {
                try store.addIdentities(decision.identities, key: decision.key)
            }
        }
    }

    @Test func aFloodOfLookAlikeHeadlinesFromOneSourceReadsNothingBack() throws {
        let folder = try TestPaths.temporaryDirectory("aggregate-merge-scaling")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("aggregate.sqlite").path)
        let lookup = CountingLookup(store: store)
        let merger = Merger()
        let now = Date(timeIntervalSince1970: 1_795_953_600)
        let flood = SourceSettings(id: "flood", location: "https://flood.example.com/feed.xml", name: "Flood", categories: ["world"])
        let other = SourceSettings(id: "other", location: "https://other.example.com/feed.xml", name: "Other", categories: ["world"])
        let feed = Feed(format: .rss20, link: "https://flood.example.com/")
        try store.transaction {
            for n in 0..<400 {
                let entry = Entry(id: "f\(n)", title: "Flood bulletin update number \(n)", link: "https://flood.example.com/\(n)", published: now)
                try lookup.apply(try merger.merge(entry, feed: feed, source: flood, categories: ["world"], now: now, lookup: lookup))
            }
        }
        #expect(lookup.reads == 0, "\(lookup.reads) items read back while merging one source's own items")
        // Another source's copy of one of them is still found as the same story.
        let copy = Entry(id: "o1", title: "Flood bulletin update number 17", link: "https://other.example.com/17", published: now)
        let decision = try merger.merge(copy, feed: feed, source: other, categories: ["world"], now: now, lookup: lookup)
        #expect(decision.outcome == .duplicate)
        #expect(lookup.reads > 0)
    }

    @Test func aVersion1StoreIsMigratedAndItsTitleWordsKeepTheirSource() throws {
        let folder = try TestPaths.temporaryDirectory("aggregate-migrate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("aggregate.sqlite").path
        // A version-1 store as the first release wrote it: one item of source "old", its title words.
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.executescript('''
            CREATE TABLE sources (id TEXT PRIMARY KEY, location TEXT NOT NULL, config_hash TEXT, etag TEXT, last_modified TEXT, body_hash TEXT, last_attempt REAL, last_success REAL, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0, next_due REAL, permanent_redirect TEXT, gone INTEGER NOT NULL DEFAULT 0, feed_title TEXT, site_url TEXT, feed_url TEXT, refresh_hint REAL);
            CREATE TABLE items (key TEXT PRIMARY KEY, source_id TEXT NOT NULL, date REAL NOT NULL, content_hash TEXT NOT NULL, data BLOB NOT NULL);
            CREATE TABLE item_categories (category TEXT NOT NULL, date REAL NOT NULL, key TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE, source_id TEXT NOT NULL, PRIMARY KEY (category, key));
            CREATE TABLE identities (kind TEXT NOT NULL, value TEXT NOT NULL, key TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE, PRIMARY KEY (kind, value));
            CREATE TABLE title_words (word TEXT NOT NULL, date REAL NOT NULL, key TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE);
            CREATE INDEX title_words_by_word ON title_words(word, date);
            INSERT INTO items VALUES ('k1', 'old', 100.0, 'h', x'7b7d');
            INSERT INTO title_words VALUES ('harbour', 100.0, 'k1');
            PRAGMA user_version = 1;
            ''')
            c.commit()
            """
        #expect(try ProgramRun(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, path]).status == 0)
        let store = try Store(path: path)
        #expect(try store.integrityProblem() == nil)
        let range = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 200)
        #expect(try store.keys(withTitleWord: "harbour", dated: range) == ["k1"])
        #expect(try store.keys(withTitleWord: "harbour", dated: range, excludingSource: "other") == ["k1"])
        #expect(try store.keys(withTitleWord: "harbour", dated: range, excludingSource: "old").isEmpty)
    }
}
