import AggregateModel
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// `latestItems` against its definition, computed here over the same items: a category's items dated from
/// `since`, newest first (then by key), at most `perSource` of each source (its newest), at most `limit`.
struct LatestItemsTests {
    struct Row {
        let key: String
        let date: Double
        let source: String
        let categories: [String]
    }

    static func rows() -> [Row] {
        var random = SplitMix64(seed: 7)
        let slugs = ["world", "tech", "sports"]
        return (0..<400).map { index in
            // Few distinct dates: many ties, which the key orders.
            let date = Double(random.next() % 40) * 3_600
            let source = "s\(random.next() % 6)"
            var categories = slugs.filter { _ in random.next() % 2 == 0 }
            if categories.isEmpty { categories = [slugs[index % 3]] }
            return Row(key: String(format: "k%08x", UInt32(truncatingIfNeeded: random.next())), date: date, source: source, categories: categories)
        }
    }

    static func expected(_ rows: [Row], category: String, limit: Int, perSource: Int?, since: Double?) -> [String] {
        var ranks: [String: Int] = [:]
        var kept: [String] = []
        let sorted = rows.filter { $0.categories.contains(category) && $0.date >= (since ?? -.greatestFiniteMagnitude) }
            .sorted { ($0.date, $1.key) > ($1.date, $0.key) }
        for row in sorted {
            ranks[row.source, default: 0] += 1
            if ranks[row.source]! <= (perSource ?? .max) { kept.append(row.key) }
        }
        return Array(kept.prefix(limit))
    }

    @Test(arguments: [(50, nil, nil), (30, 3, nil), (500, 2, nil), (10, 1, 20.0 * 3_600), (1, 4, 39.0 * 3_600), (500, nil, 30.0 * 3_600)] as [(Int, Int?, Double?)])
    func newestFirstAtMostPerSourceFromSince(limit: Int, perSource: Int?, since: Double?) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        let rows = Self.rows()
        try store.transaction {
            for row in rows {
                let item = StoreTests().makeItem(row.key, date: row.date, categories: row.categories, source: row.source)
                try store.save(StoredItem(item: item, contentHash: "h"), identities: [], titleWords: [], normalizedTitle: "")
            }
        }
        for category in ["world", "tech", "sports", "none"] {
            let found = try store.latestItems(
                category: category, limit: limit, perSource: perSource, since: since.map { Date(timeIntervalSince1970: $0) })
            let wanted = Self.expected(rows, category: category, limit: limit, perSource: perSource, since: since)
            #expect(found.map(\.key) == wanted, "\(category)")
            #expect(category == "none" || !wanted.isEmpty)
        }
    }
}
