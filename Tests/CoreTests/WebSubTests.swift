import AggregateConfig
import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// With a hub configured, every changed feed is announced to it, and only a changed one.
struct WebSubTests {
    @Test func hubIsPingedForChangedFeedsOnly() throws {
        let server = try TestHTTPServer { request in
            request.pathWithoutQuery == "/hub" ? .status(204) : .ok(SchedulingTests.feed)
        }
        defer { server.stop() }
        let folder = try TestPaths.temporaryDirectory("aggregate-websub")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            [site]
            title = T
            base_url = https://desk.example.org/
            allow_private_networks = yes
            hub = \(server.url("/hub"))

            [category news]
            title = News

            [sources]
            \(server.url("/feed.xml"))  name="S"  categories=news
            """
        let path = folder.appendingPathComponent("feeds.conf").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let configuration = try ConfigLoader.load(path: path)
        let now = Date(timeIntervalSince1970: 1_795_953_600)

        let first = try Pipeline(configuration: configuration).run(RunOptions(now: now))
        #expect(first.hubErrors.isEmpty)
        let pings = server.requests(to: "/hub")
        #expect(pings.allSatisfy { $0.method == "POST" })
        let announced = Set(pings.compactMap { $0.body.flatMap { String(decoding: $0, as: UTF8.self) } })
        for file in ["news.xml", "news.atom", "news.json", "all.xml", "all.atom", "all.json"] {
            let encoded = "https%3A%2F%2Fdesk.example.org%2F" + file
            #expect(announced.contains("hub.mode=publish&hub.url=\(encoded)"), "\(file)")
        }
        #expect(announced.count == 6)
        // Nothing changed: no ping.
        _ = try Pipeline(configuration: configuration).run(RunOptions(force: true, now: now.addingTimeInterval(60)))
        #expect(server.requests(to: "/hub").count == pings.count)
        // The feeds link the hub.
        let rss = try String(contentsOfFile: configuration.site.outputDirectory + "/news.xml", encoding: .utf8)
        #expect(rss.contains("rel=\"hub\""))
    }
}
