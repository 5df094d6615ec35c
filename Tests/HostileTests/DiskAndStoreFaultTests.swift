import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// A disk write that fails keeps the previous outputs and says so (exit 4); a missing store is rebuilt;
/// a corrupt store is a clear error, never a silent loss.
@Suite struct DiskAndStoreFaultTests {
    static func workspace(_ name: String, items: Int = 3) throws -> Workspace {
        let workspace = try Workspace(name)
        try writeFeed(workspace, items: items)
        try workspace.writeConfig(categories: ["world", "tech"], sources: ["feed.xml  name=\"Wire\"  categories=world,tech  feed_url=https://wire.example.com/feed.xml"])
        return workspace
    }

    static func writeFeed(_ workspace: Workspace, items: Int) throws {
        try workspace.write(Array(FeedText.rss(items: (1...items).map { FeedText.item($0, title: "Harbour report \($0) of the week") }.joined()).utf8), to: "feed.xml")
    }

    @Test func aDirectoryInTheWayOfOneOutputKeepsEveryPreviousOutput() throws {
        let workspace = try Self.workspace("disk-dir")
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let before = try workspace.outputFiles()
        // A new item, and a folder where the run must write tech.xml.
        try Self.writeFeed(workspace, items: 4)
        let blocked = workspace.output.appendingPathComponent("tech.xml")
        try FileManager.default.removeItem(at: blocked)
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let run = try workspace.run()
        #expect(run.status == 4, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("tech.xml"))
        var after = try workspace.outputFiles()
        after["tech.xml"] = before["tech.xml"]
        after.removeValue(forKey: "tech.xml/inside")
        let changed = before.keys.filter { after[$0] != before[$0] }.sorted()
        #expect(changed.isEmpty, "rewritten although the run failed: \(changed)")
        #expect(try OutputValidation.problems(in: workspace.output).isEmpty)
        // Once the way is clear, the next run publishes the new item.
        try FileManager.default.removeItem(at: blocked)
        let next = try workspace.run()
        #expect(next.status == 0, "stderr: \(next.standardError)")
        let tech = try String(contentsOf: blocked, encoding: .utf8)
        #expect(tech.contains("https://wire.example.com/story/4"))
    }

    @Test func anOutputFolderThatIsAFileStopsTheRunWithExit4() throws {
        let workspace = try Self.workspace("disk-file")
        defer { workspace.remove() }
        try Data("not a folder\n".utf8).write(to: workspace.output)
        let run = try workspace.run()
        #expect(run.status == 4, "stderr: \(run.standardError)")
        #expect(run.standardError.contains(workspace.output.lastPathComponent))
        #expect(try Data(contentsOf: workspace.output) == Data("not a folder\n".utf8))
    }

    @Test func aMissingStoreIsRebuiltWithTheSameOutputs() throws {
        let workspace = try Self.workspace("store-missing")
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let before = try workspace.outputFiles()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.storePath + suffix) }
        let run = try workspace.run()
        #expect(run.status == 0, "stderr: \(run.standardError)")
        #expect(try workspace.outputFiles() == before)
        #expect(try Store(path: workspace.storePath).integrityProblem() == nil)
    }

    @Test(arguments: ["garbage", "truncated", "scribbled"])
    func aCorruptStoreIsAClearErrorAndIsKept(damage: String) throws {
        let workspace = try Self.workspace("store-corrupt-\(damage)", items: 60)
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let before = try workspace.outputFiles()
        // Fold the WAL into the main file so that the damage hits the data.
        #expect(try ProgramRun(URL(fileURLWithPath: "/usr/bin/python3"), [
            "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.execute('PRAGMA journal_mode=DELETE'); c.close()",
            workspace.storePath,
        ]).status == 0)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: workspace.storePath)))
        switch damage {
        case "garbage": bytes = Array(String(repeating: "this is not a database ", count: 400).utf8)
        case "truncated": bytes = Array(bytes.prefix(bytes.count / 2 + 100))
        default:
            // Pages 2 and beyond scribbled over; the header stays valid.
            var random = SplitMix64(seed: 7)
            for i in stride(from: 4096, to: bytes.count, by: 3) { bytes[i] = UInt8.random(in: 0...255, using: &random) }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: workspace.storePath))
        try Self.writeFeed(workspace, items: 61)
        let run = try workspace.run()
        #expect(run.status == 4, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("corrupt") || run.standardError.contains("malformed"), "stderr: \(run.standardError)")
        #expect(run.standardError.contains(workspace.storePath))
        // The damaged file is left for the operator; the previous outputs are untouched.
        // (SQLite may rewrite the header's version bytes when it switches to WAL; the pages stay.)
        let kept = [UInt8](try Data(contentsOf: URL(fileURLWithPath: workspace.storePath)))
        #expect(kept.count == bytes.count)
        #expect(kept.dropFirst(100) == bytes.dropFirst(100))
        #expect(try workspace.outputFiles() == before)
    }
}
