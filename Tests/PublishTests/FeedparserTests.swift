import AggregateModel
import AggregatePublish
import AggregateTestSupport
import Foundation
import Testing

/// Python feedparser reads the written RSS and Atom without complaint (`bozo == 0`) and finds every item.
@Suite(.enabled(if: Feedparser.isAvailable, "python3 with the feedparser module is not installed (apt-get install python3-feedparser); CI installs it"))
struct FeedparserTests {
    @Test(arguments: ["tech.xml", "tech.atom", "all.xml", "all.atom", "science.xml", "science.atom"])
    func feedparserAcceptsFeed(name: String) throws {
        let output = try TestPaths.temporaryDirectory("publish-feedparser").path
        _ = try Publisher.publish(Fixtures.input(output: output))
        let result = try Feedparser.parse(output + "/" + name)
        #expect(result.bozo == 0, "feedparser: \(result.exception ?? "")")
        #expect(result.version == (name.hasSuffix(".xml") ? "rss20" : "atom10"))
        let expected = name.hasPrefix("science") ? [] : [Fixtures.chips, Fixtures.upstream, Fixtures.bare]
        #expect(result.ids == expected.map(\.key))
        #expect(result.titles == ["New chips <b>ship</b> & \"sell\" out", "Networks ]]> grow again", "Code freeze"].prefix(expected.count).map { $0 })
        if !expected.isEmpty {
            // Provenance survives: the credited publisher and its feed.
            #expect(result.sourceTitles.prefix(2) == ["Example Wire", "Upstream Times"])
            #expect(result.sourceHrefs.prefix(2) == ["https://wire.example.com/feed.xml", "https://times.example.com/rss.xml"])
            #expect(result.firstEnclosure == "https://wire.example.com/audio/chips.mp3")
            #expect(result.firstContent.hasSuffix("A &lt;Blog&gt;</a></p>"))
        }
    }
}

enum Feedparser {
    static let isAvailable: Bool = {
        guard let status = try? run(["-c", "import feedparser"]).status else { return false }
        return status == 0
    }()

    struct Result: Decodable {
        var bozo: Int
        var exception: String?
        var version: String
        var ids: [String]
        var titles: [String]
        var sourceTitles: [String]
        var sourceHrefs: [String]
        var firstEnclosure: String?
        var firstContent: String
    }

    static let script = """
    import feedparser, json, sys
    d = feedparser.parse(sys.argv[1])
    def source_href(e):
        s = e.get("source") or {}
        return s.get("href") or s.get("id") or ""
    def content(e):
        if e.get("content"): return e.content[0].value
        return e.get("summary", "")
    print(json.dumps({
        "bozo": int(d.bozo),
        "exception": str(d.get("bozo_exception")) if d.bozo else None,
        "version": d.version,
        "ids": [e.get("id", "") for e in d.entries],
        "titles": [e.get("title", "") for e in d.entries],
        "sourceTitles": [(e.get("source") or {}).get("title", "") for e in d.entries],
        "sourceHrefs": [source_href(e) for e in d.entries],
        "firstEnclosure": d.entries[0].enclosures[0].href if d.entries and d.entries[0].enclosures else None,
        "firstContent": content(d.entries[0]) if d.entries else "",
    }))
    """

    static func parse(_ path: String) throws -> Result {
        let (status, output) = try run(["-c", script, path])
        try #require(status == 0, "python3 failed: \(String(decoding: output, as: UTF8.self))")
        return try JSONDecoder().decode(Result.self, from: output)
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
