import CSQLite
import Foundation

/// The one owner of a `sqlite3` connection.
final class SQLiteDatabase {
    private let handle: OpaquePointer
    let path: String

    /// Set once, before the first connection initializes SQLite.
    private static let configured: Void = { _ = asqlite_disable_memory_statistics() }()

    init(path: String) throws(StoreError) {
        Self.configured
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw StoreError.cannotOpen(path: path, reason: message)
        }
        handle = db
        self.path = path
        // NOTE: another process (a concurrent `aggregate status`) may read while a run writes.
        sqlite3_busy_timeout(db, 5_000)
    }

    private var isOpen = true

    deinit { close() }

    /// Closes the connection (statements not yet finalized are, when they go).
    func close() {
        guard isOpen else { return }
        isOpen = false
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws(StoreError) {
        guard isOpen else { throw StoreError.sql(path: path, message: "the store is closed", statement: sql) }
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(error)
            throw StoreError.sql(path: path, message: message, statement: sql)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        guard isOpen else { throw StoreError.sql(path: path, message: "the store is closed", statement: sql) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw StoreError.sql(path: path, message: lastErrorMessage, statement: sql)
        }
        return SQLiteStatement(handle: statement, database: self, sql: sql)
    }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// The one owner of a prepared statement; reset before each use.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let database: SQLiteDatabase
    private let sql: String

    fileprivate init(handle: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Values bound by position (1-based in SQL, in array order here).
    enum Value {
        case text(String?)
        case integer(Int?)
        case real(Double?)
        case blob([UInt8]?)
    }

    /// Binds `values` by position (1-based in SQL, in array order here) and runs `body` while they are bound.
    /// Texts and blobs are lent to SQLite in place (`SQLITE_STATIC`), valid only until `body` returns: the statement
    /// is reset and every value unbound then, so that the next use finds none bound.
    /// NOTE: bound as copies (`SQLITE_TRANSIENT`), every text and blob was copied again into memory SQLite allocated,
    /// and freed at the next bind: 500 instructions a text, 3,000 an item's JSON, 2% of the merging thread.
    private func withBindings<T>(_ values: [Value], _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        return try values.withUnsafeBufferPointer { values in lending(values, from: 0, body) }.get()
    }

    /// Binds `values[position...]`, each lent for the time of the call that binds the next, and runs `body` in the last.
    private func lending<T>(_ values: UnsafeBufferPointer<Value>, from position: Int, _ body: () throws(StoreError) -> T) -> Result<T, StoreError> {
        guard position < values.count else { return Result { () throws(StoreError) -> T in try body() } }
        return values[position].lent(to: handle, at: Int32(position + 1)) { lending(values, from: position + 1, body) }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [Value] = []) throws(StoreError) {
        try withBindings(values) { () throws(StoreError) in
            let rc = sqlite3_step(handle)
            guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
                throw StoreError.sql(path: database.path, message: database.lastErrorMessage, statement: sql)
            }
        }
    }

    /// Runs a query and maps every row.
    func query<T>(_ values: [Value] = [], _ map: (Row) throws(StoreError) -> T) throws(StoreError) -> [T] {
        try withBindings(values) { () throws(StoreError) -> [T] in
            var rows: [T] = []
            while true {
                let rc = sqlite3_step(handle)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw StoreError.sql(path: database.path, message: database.lastErrorMessage, statement: sql)
                }
                rows.append(try map(Row(handle: handle)))
            }
            return rows
        }
    }

    /// Runs a query and hands each row to `body` until it returns false: the rows not read are never made
    /// (an ORDER BY that an index gives is read only as far as needed).
    func scan(_ values: [Value] = [], _ body: (Row) throws(StoreError) -> Bool) throws(StoreError) {
        try withBindings(values) { () throws(StoreError) in
            while true {
                let rc = sqlite3_step(handle)
                if rc == SQLITE_DONE { return }
                guard rc == SQLITE_ROW else {
                    throw StoreError.sql(path: database.path, message: database.lastErrorMessage, statement: sql)
                }
                guard try body(Row(handle: handle)) else { return }
            }
        }
    }

    /// A row being read; valid only inside the `query` or `scan` closure.
    struct Row {
        fileprivate let handle: OpaquePointer

        func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let pointer = sqlite3_column_text(handle, column) else { return nil }
            return String(cString: pointer)
        }
        func integer(_ column: Int32) -> Int? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
        }
        func real(_ column: Int32) -> Double? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
        }
        func blob(_ column: Int32) -> [UInt8] {
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: pointer, count: count))
        }
    }
}

extension SQLiteStatement.Value {
    /// Binds the value at `index` of `handle` for the time of `next`: a C string (SQLite reads a text up to its first
    /// zero byte, as it always has here) or bytes, lent in place.
    /// NOTE: a method on the element where it lies: switching over the element in `lending` copied it first, and
    /// each statement's values were retained and released once more (2% fewer reference-count calls in a cold run).
    borrowing func lent<R>(to handle: OpaquePointer, at index: Int32, _ next: () -> R) -> R {
        switch self {
        case .text(let text?):
            return text.withCString { pointer in
                asqlite_bind_static_text(handle, index, pointer)
                return next()
            }
        case .blob(let bytes?):
            return bytes.withUnsafeBytes { raw in
                asqlite_bind_static_blob(handle, index, raw.baseAddress, Int32(raw.count))
                return next()
            }
        case .integer(let number?): sqlite3_bind_int64(handle, index, Int64(number))
        case .real(let number?): sqlite3_bind_double(handle, index, number)
        case .text(nil), .integer(nil), .real(nil), .blob(nil): sqlite3_bind_null(handle, index)
        }
        return next()
    }
}
