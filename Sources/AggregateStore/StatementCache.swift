/// Prepared statements, compiled once per store.
final class StatementCache {
    private let db: SQLiteDatabase
    private var cache: [String: SQLiteStatement] = [:]
    /// NOTE: read for every statement run, on the store's one thread: no dynamic exclusivity check (a runtime call).
    @exclusivity(unchecked) private var byAddress: [UInt: SQLiteStatement] = [:]

    init(db: SQLiteDatabase) { self.db = db }

    /// Finalizes every statement, for good: the connection is being closed, or handed to `seal`'s job.
    func removeAll() {
        cache.removeAll()
        byAddress.removeAll()
        closed = true
    }

    private var closed = false

    /// A statement written as a literal, found by the literal's address: hashing the text of the statements run
    /// for every item saved was 3% of the merging thread.
    subscript(literal sql: StaticString) -> SQLiteStatement {
        get throws(StoreError) {
            let address = UInt(bitPattern: sql.utf8Start)
            if let statement = byAddress[address] { return statement }
            let statement = try self[sql.description]
            byAddress[address] = statement
            return statement
        }
    }

    subscript(sql: String) -> SQLiteStatement {
        get throws(StoreError) {
            if let statement = cache[sql] { return statement }
            guard !closed else { throw StoreError.sql(path: db.path, message: "the store is closed", statement: sql) }
            let statement = try db.prepare(sql)
            cache[sql] = statement
            return statement
        }
    }
}
