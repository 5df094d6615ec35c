import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// `aggregate run` against a loopback server where most sources misbehave: every good source's items
/// are published, every hostile one fails within its limit with one line on stderr, and the outputs stay valid.
@Suite struct HostileServerTests {
    static let goodRSS = FeedText.rss(title: "Good Wire", link: "https://good.example.com/", items: (1...5).map { FeedText.item($0, host: "good.example.com") }.joined())
    static let goodAtom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Good Atom</title><id>urn:example:good-atom</id>
        <updated>2026-11-20T10:00:00Z</updated><link rel="alternate" href="https://atom.example.org/"/>
        \((1...3).map { "<entry><title>Atom report \($0) on harbour works</title><link href=\"https://atom.example.org/\($0)\"/><id>urn:example:atom:\($0)</id><updated>2026-11-2\($0)T09:00:00Z</updated><summary>Report \($0).</summary></entry>" }.joined())
        </feed>
        """

    /// `count` zeros zlib-compressed (HTTP "deflate"), made with Python's zlib.
    static func deflateZeros(_ count: Int) throws -> [UInt8] {
        let folder = try TestPaths.temporaryDirectory("aggregate-deflate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("zeros.zlib").path
        let run = try ProgramRun(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import sys, zlib; open(sys.argv[1], 'wb').write(zlib.compress(bytes(\(count)), 9))", path])
        guard run.status == 0 else { throw ChildError(message: "python3 zlib: \(run.standardError)") }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func hostileSourcesAreContainedAndGoodOnesArePublished() throws {
        let zeros = try Gzip.zeros(count: 64 << 20)
        let nested = try Gzip.compress(zeros)
        let deflated = try Self.deflateZeros(16 << 20)
        let server = try TestHTTPServer { request in
            switch request.pathWithoutQuery {
            case "/good.xml": return .ok(Self.goodRSS)
            case "/good.atom": return .ok(Self.goodAtom, contentType: "application/atom+xml")
            case "/endless": return .endless()
            case "/ten-gib":
                return .init(status: 200, headers: [("Content-Type", "application/xml"), ("Content-Length", String(10 << 30))], body: .bytes(Array(Self.goodRSS.utf8)))
            case "/gzip-bomb": return .ok(bytes: zeros, contentType: "application/xml", headers: [("Content-Encoding", "gzip")])
            case "/nested-gzip": return .ok(bytes: nested, contentType: "application/xml", headers: [("Content-Encoding", "gzip, gzip")])
            case "/deflate-bomb": return .ok(bytes: deflated, contentType: "application/xml", headers: [("Content-Encoding", "deflate")])
            case "/drip": return .drip(Self.goodRSS, interval: 1)
            case "/silent": return .noAnswer
            case "/loop-a": return .redirect(to: "/loop-b")
            case "/loop-b": return .redirect(to: "/loop-a", status: 301)
            case "/to-file": return .redirect(to: "file:///etc/passwd")
            case "/to-gopher": return .redirect(to: "gopher://127.0.0.1:70/1")
            case "/to-ftp": return .redirect(to: "ftp://127.0.0.1/feed.xml")
            case "/to-dict": return .redirect(to: "dict://127.0.0.1:2628/d:feed")
            case "/to-data": return .redirect(to: "data:application/xml,<rss/>")
            default: return .status(404)
            }
        }
        defer { server.stop() }
        let workspace = try Workspace("server")
        defer { workspace.remove() }

        let allowed = "allow_private_networks=yes"
        let hostile: [(name: String, location: String, expect: String)] = [
            ("Endless", server.url("/endless"), "larger than 1 MiB"),
            ("Ten GiB", server.url("/ten-gib"), "larger than 1 MiB"),
            ("Gzip Bomb", server.url("/gzip-bomb"), "larger than 1 MiB"),
            ("Nested Gzip", server.url("/nested-gzip"), "larger than 1 MiB"),
            ("Deflate Bomb", server.url("/deflate-bomb"), "larger than 1 MiB"),
            ("Drip", server.url("/drip"), "timed out after 3 s"),
            ("Silent", server.url("/silent"), "timed out after 3 s"),
            ("Loop", server.url("/loop-a"), "redirects"),
            ("To File", server.url("/to-file"), "neither http nor https"),
            ("To Gopher", server.url("/to-gopher"), "neither http nor https"),
            ("To FTP", server.url("/to-ftp"), "neither http nor https"),
            ("To Dict", server.url("/to-dict"), "neither http nor https"),
            ("To Data", server.url("/to-data"), "neither http nor https"),
        ]
        // Loopback under other spellings, without permission: refused at connect time.
        let guarded: [(name: String, location: String)] = [
            ("Localhost", "http://localhost:\(server.port)/good.xml"),
            ("Loopback", server.url("/good.xml?guarded")),
            ("Decimal Loopback", "http://2130706433:\(server.port)/good.xml"),
            ("Short Loopback", "http://127.1:\(server.port)/good.xml"),
            ("Zero Address", "http://0.0.0.0:\(server.port)/good.xml"),
            ("IPv6 Loopback", "http://[::1]:\(server.port)/good.xml"),
        ]
        var sources = [
            "\(server.url("/good.xml"))  name=\"Good Wire\"  categories=world  \(allowed)",
            "\(server.url("/good.atom"))  name=\"Good Atom\"  categories=world  \(allowed)",
        ]
        sources += hostile.map { "\($0.location)  name=\"\($0.name)\"  categories=world  \(allowed)" }
        sources += guarded.map { "\($0.location)  name=\"\($0.name)\"  categories=world" }
        try workspace.writeConfig(categories: ["world"], sources: sources, site: ["per_host = 100", "concurrency = 32"])

        let run = try workspace.run()
        #expect(run.finished)
        #expect(run.status == 1, "stderr: \(run.standardError)")
        let failLines = run.standardError.split(separator: "\n").filter { $0.hasPrefix("aggregate: FAIL ") }
        for source in hostile {
            let line = failLines.first { $0.hasPrefix("aggregate: FAIL \(source.name) ") }
            #expect(line?.contains(source.expect) == true, "\(source.name): \(line.map(String.init) ?? "no FAIL line")")
        }
        for source in guarded {
            let line = failLines.first { $0.hasPrefix("aggregate: FAIL \(source.name) ") }
            #expect(line?.contains("private or loopback address") == true, "\(source.name): \(line.map(String.init) ?? "no FAIL line")")
        }
        #expect(failLines.count == hostile.count + guarded.count, "\(failLines)")
        // The guarded sources never reached the server.
        #expect(server.requests(to: "/good.xml?guarded").isEmpty)
        let byName = server.requests.filter { request in (request.header("Host") ?? "").hasPrefix("localhost") }
        #expect(byName.isEmpty)

        // Every good item is published, nothing of the hostile ones, and the outputs are valid.
        let problems = try OutputValidation.problems(in: workspace.output)
        #expect(problems.isEmpty, "\(problems)")
        let feed = try String(contentsOf: workspace.output.appendingPathComponent("world.xml"), encoding: .utf8)
        for n in 1...5 { #expect(feed.contains("<link>https://good.example.com/story/\(n)</link>"), "good item \(n)") }
        for n in 1...3 { #expect(feed.contains("https://atom.example.org/\(n)"), "atom item \(n)") }
        #expect(feed.components(separatedBy: "<item>").count - 1 == 8)

        // The report names each failure too.
        let report = try #require(RunReportFile.read(from: workspace.cache.appendingPathComponent("last-run.json").path))
        #expect(report.failed.count == hostile.count + guarded.count)
        print("hostile server run: \(String(format: "%.1f", run.seconds)) s, peak \(run.maxResidentKiB / 1024) MiB")
    }
}
