import AggregateFetch
import AggregateTestSupport
import Foundation
import Testing

@Suite struct LocalFileTests {
    @Test func absolutePathIsReadFromDisk() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("feed.xml")
        try Data(rss("Local").utf8).write(to: file)
        let response = try #require(fetch(file.path).value)
        #expect(response.status == 200)
        #expect(response.finalURL == file.path)
        #expect(String(decoding: response.body, as: UTF8.self) == rss("Local"))
        #expect(response.bytes == rss("Local").utf8.count)
    }

    @Test func largeFileIsReadWhole() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("large.xml")
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: file)
        #expect(fetch(file.path).value?.body == bytes)
    }

    @Test func missingFileIsReported() throws {
        let path = "/nonexistent-\(UUID().uuidString)/feed.xml"
        let error = try #require(fetch(path).error)
        #expect(error == .fileUnreadable(path: path, reason: "No such file or directory"))
        #expect(error.description.contains(path))
    }

    @Test func directoryIsReported() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(fetch(directory.path).error == .fileUnreadable(path: directory.path, reason: "it is a directory"))
    }

    @Test func fileOverTheCapIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.xml")
        try Data(count: 2048).write(to: file)
        #expect(fetch(file.path, settings: testSettings(maxBytes: 1024)).error == .tooLarge(url: file.path, limit: 1024))
        #expect(fetch(file.path, settings: testSettings(maxBytes: 2048)).value?.body.count == 2048)
    }

    /// A pipe says nothing of its size: the buffer grows as it is read, and the cap still holds.
    @Test(arguments: [(200_000, 1 << 20), (200_000, 100_000)])
    func pipeIsReadToItsEndUnderTheCap(size: Int, cap: Int) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The reader stops at the cap and closes: the writer must get EPIPE, not be killed by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let fifo = directory.appendingPathComponent("feed.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            try? handle.write(contentsOf: Data(bytes))
            try? handle.close()
        }
        writer.start()
        let result = fetch(fifo, settings: testSettings(maxBytes: cap))
        if size <= cap {
            #expect(result.value?.body == bytes)
        } else {
            #expect(result.error == .tooLarge(url: fifo, limit: cap))
        }
    }
}
