import AggregateConfig
import AggregateCore
import AggregateModel
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// Cron-grade behaviour of `run` against a real server: what is fetched when, and what is remembered.
struct SchedulingTests {
    static let feed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example.com/</link><description>d</description>
        <item><title>One</title><link>https://t.example.com/1</link><guid>1</guid><pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate></item>
        </channel></rss>
        """
    let now = Date(timeIntervalSince1970: 1_795_953_600)

    func setUp(_ server: TestHTTPServer, paths: [String], extra: String = "") throws -> (Configuration, URL) {
        let folder = try TestPaths.temporaryDirectory("aggregate-schedule")
        let lines = paths.enumerated().map { "\(server.url($1))  name=\"S\($0)\"  categories=news\(extra)" }.joined(separator: "\n")
        let text = "[site]\ntitle = T\nbase_url = https://t.example.org/\nallow_private_networks = yes\ntimeout = 3s\n\n[category news]\ntitle = News\n\n[sources]\n\(lines)\n"
        let path = folder.appendingPathComponent("feeds.conf").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return (try ConfigLoader.load(path: path), folder)
    }

    func state(_ configuration: Configuration, _ index: Int = 0) throws -> SourceState? {
        try Store(path: configuration.site.cacheDirectory + "/" + Pipeline.CacheFile.store).sourceState(id: configuration.sources[index].id)
    }

    @Test func notDueUntilItsIntervalThenBodyHashSkipsTheParse() throws {
        let server = try TestHTTPServer { _ in .ok(Self.feed) }  // no validators at all
        defer { server.stop() }
        let (configuration, folder) = try setUp(server, paths: ["/plain.xml"], extra: "  refresh=1h")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Pipeline(configuration: configuration).run(RunOptions(now: now))
        let soon = try Pipeline(configuration: configuration).run(RunOptions(now: now.addingTimeInterval(600)))
        #expect(soon.sources[0].status == .skipped)
        #expect(server.requests.count == 1)
        let later = try Pipeline(configuration: configuration).run(RunOptions(now: now.addingTimeInterval(3700)))
        #expect(server.requests.count == 2)
        #expect(later.sources[0].status == .unchanged, "same body, no validators: skipped by its hash")
        #expect(try state(configuration)?.nextDue == now.addingTimeInterval(3700 + 3600))
    }

    @Test func retryAfterAndBackoffAfterFailures() throws {
        let server = try TestHTTPServer { request in
            request.pathWithoutQuery == "/busy.xml" ? .status(503, headers: [("Retry-After", "7200")]) : .status(500)
        }
        defer { server.stop() }
        let (configuration, folder) = try setUp(server, paths: ["/busy.xml", "/broken.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Pipeline(configuration: configuration).run(RunOptions(now: now))
        #expect(report.failed.count == 2)
        // Retry-After: two hours, whatever the backoff says.
        let busy = try #require(try state(configuration, 0))
        #expect(busy.nextDue.map { $0.timeIntervalSince(now) } == 7200)
        // Backoff: about 5 minutes after one failure, about 10 after two, never giving up.
        let first = try #require(try state(configuration, 1)?.nextDue).timeIntervalSince(now)
        #expect((240...360).contains(first))
        _ = try Pipeline(configuration: configuration).run(RunOptions(now: now.addingTimeInterval(first + 1)))
        let broken = try #require(try state(configuration, 1))
        #expect(broken.consecutiveFailures == 2)
        let second = try #require(broken.nextDue).timeIntervalSince(now.addingTimeInterval(first + 1))
        #expect((480...720).contains(second))
        #expect(broken.lastError?.contains("500") == true)
    }

    @Test func permanentRedirectIsRememberedAndReported() throws {
        let server = try TestHTTPServer { request in
            request.pathWithoutQuery == "/old.xml" ? .redirect(to: "/new.xml", status: 301) : .ok(Self.feed)
        }
        defer { server.stop() }
        let (configuration, folder) = try setUp(server, paths: ["/old.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Pipeline(configuration: configuration).run(RunOptions(now: now))
        #expect(first.sources[0].movedTo == server.url("/new.xml"))
        _ = try Pipeline(configuration: configuration).run(RunOptions(force: true, now: now.addingTimeInterval(60)))
        #expect(server.requests(to: "/old.xml").count == 1, "the second run goes straight to the new address")
        #expect(server.requests(to: "/new.xml").count == 2)
        let health = try SourceHealth.all(configuration: configuration)
        #expect(health[0].notice == "moved to \(server.url("/new.xml"))")
    }

    @Test func goneIsNotFetchedAgainUntilItsLineChanges() throws {
        let server = try TestHTTPServer { _ in .status(410) }
        defer { server.stop() }
        let (configuration, folder) = try setUp(server, paths: ["/gone.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Pipeline(configuration: configuration).run(RunOptions(now: now))
        let later = try Pipeline(configuration: configuration).run(RunOptions(now: now.addingTimeInterval(86_400 * 3)))
        #expect(later.sources[0].status == .gone)
        #expect(server.requests.count == 1)
        // A changed line (here: its name) is a new start.
        var changed = configuration
        changed.sources[0].name = "Renamed"
        _ = try Pipeline(configuration: changed).run(RunOptions(now: now.addingTimeInterval(86_400 * 3)))
        #expect(server.requests.count == 2)
    }
}
