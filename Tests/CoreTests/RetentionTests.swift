import AggregateConfig
import AggregateCore
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// Per-category limits, per-source caps and maximum age; the store forgets what no output can show again.
struct RetentionTests {
    static func feed(_ name: String, days: [Int], extra: String = "") -> String {
        let items = days.enumerated().map { index, day in
            let date = Date(timeIntervalSince1970: 1_795_953_600 - Double(day) * 86_400)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            return "<item><title>\(name) story \(index) about \(name.lowercased())land</title><link>https://\(name.lowercased()).example.com/\(index)</link><guid>\(name)-\(index)</guid><pubDate>\(formatter.string(from: date))</pubDate></item>"
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(name)</title><link>https://\(name.lowercased()).example.com/</link><description>\(extra)</description>\(items)</channel></rss>"
    }

    @Test func limitsCapsAgeAndPruning() throws {
        let version = LockedFlag()
        let server = try TestHTTPServer { request in
            switch request.pathWithoutQuery {
            case "/busy.xml": return .ok(Self.feed("Busy", days: [0, 0, 1, 1, 2, 20, 30, 40], extra: version.value ? "v2" : "v1"))
            case "/quiet.xml": return .ok(Self.feed("Quiet", days: [3, 12]))
            default: return .status(404)
            }
        }
        defer { server.stop() }
        let folder = try TestPaths.temporaryDirectory("aggregate-retention")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            [site]
            title = T
            base_url = https://desk.example.org/
            allow_private_networks = yes
            items_per_feed = 4

            [category news]
            title = News
            per_source = 3

            [category recent]
            title = Recent
            max_age = 10d

            [sources]
            \(server.url("/busy.xml"))  name="Busy"  categories=news,recent
            \(server.url("/quiet.xml"))  name="Quiet"  categories=news,recent
            """
        let path = folder.appendingPathComponent("feeds.conf").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let configuration = try ConfigLoader.load(path: path)
        let now = Date(timeIntervalSince1970: 1_795_953_600)
        _ = try Pipeline(configuration: configuration).run(RunOptions(now: now))

        let output = URL(fileURLWithPath: configuration.site.outputDirectory)
        func titles(_ file: String) throws -> [String] {
            let text = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            return text.components(separatedBy: "<item>").dropFirst().compactMap { part in
                part.range(of: "<title>").flatMap { open in part.range(of: "</title>").map { String(part[open.upperBound..<$0.lowerBound]) } }
            }
        }
        // news: at most 3 of Busy, then Quiet's newest; 4 items in all.
        let news = try titles("news.xml")
        #expect(news.count == 4)
        #expect(news.filter { $0.hasPrefix("Busy") }.count == 3)
        #expect(news.contains("Quiet story 0 about quietland"))
        // recent: nothing older than 10 days.
        let recent = try titles("recent.xml")
        #expect(recent.count == 4)
        #expect(!recent.contains { $0.contains("story 5") || $0.contains("story 6") || $0.contains("story 7") || $0 == "Quiet story 1 about quietland" })

        // Busy's 20-, 30- and 40-day-old stories are shown nowhere and older than a week: pruned.
        let store = try Store(path: configuration.site.cacheDirectory + "/" + Pipeline.CacheFile.store)
        #expect(try store.itemCountsBySource()[configuration.sources[0].id] == 5)
        // The feed still lists them: a later run does not bring them back.
        version.set()
        let again = try Pipeline(configuration: configuration).run(RunOptions(force: true, now: now.addingTimeInterval(600)))
        #expect(again.sources.first { $0.name == "Busy" }?.new == 0)
        #expect(try store.itemCountsBySource()[configuration.sources[0].id] == 5)
        #expect(try store.integrityProblem() == nil)
    }
}
