@testable import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// Values are lent to SQLite in place for one use of a statement: what is stored is what was bound, a text is read
/// up to its first zero byte (as a C string always was), and nothing stays bound for the next use.
struct SQLiteStatementTests {
    func database() throws -> (SQLiteDatabase, URL) {
        let folder = try TestPaths.temporaryDirectory()
        let db = try SQLiteDatabase(path: folder.appendingPathComponent("t.sqlite").path)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a, b, c, d)")
        return (db, folder)
    }

    /// Each column's type and value as SQLite holds it.
    func rows(_ db: SQLiteDatabase) throws -> [[String]] {
        try db.prepare("SELECT id, typeof(a), quote(a), typeof(b), quote(b), typeof(c), quote(c), typeof(d), quote(d) FROM t ORDER BY id").query { row in
            (0..<9).map { row.text(Int32($0)) ?? "-" }
        }
    }

    @Test func storesWhatWasBound() throws {
        let (db, folder) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let insert = try db.prepare("INSERT INTO t (id, a, b, c, d) VALUES (?, ?, ?, ?, ?)")
        // A text short enough to live inside its String, and one that lives in storage of its own.
        let long = String(repeating: "long é text ", count: 40)
        try insert.run([.integer(1), .text("short"), .text(long), .blob([0, 1, 2, 255]), .real(1.5)])
        try insert.run([.integer(2), .text("a\u{0}b"), .blob([]), .text(""), .integer(nil)])
        try insert.run([.integer(3), .text(nil), .real(nil), .blob(nil), .integer(-7)])
        #expect(try rows(db) == [
            ["1", "text", "'short'", "text", "'\(long)'", "blob", "X'000102FF'", "real", "1.5"],
            ["2", "text", "'a'", "blob", "X''", "text", "''", "null", "NULL"],
            ["3", "null", "NULL", "null", "NULL", "null", "NULL", "integer", "-7"],
        ])
    }

    @Test func nothingStaysBoundForTheNextUse() throws {
        let (db, folder) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let insert = try db.prepare("INSERT INTO t (id, a, b) VALUES (?, ?, ?)")
        try insert.run([.integer(1), .text("first"), .blob([1])])
        try insert.run([.integer(2)])
        #expect(try rows(db).map { Array($0.prefix(5)) } == [["1", "text", "'first'", "blob", "X'01'"], ["2", "null", "NULL", "null", "NULL"]])
        let echo = try db.prepare("SELECT ?1, ?2")
        #expect(try echo.query([.text("x"), .text("y")]) { row in [row.text(0), row.text(1)] } == [["x", "y"]])
        #expect(try echo.query([.text("z")]) { row in [row.text(0), row.text(1)] } == [["z", nil]])
    }

    /// A query's values stay bound while its rows are read, and a failed use leaves the statement ready for the next.
    @Test func valuesHoldWhileRowsAreReadAndAfterAFailure() throws {
        let (db, folder) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let insert = try db.prepare("INSERT INTO t (id, a) VALUES (?, ?)")
        let key = String(repeating: "k", count: 45)
        for id in 1...200 { try insert.run([.integer(id), .text(id % 2 == 0 ? key : "other")]) }
        #expect(throws: StoreError.self) { try insert.run([.integer(1), .text("taken")]) }
        try insert.run([.integer(201), .text(key)])
        var read: [Int] = []
        try db.prepare("SELECT id FROM t WHERE a = ? ORDER BY id").scan([.text(key)]) { row in
            read.append(row.integer(0) ?? 0)
            return true
        }
        #expect(read == Array(stride(from: 2, through: 200, by: 2)) + [201])
    }
}
