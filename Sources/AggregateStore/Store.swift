import AggregateModel
import Foundation

/// The SQLite file under the cache folder: items, their identities, source state.
public final class Store {
    private let db: SQLiteDatabase
    public let path: String
    private lazy var statements = StatementCache(db: db)
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    private let decoder = JSONDecoder()

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        db = try SQLiteDatabase(path: path)
        do {
            try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            try migrate()
        } catch {
            throw Self.explain(error, path: path)
        }
    }

    /// A file that is not SQLite shows up as an error on the first statement; say so plainly.
    private static func explain(_ error: StoreError, path: String) -> StoreError {
        if case .sql(_, let message, _) = error,
           message.contains("not a database") || message.contains("malformed") || message.contains("corrupt") {
            return .corrupt(path: path, detail: message)
        }
        return error
    }

    private func migrate() throws(StoreError) {
        let current = try db.prepare("PRAGMA user_version").query { row in row.integer(0) ?? 0 }.first ?? 0
        if current > Schema.version {
            throw .newerSchema(path: path, found: current, supported: Schema.version)
        }
        guard current < Schema.version else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            for step in Schema.migrations[current...] { try db.execute(step) }
            try db.execute("PRAGMA user_version = \(Schema.version)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in one transaction: all of it is stored, or none.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try db.execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try db.execute("COMMIT")
            return value
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// `PRAGMA integrity_check`: nil when the file is sound, else what SQLite found.
    public func integrityProblem() throws(StoreError) -> String? {
        let rows = try db.prepare("PRAGMA integrity_check").query { row in row.text(0) ?? "" }
        return rows == ["ok"] ? nil : rows.joined(separator: "; ")
    }

    // MARK: Sources

    public func sourceStates() throws(StoreError) -> [SourceState] {
        try statements["SELECT \(SourceColumns.list) FROM sources ORDER BY id"].query { row in SourceColumns.read(row) }
    }

    public func sourceState(id: String) throws(StoreError) -> SourceState? {
        try statements["SELECT \(SourceColumns.list) FROM sources WHERE id = ?"].query([.text(id)]) { row in SourceColumns.read(row) }.first
    }

    public func save(_ state: SourceState) throws(StoreError) {
        try statements["INSERT OR REPLACE INTO sources (\(SourceColumns.list)) VALUES (\(SourceColumns.placeholders))"]
            .run(SourceColumns.values(state))
    }

    // MARK: Items

    /// The item an identity already points at.
    public func key(for identity: ItemIdentity) throws(StoreError) -> String? {
        try statements["SELECT key FROM identities WHERE kind = ? AND value = ?"]
            .query([.text(identity.kind.rawValue), .text(identity.value)]) { row in row.text(0) }.first ?? nil
    }

    /// Keys of items dated within `range` whose titles contain `word`.
    public func keys(withTitleWord word: String, dated range: ClosedRange<Date>) throws(StoreError) -> [String] {
        try statements["SELECT key FROM title_words WHERE word = ? AND date BETWEEN ? AND ?"]
            .query([.text(word), .real(range.lowerBound.timeIntervalSince1970), .real(range.upperBound.timeIntervalSince1970)]) { row in
                row.text(0) ?? ""
            }
    }

    /// Keys of items dated within `range` whose titles contain `word` and whose primary source is not `sourceID`.
    public func keys(withTitleWord word: String, dated range: ClosedRange<Date>, excludingSource sourceID: String) throws(StoreError) -> [String] {
        // Two ranges of the (word, source_id, date) index around the excluded source: its items are never visited.
        try statements["""
            SELECT key FROM title_words WHERE word = ?1 AND source_id < ?2 AND date BETWEEN ?3 AND ?4
            UNION ALL
            SELECT key FROM title_words WHERE word = ?1 AND source_id > ?2 AND date BETWEEN ?3 AND ?4
            """]
            .query([.text(word), .text(sourceID), .real(range.lowerBound.timeIntervalSince1970), .real(range.upperBound.timeIntervalSince1970)]) { row in
                row.text(0) ?? ""
            }
    }

    public func item(key: String) throws(StoreError) -> StoredItem? {
        let rows = try statements["SELECT data, content_hash FROM items WHERE key = ?"].query([.text(key)]) { row in
            (row.blob(0), row.text(1) ?? "")
        }
        guard let (data, hash) = rows.first else { return nil }
        return StoredItem(item: try decode(data, key: key), contentHash: hash)
    }

    /// Inserts or replaces an item with its categories, and adds identities and title words that point at it.
    public func save(_ stored: StoredItem, identities: [ItemIdentity], titleWords: [String]) throws(StoreError) {
        let item = stored.item
        let date = item.displayDate.timeIntervalSince1970
        let data: Data
        do { data = try encoder.encode(item) } catch {
            throw .undecodableItem(path: path, key: item.key, reason: "\(error)")
        }
        try statements["INSERT INTO items (key, source_id, date, content_hash, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET source_id = excluded.source_id, date = excluded.date, content_hash = excluded.content_hash, data = excluded.data"]
            .run([.text(item.key), .text(item.provenance.source.sourceID), .real(date), .text(stored.contentHash), .blob(Array(data))])
        try statements["DELETE FROM item_categories WHERE key = ?"].run([.text(item.key)])
        for category in Set(item.categories) {
            try statements["INSERT INTO item_categories (category, date, key, source_id) VALUES (?, ?, ?, ?)"]
                .run([.text(category), .real(date), .text(item.key), .text(item.provenance.source.sourceID)])
        }
        try addIdentities(identities, key: item.key)
        try statements["DELETE FROM title_words WHERE key = ?"].run([.text(item.key)])
        for word in Set(titleWords) {
            try statements["INSERT INTO title_words (word, date, key, source_id) VALUES (?, ?, ?, ?)"]
                .run([.text(word), .real(date), .text(item.key), .text(item.provenance.source.sourceID)])
        }
    }

    /// Points identities at an existing item (those already taken keep their item).
    public func addIdentities(_ identities: [ItemIdentity], key: String) throws(StoreError) {
        for identity in identities {
            try statements["INSERT OR IGNORE INTO identities (kind, value, key) VALUES (?, ?, ?)"]
                .run([.text(identity.kind.rawValue), .text(identity.value), .text(key)])
        }
    }

    /// The newest items of a category (or of every category when nil), newest first; at most `perSource` of
    /// one source, none dated before `since`.
    public func latestItems(category: String?, limit: Int, perSource: Int? = nil, since: Date? = nil) throws(StoreError) -> [Item] {
        let cutoff = SQLiteStatement.Value.real(since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude)
        let rows: [(String, [UInt8])]
        if let category {
            rows = try statements["""
                SELECT key, data FROM (
                    SELECT i.key AS key, i.data AS data, c.date AS date,
                           ROW_NUMBER() OVER (PARTITION BY c.source_id ORDER BY c.date DESC, c.key) AS rank
                    FROM item_categories c JOIN items i ON i.key = c.key
                    WHERE c.category = ? AND c.date >= ?
                ) WHERE rank <= ? ORDER BY date DESC, key LIMIT ?
                """]
                .query([.text(category), cutoff, .integer(perSource ?? Int(Int32.max)), .integer(limit)]) { row in (row.text(0) ?? "", row.blob(1)) }
        } else {
            rows = try statements["SELECT key, data FROM items WHERE date >= ? ORDER BY date DESC, key LIMIT ?"]
                .query([cutoff, .integer(limit)]) { row in (row.text(0) ?? "", row.blob(1)) }
        }
        var items: [Item] = []
        items.reserveCapacity(rows.count)
        for (key, data) in rows { items.append(try decode(data, key: key)) }
        return items
    }

    /// Number of items each source is primary for.
    public func itemCountsBySource() throws(StoreError) -> [String: Int] {
        let rows = try statements["SELECT source_id, COUNT(*) FROM items GROUP BY source_id"].query { row in
            (row.text(0) ?? "", row.integer(1) ?? 0)
        }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    /// Number of items each category holds.
    public func itemCountsByCategory() throws(StoreError) -> [String: Int] {
        let rows = try statements["SELECT category, COUNT(*) FROM item_categories GROUP BY category"].query { row in
            (row.text(0) ?? "", row.integer(1) ?? 0)
        }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    private func decode(_ data: [UInt8], key: String) throws(StoreError) -> Item {
        do { return try decoder.decode(Item.self, from: Data(data)) } catch {
            throw .undecodableItem(path: path, key: key, reason: "\(error)")
        }
    }
}

/// Prepared statements, compiled once per store.
private final class StatementCache {
    private let db: SQLiteDatabase
    private var cache: [String: SQLiteStatement] = [:]

    init(db: SQLiteDatabase) { self.db = db }

    subscript(sql: String) -> SQLiteStatement {
        get throws(StoreError) {
            if let statement = cache[sql] { return statement }
            let statement = try db.prepare(sql)
            cache[sql] = statement
            return statement
        }
    }
}
