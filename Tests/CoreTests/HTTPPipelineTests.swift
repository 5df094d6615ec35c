import AggregateConfig
import AggregateCore
import AggregateModel
import AggregateParse
import AggregateTestSupport
import Foundation
import Testing

/// The whole pipeline against real HTTP sources on 127.0.0.1.
struct HTTPPipelineTests {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel>
          <title>Wire One</title><link>https://one.example.com/</link><description>Wire One news</description>
          <item><title>Central bank holds rates steady - Wire One</title>
            <link>https://www.example.com/markets/rates-steady</link><guid>one-1</guid>
            <pubDate>Sat, 28 Nov 2026 08:00:00 +0000</pubDate><author>desk@one.example.com (Lena Park)</author>
            <description>&lt;p&gt;The central bank kept its main rate unchanged.&lt;/p&gt;</description></item>
          <item><title>Harbour reopens after storm</title>
            <link>https://one.example.com/harbour</link><guid>one-2</guid>
            <pubDate>Sat, 28 Nov 2026 07:00:00 +0000</pubDate>
            <description>Ships are moving again.</description></item>
        </channel></rss>
        """

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Wire Two</title><id>urn:example:two</id><updated>2026-11-28T09:00:00Z</updated>
          <link rel="alternate" href="https://two.example.org/"/>
          <entry><title>Central bank holds rates steady | Wire Two</title>
            <link href="https://www.example.com/markets/rates-steady?utm_source=wiretwo&amp;utm_medium=rss"/>
            <id>urn:example:two:1</id><updated>2026-11-28T09:00:00Z</updated>
            <summary>Rates unchanged, the bank said.</summary></entry>
          <entry><title>New rail line opens in the north</title>
            <link href="https://two.example.org/rail"/><id>urn:example:two:2</id><updated>2026-11-28T06:00:00Z</updated>
            <summary>The line links three towns.</summary></entry>
        </feed>
        """

    func configuration(server: TestHTTPServer, folder: URL) throws -> Configuration {
        let text = """
            [site]
            title = Test Desk
            description = Merged wires
            base_url = https://desk.example.org/
            output = public
            cache = cache
            allow_private_networks = yes
            timeout = 10s

            [category business]
            title = Business

            [category world]
            title = World

            [sources]
            \(server.url("/one.xml"))  name="Wire One"  categories=business
            \(server.url("/two.atom"))  name="Wire Two"  categories=world
            \(server.url("/missing.xml"))  name="Broken Wire"  categories=world
            """
        let path = folder.appendingPathComponent("feeds.conf").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return try ConfigLoader.load(path: path)
    }

    @Test func twoSourcesOneStoryCreditedToBothAndA304SecondRun() throws {
        let server = try TestHTTPServer { request in
            let etag = "\"v1-\(request.pathWithoutQuery)\""
            if request.header("If-None-Match") == etag { return .status(304, headers: [("ETag", etag)]) }
            switch request.pathWithoutQuery {
            case "/one.xml": return .ok(Self.rss, headers: [("ETag", etag)])
            case "/two.atom": return .ok(Self.atom, contentType: "application/atom+xml", headers: [("ETag", etag)])
            default: return .status(404)
            }
        }
        defer { server.stop() }
        let folder = try TestPaths.temporaryDirectory("aggregate-http")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try configuration(server: server, folder: folder)
        let now = Date(timeIntervalSince1970: 1_795_953_600)  // 2026-11-29T12:00Z, after every item

        let report = try Pipeline(configuration: configuration).run(RunOptions(now: now))
        let bySource = Dictionary(uniqueKeysWithValues: report.sources.map { ($0.name, $0) })
        // Sources are merged as their transfers finish, in any order: three stories, one reported twice.
        #expect(bySource["Wire One"]?.status == .ok)
        #expect(bySource["Wire Two"]?.status == .ok)
        #expect((bySource["Wire One"]?.new ?? 0) + (bySource["Wire Two"]?.new ?? 0) == 3)
        #expect((bySource["Wire One"]?.duplicate ?? 0) + (bySource["Wire Two"]?.duplicate ?? 0) == 1)
        // A failing source is reported and the run goes on.
        #expect(bySource["Broken Wire"]?.status == .failed)
        #expect(bySource["Broken Wire"]?.error?.contains("404") == true)

        let output = URL(fileURLWithPath: configuration.site.outputDirectory)
        let all = try FeedParser.parse(Array(try Data(contentsOf: output.appendingPathComponent("all.xml"))), url: nil).feed
        #expect(all.entries.count == 3)
        let rates = all.entries.filter { $0.title?.contains("rates steady") == true }
        #expect(rates.count == 1)
        let story = try #require(rates.first)
        #expect(story.link == "https://www.example.com/markets/rates-steady")
        #expect(story.source?.url == server.url("/one.xml"))
        #expect(story.source?.title == "Wire One")
        #expect(story.author?.contains("Lena Park") == true)
        let html = story.content ?? story.summary ?? ""
        #expect(html.contains("Source link"))
        #expect(html.contains("Wire Two"), "also reported by: \(html)")
        // The merged story is in both sections.
        for slug in ["business", "world"] {
            let feed = try FeedParser.parse(Array(try Data(contentsOf: output.appendingPathComponent("\(slug).atom"))), url: nil).feed
            #expect(feed.entries.contains { $0.title?.contains("rates steady") == true }, "\(slug)")
        }

        // Forced second run: validators sent back, 304s, nothing parsed, outputs untouched.
        let before = try OutputTree(output)
        let again = try Pipeline(configuration: configuration).run(RunOptions(force: true, now: now.addingTimeInterval(3600)))
        let second = Dictionary(uniqueKeysWithValues: again.sources.map { ($0.name, $0) })
        #expect(second["Wire One"]?.status == .notModified)
        #expect(second["Wire Two"]?.status == .notModified)
        #expect(server.requests(to: "/one.xml").last?.header("If-None-Match") == "\"v1-/one.xml\"")
        #expect(try OutputTree(output) == before)
    }

    @Test func aSecondRunIsRefusedWhileTheLockIsHeld() throws {
        let server = try TestHTTPServer { _ in .ok(Self.rss) }
        defer { server.stop() }
        let folder = try TestPaths.temporaryDirectory("aggregate-lock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try configuration(server: server, folder: folder)
        try FileManager.default.createDirectory(atPath: configuration.site.cacheDirectory, withIntermediateDirectories: true)
        // Another process holds the lock: flock(1) keeps it while it sleeps.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [configuration.site.cacheDirectory + "/" + Pipeline.CacheFile.lock, "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        var waited = 0
        while waited < 100 {
            let probe = try ProgramRun(URL(fileURLWithPath: "/usr/bin/flock"), ["-n", configuration.site.cacheDirectory + "/" + Pipeline.CacheFile.lock, "true"])
            if probe.status != 0 { break }
            usleep(50_000)
            waited += 1
        }
        let run = try ProgramRun(try TestPaths.aggregateBinary(), ["run", "--config", folder.appendingPathComponent("feeds.conf").path])
        #expect(run.status == 3)
        #expect(run.standardError.contains("another aggregate run is active"))
        #expect(server.requests.isEmpty)
    }
}
