import AggregateConfig
import AggregateCore
import AggregateModel
import AggregateParse
import AggregateTestSupport
import Foundation
import Testing

/// One story from three sources over two runs; keyword routing and an exclude rule; in every output.
struct MergeEndToEndTests {
    static func rss(_ title: String, items: [(title: String, link: String, guid: String, date: String)]) -> String {
        let body = items.map { item in
            "<item><title>\(item.title)</title><link>\(item.link)</link><guid>\(item.guid)</guid><pubDate>\(item.date)</pubDate><description>About \(item.title).</description></item>"
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(title)</title><link>https://\(title.lowercased()).example.com/</link><description>d</description>\(body)</channel></rss>"
    }

    @Test func oneStoryThreeSourcesTwoRunsRulesApplied() throws {
        let secondRun = LockedFlag()
        let server = try TestHTTPServer { request in
            switch request.pathWithoutQuery {
            case "/alpha.xml":
                return .ok(Self.rss("Alpha", items: [
                    ("Ministers agree new regional trade pact - Alpha", "https://alpha.example.com/trade-pact", "a1", "Sat, 28 Nov 2026 08:00:00 GMT"),
                    ("Beijing opens new airport terminal", "https://alpha.example.com/airport", "a2", "Sat, 28 Nov 2026 07:00:00 GMT"),
                ]))
            case "/beta.xml":
                return .ok(Self.rss("Beta", items: [
                    ("Ministers agree new regional trade pact | Beta", "https://alpha.example.com/trade-pact?utm_source=beta&utm_medium=rss", "b1", "Sat, 28 Nov 2026 09:00:00 GMT"),
                    ("Sponsored: five gadgets for winter", "https://beta.example.com/ad", "b2", "Sat, 28 Nov 2026 06:00:00 GMT"),
                ]))
            case "/gamma.xml":
                let items = secondRun.value
                    ? [("Ministers agree a new regional trade pact – Gamma", "https://gamma.example.org/2026/11/28/pact", "g1", "Sat, 28 Nov 2026 10:00:00 GMT")]
                    : [(String, String, String, String)]()
                return .ok(Self.rss("Gamma", items: items))
            default:
                return .status(404)
            }
        }
        defer { server.stop() }
        let folder = try TestPaths.temporaryDirectory("aggregate-merge")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            [site]
            title = Desk
            base_url = https://desk.example.org/
            allow_private_networks = yes
            exclude = ^Sponsored

            [category world]
            title = World

            [category china]
            title = China
            match = \\b(China|Beijing)\\b

            [sources]
            \(server.url("/alpha.xml"))  name="Alpha"  categories=world  priority=1
            \(server.url("/beta.xml"))  name="Beta"  categories=world
            \(server.url("/gamma.xml"))  name="Gamma"  categories=world
            """
        let path = folder.appendingPathComponent("feeds.conf").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let configuration = try ConfigLoader.load(path: path)
        let now = Date(timeIntervalSince1970: 1_795_953_600)

        let first = try Pipeline(configuration: configuration).run(RunOptions(now: now))
        #expect(first.sources.first { $0.name == "Beta" }?.filtered == 1)
        secondRun.set()
        let second = try Pipeline(configuration: configuration).run(RunOptions(force: true, now: now.addingTimeInterval(1800)))
        #expect(second.sources.first { $0.name == "Gamma" }?.duplicate == 1)

        let output = URL(fileURLWithPath: configuration.site.outputDirectory)
        func read(_ name: String) throws -> String { String(decoding: try Data(contentsOf: output.appendingPathComponent(name)), as: UTF8.self) }

        // RSS and Atom, read back with our parser: one copy, crediting all three.
        for name in ["world.xml", "world.atom", "all.xml", "all.atom"] {
            let feed = try FeedParser.parse(Array(try read(name).utf8), url: nil).feed
            let copies = feed.entries.filter { $0.title?.contains("regional trade pact") == true }
            #expect(copies.count == 1, "\(name)")
            let html = (copies.first?.content ?? "") + (copies.first?.summary ?? "")
            for publisher in ["Alpha", "Beta", "Gamma"] { #expect(html.contains(publisher), "\(name) credits \(publisher)") }
            #expect(copies.first?.source?.title == "Alpha", "\(name): the priority source is primary")
            #expect(!feed.entries.contains { $0.title?.hasPrefix("Sponsored") == true }, "\(name)")
        }
        // JSON Feed: one item, _source lists the others.
        let json = try JSONSerialization.jsonObject(with: Data(try read("world.json").utf8)) as? [String: Any]
        let items = (json?["items"] as? [[String: Any]]) ?? []
        let pacts = items.filter { ($0["title"] as? String)?.contains("regional trade pact") == true }
        #expect(pacts.count == 1)
        let source = pacts.first?["_source"] as? [String: Any]
        #expect(source?["name"] as? String == "Alpha")
        let also = (source?["also_reported_by"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(Set(also) == ["Beta", "Gamma"])
        // HTML page: one article for the story (related-item lists under other articles may link it again).
        let page = try read("world.html")
        #expect(page.components(separatedBy: "regional trade pact - Alpha</a></h3>").count - 1 == 1)
        #expect(!page.contains("regional trade pact | Beta</a></h3>"))
        for publisher in ["Alpha", "Beta", "Gamma"] { #expect(page.contains(publisher)) }
        #expect(!page.contains("Sponsored"))
        // The keyword rule routed Alpha's Beijing story into China.
        let china = try FeedParser.parse(Array(try read("china.xml").utf8), url: nil).feed
        #expect(china.entries.map(\.title) == ["Beijing opens new airport terminal"])
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
}
