import AggregateCore
import AggregateModel
import AggregateParse
import AggregateTestSupport
import Foundation
import Testing

/// Entity bombs, external entities, XInclude, depth and size: the parser ends with a warning or a
/// clear error, never expands, never reads a file or the network, never runs away.
@Suite struct XMLBombTests {
    /// Something that must never show up in a parse result: the content of a local file.
    static func secretFile() throws -> (path: String, secret: String) {
        let folder = try TestPaths.temporaryDirectory("aggregate-secret")
        let secret = "SECRET-\(UUID().uuidString)"
        let path = folder.appendingPathComponent("secret.txt").path
        try secret.write(toFile: path, atomically: false, encoding: .utf8)
        return (path, secret)
    }

    static func everything(_ feed: Feed) -> String {
        var parts = [feed.title, feed.description, feed.link].compactMap { $0 }
        for entry in feed.entries {
            parts += [entry.title, entry.summary, entry.content, entry.link, entry.id, entry.author].compactMap { $0 }
        }
        return parts.joined(separator: "\n")
    }

    @Test
    func billionLaughsIsReadWithoutExpandingAndWarns() throws {
        let result = try FeedParser.parse(XMLBombs.billionLaughs(), url: "https://laughs.example.com/feed.xml")
        let text = Self.everything(result.feed)
        #expect(!text.contains("lollollol"))
        #expect(text.utf8.count < 10_000)
        #expect(result.feed.entries.count == 1)
        #expect(result.warnings.contains { $0.contains("declares entities") }, "\(result.warnings)")
    }

    @Test
    func quadraticBlowupIsReadWithoutExpanding() throws {
        let result = try FeedParser.parse(XMLBombs.quadraticBlowup(), url: "https://quadratic.example.com/feed.xml")
        #expect(result.feed.entries.count == 1)
        #expect(result.feed.entries.first?.title == "Quadratic")
        #expect(Self.everything(result.feed).utf8.count < 200_000)
        #expect(result.warnings.contains { $0.contains("big") })
    }

    @Test func externalEntitiesAndDTDsAreNeitherReadNorFetched() throws {
        let probe = try TestHTTPServer { _ in .ok("<!ENTITY leak \"LEAKED\">", contentType: "application/xml-dtd") }
        defer { probe.stop() }
        let (path, secret) = try Self.secretFile()
        let result = try FeedParser.parse(XMLBombs.externalEntities(secretFile: path, probe: probe.url("")), url: "https://xxe.example.com/feed.xml")
        let text = Self.everything(result.feed)
        #expect(!text.contains(secret))
        #expect(!text.contains("LEAKED"))
        #expect(probe.requests.isEmpty, "the parser fetched \(probe.requests.map(\.path))")
        #expect(result.feed.entries.count == 1)
        #expect(result.warnings.contains { $0.contains("secret") }, "\(result.warnings)")
    }

    @Test func xincludeIsNotProcessed() throws {
        let probe = try TestHTTPServer { _ in .ok("<p>LEAKED</p>") }
        defer { probe.stop() }
        let (path, secret) = try Self.secretFile()
        let result = try FeedParser.parse(XMLBombs.xinclude(secretFile: path, probe: probe.url("")), url: "https://xinclude.example.com/feed.xml")
        let text = Self.everything(result.feed)
        #expect(!text.contains(secret))
        #expect(!text.contains("LEAKED"))
        #expect(probe.requests.isEmpty)
        #expect(result.feed.entries.count == 1)
    }

    @Test(arguments: [10_000, 100_000])
    func deepNestingEndsAndKeepsTheItemsAround(depth: Int) throws {
        let result = try FeedParser.parse(XMLBombs.deepNesting(depth: depth), url: "https://deep.example.com/feed.xml")
        let titles = result.feed.entries.compactMap(\.title)
        #expect(titles.contains("Before the pit"))
        // libxml2 stops at its depth limit: the items after the pit may be lost, but not silently.
        if !titles.contains("After the pit") {
            #expect(!result.warnings.isEmpty)
        }
    }

    @Test func deepNestingInsideEscapedHTMLEnds() throws {
        let result = try FeedParser.parse(XMLBombs.deepEscapedHTML(depth: 100_000), url: "https://deephtml.example.com/feed.xml")
        #expect(result.feed.entries.count == 1)
        #expect(result.feed.entries.first?.title == "Deep HTML")
    }

    @Test func fiftyMegabyteAttributeEnds() throws {
        let result = try FeedParser.parse(XMLBombs.hugeAttribute(megabytes: 50), url: "https://huge.example.com/feed.xml")
        let titles = result.feed.entries.compactMap(\.title)
        #expect(titles.contains("Before the attribute"))
        // The attribute is over libxml2's 10 MB value limit: a warning says what was lost.
        #expect(!result.warnings.isEmpty)
        #expect(result.feed.entries.allSatisfy { $0.enclosures.allSatisfy { $0.url.utf8.count < 11 << 20 } })
    }

    @Test func twoHundredThousandItemsEnd() throws {
        let result = try FeedParser.parse(XMLBombs.manyItems(200_000), url: "https://flood.example.com/feed.xml")
        #expect(result.feed.entries.count > 0)
        #expect(result.feed.entries.count <= 200_000)
    }
}
