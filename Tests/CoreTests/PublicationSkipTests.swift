import AggregateConfig
import AggregateStore
@testable import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// A run with nothing new renders nothing (`Publication.digest`, `PublishRecord`); any change to what the
/// outputs are made from shows in them at the next run.
struct PublicationSkipTests {
    static func feed(_ titles: [String]) -> String {
        let items = titles.enumerated().map { index, title in
            "<item><title>\(title)</title><link>https://wire.example.com/\(index)</link><pubDate>Sat, 28 Nov 2026 0\(index):00:00 GMT</pubDate></item>"
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>https://wire.example.com/</link>\(items)</channel></rss>"
    }

    static func conf(title: String, sourceName: String) -> String {
        """
        [site]
        title = \(title)
        base_url = https://desk.example.org/

        [category news]
        title = News

        [sources]
        wire.xml  name="\(sourceName)"  categories=news  feed_url=https://wire.example.com/feed.xml
        """
    }

    @Test func changesShowAndNothingElseIsRendered() throws {
        let folder = try TestPaths.temporaryDirectory("aggregate-publication-skip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let confPath = folder.appendingPathComponent("feeds.conf").path
        let feedPath = folder.appendingPathComponent("wire.xml").path
        try Self.conf(title: "Desk One", sourceName: "Wire").write(toFile: confPath, atomically: false, encoding: .utf8)
        try Self.feed(["Rain in Lahore", "Markets rise"]).write(toFile: feedPath, atomically: false, encoding: .utf8)
        let now = Date(timeIntervalSince1970: 1_795_953_600)
        func run() throws -> (report: RunReport, digest: String) {
            let configuration = try ConfigLoader.load(path: confPath)
            let report = try Pipeline(configuration: configuration).run(RunOptions(force: true, now: now))
            let store = try Store(path: configuration.site.cacheDirectory + "/" + Pipeline.CacheFile.store)
            let input = try Publication.input(configuration: configuration, store: store, now: now)
            return (report, Publication.digest(configuration: configuration, input: input))
        }
        let output = folder.appendingPathComponent("public")
        func file(_ name: String) throws -> String { try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8) }

        let first = try run()
        #expect(!first.report.filesWritten.isEmpty)
        let second = try run()
        #expect(second.digest == first.digest)
        #expect(second.report.filesWritten.isEmpty)
        #expect(second.report.filesUnchanged == first.report.filesWritten.count)

        // feeds.conf: the site title.
        try Self.conf(title: "Desk Two", sourceName: "Wire").write(toFile: confPath, atomically: false, encoding: .utf8)
        let third = try run()
        #expect(third.digest != second.digest)
        #expect(try file("index.html").contains("Desk Two"))

        // A source's item.
        try Self.feed(["Rain in Lahore", "Markets fall"]).write(toFile: feedPath, atomically: false, encoding: .utf8)
        let fourth = try run()
        #expect(fourth.digest != third.digest)
        #expect(try file("news.xml").contains("Markets fall"))

        // A source's name, as the OPML and the attributions show it.
        try Self.conf(title: "Desk Two", sourceName: "The Wire").write(toFile: confPath, atomically: false, encoding: .utf8)
        let fifth = try run()
        #expect(fifth.digest != fourth.digest)
        #expect(try file("sources.opml").contains("The Wire"))

        // A deleted output comes back though nothing changed.
        try FileManager.default.removeItem(at: output.appendingPathComponent("news.atom"))
        let sixth = try run()
        #expect(sixth.digest == fifth.digest)
        #expect(sixth.report.filesWritten == ["news.atom"])
    }
}
