import AggregateConfig
import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// `aggregate fetch`: the fetch stage alone, plain and conditional.
struct FetchCommandTests {
    @Test func fetchPrintsEachSourceAndUsesStoredValidators() throws {
        let server = try TestHTTPServer { request in
            if request.pathWithoutQuery == "/missing.xml" { return .status(404) }
            if request.header("If-None-Match") == "\"v1\"" { return .status(304, headers: [("ETag", "\"v1\"")]) }
            return .ok(SchedulingTests.feed, headers: [("ETag", "\"v1\"")])
        }
        defer { server.stop() }
        let folder = try TestPaths.temporaryDirectory("aggregate-fetch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "[site]\ntitle = T\nbase_url = https://t.example.org/\nallow_private_networks = yes\n\n[category news]\ntitle = News\n\n[sources]\n"
            + "\(server.url("/feed.xml"))  name=\"Good\"  categories=news\n\(server.url("/missing.xml"))  name=\"Gone Astray\"  categories=news\n"
        let path = folder.appendingPathComponent("feeds.conf").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let binary = try TestPaths.aggregateBinary()

        let plain = try ProgramRun(binary, ["fetch", "--config", path])
        #expect(plain.status == 1)
        #expect(plain.standardOutput.contains("200 "), "\(plain.standardOutput)")
        #expect(plain.standardOutput.contains("FAIL Gone Astray"), "\(plain.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("public").path), "fetch publishes nothing")

        _ = try Pipeline(configuration: try ConfigLoader.load(path: path)).run()
        let conditional = try ProgramRun(binary, ["fetch", "--conditional", "--config", path])
        #expect(conditional.standardOutput.contains("304 "), "\(conditional.standardOutput)")
        #expect(server.requests(to: "/feed.xml").last?.header("If-None-Match") == "\"v1\"")
    }
}
