import AggregateTestSupport
import Foundation
import Testing
@testable import AggregateParse

/// Every document of the shared corpus: counts, formats and a sample of values read independently
/// (corpus-expectations.tsv), and `aggregate parse --json` on all of them.
@Suite struct CorpusTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        let path: String, format: String, entries: Int, title: String?, link: String?, date: String?
        var testDescription: String { path }
    }

    static let expectations: [Expectation] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("corpus-expectations.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func opt(_ s: String) -> String? { s == "-" ? nil : s }
            return Expectation(path: f[0], format: f[1], entries: Int(f[2]) ?? -1, title: opt(f[3]), link: opt(f[4]), date: opt(f[5]))
        }
    }()

    static func notFeeds() throws -> [String] {
        let dir = try TestPaths.corpus().appendingPathComponent("notfeed")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { "notfeed/" + $0 }
    }

    @Test func expectationFileCoversTheCorpus() throws {
        let corpus = try TestPaths.corpus()
        let manifest = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        let paths = manifest.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        let expected = Set(Self.expectations.map(\.path))
        let feeds = paths.filter { !$0.hasPrefix("notfeed/") }
        #expect(feeds.count > 300)
        #expect(Set(feeds) == expected)
    }

    @Test(arguments: expectations)
    func document(_ e: Expectation) throws {
        let file = try TestPaths.corpus().appendingPathComponent(e.path)
        let data = try [UInt8](Data(contentsOf: file))
        let result = try FeedParser.parse(data, url: file.absoluteString)
        #expect(result.feed.format.rawValue == e.format)
        #expect(result.feed.entries.count == e.entries)
        let first = result.feed.entries.first
        if let title = e.title { #expect(first?.title == title) }
        if let link = e.link { #expect(first?.link == link) }
        if let date = e.date { #expect((first?.published ?? first?.updated).map(CivilTime.rfc3339) == date) }
        for entry in result.feed.entries {
            for html in [entry.summary, entry.content].compactMap({ $0 }) {
                #expect(!html.lowercased().contains("<script"), "\(e.path): a script survived sanitizing")
                #expect(!html.lowercased().contains("=\"javascript:"), "\(e.path): a javascript: URL survived")
            }
        }
    }

    @Test(arguments: try notFeeds())
    func notAFeed(_ path: String) throws {
        let data = try [UInt8](Data(contentsOf: try TestPaths.corpus().appendingPathComponent(path)))
        #expect(throws: ParseError.self) { try FeedParser.parse(data, url: nil) }
    }

    /// The real binary over the whole corpus: one JSON line per feed, all keys, exit 0.
    @Test func cliParsesEveryFeed() throws {
        let corpus = try TestPaths.corpus()
        let paths = Self.expectations.map { corpus.appendingPathComponent($0.path).path }
        let run = try CLI.run(["parse", "--json"] + paths)
        #expect(run.status == 0, "\(run.stderr.suffix(500))")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == paths.count)
        let topKeys = ["path", "format", "title", "link", "description", "language", "updated", "image", "entries"]
        let entryKeys = ["id", "title", "link", "published", "updated", "author", "summary", "content", "categories", "enclosures", "source"]
        for (line, path) in zip(lines, paths) {
            // Keys in the documented order.
            var position = line.startIndex
            for key in topKeys {
                guard let r = line.range(of: "\"\(key)\":", range: position..<line.endIndex) else {
                    Issue.record("\(path): key \(key) missing or out of order")
                    break
                }
                position = r.upperBound
            }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["path"] as? String == path)
            let entries = try #require(object["entries"] as? [[String: Any]])
            for entry in entries {
                #expect(Set(entry.keys) == Set(entryKeys), "\(path)")
                for key in ["published", "updated"] {
                    if let date = entry[key] as? String {
                        #expect(date.count == 20 && date.hasSuffix("Z"), "\(path): \(date)")
                    }
                }
            }
        }
    }

    /// Not-a-feed input: one-line error on stdout and stderr, non-zero status.
    @Test(arguments: try notFeeds())
    func cliRejectsNotAFeed(_ path: String) throws {
        let file = try TestPaths.corpus().appendingPathComponent(path).path
        let run = try CLI.run(["parse", "--json", file])
        #expect(run.status != 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["path"] as? String == file)
        #expect((object["error"] as? String)?.hasPrefix("parse: ") == true)
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    /// An HTML page given as a file: its advertised feeds are resolved against the file's own URL.
    @Test func cliResolvesAdvertisedFeedsAgainstTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aggregate-page-\(UUID().uuidString)/site")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let page = folder.appendingPathComponent("index.html")
        try Data("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"news/feed.xml\"></head><body>Hi</body></html>".utf8).write(to: page)
        let run = try CLI.run(["parse", "--json", folder.path + "/../site/index.html"])
        #expect(run.status != 0)
        #expect(run.stdout.contains(folder.appendingPathComponent("news/feed.xml").absoluteString), "\(run.stdout)")
    }

    @Test(arguments: ["1", "2", "5"])
    func cliParsesInParallelInArgumentOrder(_ jobs: String) throws {
        let corpus = try TestPaths.corpus()
        let paths = Self.expectations.prefix(40).map { corpus.appendingPathComponent($0.path).path }
            + ["https://example.org/feed.xml"]
        let serial = try CLI.run(["parse", "--json", "--jobs", "1"] + paths)
        let parallel = try CLI.run(["parse", "--json", "--jobs", jobs] + paths)
        #expect(parallel.status == serial.status)
        #expect(parallel.stdout == serial.stdout)
        #expect(parallel.stderr == serial.stderr)
        let lines = parallel.stdout.split(separator: "\n")
        #expect(lines.count == paths.count)
        for (line, path) in zip(lines, paths) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["path"] as? String == path)
        }
    }

    @Test func cliRejectsZeroJobs() throws {
        let run = try CLI.run(["parse", "--json", "--jobs", "0", "x.xml"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--jobs"))
    }

    @Test func cliMixesFeedsAndFailuresInOrder() throws {
        let corpus = try TestPaths.corpus()
        let good = corpus.appendingPathComponent(Self.expectations[0].path).path
        let bad = corpus.appendingPathComponent("notfeed/nodefeedparser-not-a-feed-html.html").path
        // A URL that resolves to this machine is refused without --allow-private-networks.
        let run = try CLI.run(["parse", "--json", good, bad, "http://127.0.0.1:9/feed.xml"])
        #expect(run.status != 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("{\"path\":"))
        #expect(lines[1].contains("\"error\":\"parse: \(bad): this is an HTML page"))
        #expect(lines[2].contains("\"error\":\"fetch: http://127.0.0.1:9/feed.xml"))
        #expect(lines[2].contains("private or loopback address"))
    }
}

/// Runs the built `aggregate` binary.
enum CLI {
    struct Run { let status: Int32; let stdout: String; let stderr: String }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try TestPaths.aggregateBinary()
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// `aggregate parse --json URL`: fetched with the run's fetcher, relative links resolved against the final URL.
struct ParseURLTests {
    @Test func parsesAFeedServedOverHTTP() throws {
        let feed = """
            <?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u{E9}</title><link>/</link><description>d</description>
            <item><title>Premi\u{E8}re</title><link>/a/1</link></item></channel></rss>
            """
        let server = try TestHTTPServer { _ in .ok(bytes: Array(feed.data(using: .isoLatin1)!), contentType: "application/rss+xml; charset=iso-8859-1") }
        defer { server.stop() }
        let run = try CLI.run(["parse", "--json", "--allow-private-networks", server.url("/feeds/main.xml")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"title\":\"Café\""))
        #expect(run.stdout.contains("\"title\":\"Première\""))
        #expect(run.stdout.contains("\"link\":\"\(server.url("/a/1"))\""))
    }
}
