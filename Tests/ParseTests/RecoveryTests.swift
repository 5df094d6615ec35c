import Foundation
import Testing
@testable import AggregateParse

private func parse(_ doc: String, url: String? = "https://example.org/feed.xml") throws(ParseError) -> ParseResult {
    try FeedParser.parse(Array(doc.utf8), url: url)
}

/// Broken documents as publishers send them: what is recovered, and that each recovery is reported.
@Suite struct RecoveryTests {
    @Test func undeclaredHTMLEntities() throws {
        let r = try parse("<rss version=\"2.0\"><channel><title>A&nbsp;B &mdash; C&hellip; &eacute;t&eacute;</title></channel></rss>")
        // A no-break space is whitespace in a plain-text title.
        #expect(r.feed.title == "A B — C… été")
        #expect(r.warnings.contains { $0.contains("&nbsp;") })
    }

    @Test func bareAmpersandKeepsLaterEscapes() throws {
        let r = try parse("""
            <rss version="2.0"><channel><title>Tom & Jerry</title>
            <item><title>One</title><description>Fish & chips &lt;b&gt;bold&lt;/b&gt; &amp;c</description></item>
            </channel></rss>
            """)
        #expect(r.feed.title == "Tom Jerry" || r.feed.title == "Tom & Jerry")
        #expect(r.feed.entries.first?.summary == "Fish  chips <b>bold</b> &amp;c" || r.feed.entries.first?.summary == "Fish &amp; chips <b>bold</b> &amp;c")
        #expect(r.warnings.contains { $0.contains("not well-formed") })
    }

    @Test func whitespaceAndJunkBeforeTheDeclaration() throws {
        let r = try parse("\n\n   <?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>")
        #expect(r.feed.title == "T")
        #expect(r.warnings.contains { $0.contains("whitespace before the XML declaration") })
        let junk = try parse("Warning: something failed in feed.php on line 3\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>")
        #expect(junk.feed.title == "T")
        #expect(junk.warnings.contains { $0.contains("before the document removed") })
    }

    @Test func truncatedDocumentKeepsEntriesBeforeTheBreak() throws {
        let r = try parse("""
            <rss version="2.0"><channel><title>T</title>
            <item><title>One</title><link>/1</link></item>
            <item><title>Two</title><link>/2</link></item>
            <item><title>Thr
            """)
        #expect(r.feed.entries.prefix(2).map(\.title) == ["One", "Two"])
        #expect(r.feed.entries.first?.link == "https://example.org/1")
        #expect(!r.warnings.isEmpty)
    }

    @Test func unclosedTags() throws {
        let r = try parse("<rss version=\"2.0\"><channel><title>T</title><item><title>One</title><description>text<p>para</description></item><item><title>Two</title></item></channel></rss>")
        #expect(r.feed.entries.first?.title == "One")
        #expect(!r.warnings.isEmpty)
    }

    @Test func controlCharacters() throws {
        let r = try parse("<rss version=\"2.0\"><channel><title>A\u{08}B\u{0B}C</title><item><title>x\u{01}y</title></item></channel></rss>")
        #expect(r.feed.title == "ABC")
        #expect(r.feed.entries.first?.title == "xy")
        #expect(r.warnings.contains { $0.contains("control characters") })
    }

    @Test func declaredEntitiesAreNotExpanded() throws {
        // Billion laughs: with expansion this would be gigabytes.
        var dtd = "<!DOCTYPE rss [<!ENTITY lol \"lol\">"
        for i in 1...9 { dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1 == 0 ? "" : String(i - 1));", count: 10) + "\">" }
        dtd += "]>"
        let r = try parse(dtd + "<rss version=\"2.0\"><channel><title>T &lol9;</title><item><title>x</title></item></channel></rss>")
        #expect((r.feed.title ?? "").count < 20)
        #expect(r.warnings.contains { $0.contains("declares entities") })
        let xxe = try parse("<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>")
        #expect(!(xxe.feed.title ?? "").contains("root:"))
    }

    @Test func unclosedCDATA() throws {
        let r = try parse("<rss version=\"2.0\"><channel><title>T</title><item><title>One</title></item><item><title>Two</title><description><![CDATA[<p>cut off</description></item></channel></rss>")
        #expect(r.feed.entries.first?.title == "One")
        #expect(!r.warnings.isEmpty)
    }

    @Test func notFeeds() throws {
        #expect(throws: ParseError.emptyInput) { try parse("   \n ") }
        #expect(throws: ParseError.notAFeed(root: "note")) { try parse("<?xml version=\"1.0\"?><note><to>x</to></note>") }
        #expect(throws: ParseError.self) { try parse("{\"name\": \"app\", \"icons\": []}") }
        #expect(throws: ParseError.self) { try parse("just some text") }
    }

    @Test func htmlPageNamesItsFeeds() throws {
        let page = """
            <!DOCTYPE html><html><head><title>Blog</title>
            <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
            <link rel="alternate" type="application/atom+xml" href="https://example.org/atom.xml">
            <link rel="alternate" type="application/feed+json" href="feed.json">
            <link rel="stylesheet" href="/style.css">
            </head><body><p>Hello</p></body></html>
            """
        do {
            _ = try parse(page, url: "https://example.org/blog/")
            Issue.record("an HTML page was read as a feed")
        } catch {
            #expect(error == .htmlPage(advertisedFeeds: ["https://example.org/feed.xml", "https://example.org/atom.xml", "https://example.org/blog/feed.json"]))
            #expect(error.description.contains("https://example.org/feed.xml"))
        }
    }
}
