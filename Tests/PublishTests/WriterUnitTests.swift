import AggregateModel
@testable import AggregatePublish
import AggregateTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct FeedDatesTests {
    @Test(arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z"),
        (1_749_888_000, "Sat, 14 Jun 2025 08:00:00 +0000", "2025-06-14T08:00:00Z"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000", "2000-02-29T00:00:00Z"),
        (1_709_210_096.75, "Thu, 29 Feb 2024 12:34:56 +0000", "2024-02-29T12:34:56Z"),
        (-1, "Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z"),
        (-2_208_988_800, "Mon, 01 Jan 1900 00:00:00 +0000", "1900-01-01T00:00:00Z"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 +0000", "2099-12-31T23:59:59Z"),
    ])
    func formats(seconds: Double, rfc822: String, rfc3339: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(FeedDates.rfc822(date) == rfc822)
        #expect(FeedDates.rfc3339(date) == rfc3339)
    }
}

@Suite struct EscapingTests {
    @Test(arguments: [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d", "a &lt; b &amp; c &gt; d"),
        ("say \"hi\"\n", "say \"hi\"\n", "say &quot;hi&quot;&#10;"),
        ("bell\u{7}form\u{C}nul\u{0}", "bellformnul", "bellformnul"),
        ("]]>", "]]&gt;", "]]&gt;"),
        ("emoji 🎉 \u{FFFE}", "emoji 🎉 ", "emoji 🎉 "),
    ])
    func xml(input: String, text: String, attribute: String) {
        #expect(XMLEscaping.text(input) == text)
        #expect(XMLEscaping.attribute(input) == attribute)
    }

    /// The byte check of `allowedScalars` against the scalar filter, on forbidden scalars where they can hide.
    @Test(arguments: [
        "", "plain title", "tab\tLF\nCR\r", "bell\u{7}", "nul\u{0}end", "\u{FFFE}", "x\u{FFFF}y", "\u{FFFD}\u{FFFC}", "\u{EFBF}",
        "\u{F000}\u{FFBE}", "é\u{1F}à", "\u{1F}", "emoji 🎉 \u{FFFE}", "\u{7F}\u{80}\u{9F}", "\u{10FFFF}",
    ])
    func allowedScalars(input: String) {
        #expect(XMLEscaping.allowedScalars(input) == XMLEscaping.allowedScalarsByScalars(input))
        #expect(Array(XMLEscaping.allowedScalars(input).utf8) == Array(XMLEscaping.allowedScalarsByScalars(input).utf8))
    }

    @Test(arguments: [
        ("<p>Hello <b>big</b> world</p>", "Hello big world", 3),
        ("<p>Fish &amp; chips&nbsp;&#8212; &#x263A;</p>", "Fish & chips \u{2014} \u{263A}", 2),
        ("<script>var a = 1;</script><p>one</p><style>p{}</style>", "one", 1),
        ("", "", 0),
        ("a &bogus; b", "a &bogus; b", 2),
        ("Tom&amp;Jerry &amp; <br/>friends&#160;too", "Tom&Jerry & friends too", 3),
    ])
    func plainText(html: String, text: String, words: Int) {
        #expect(HTMLText.plainText(html) == text)
        #expect(HTMLText.wordCount(html) == words)
    }

    @Test(arguments: [
        (#"<p><img data-src="x.jpg" src="https://a.example/1.jpg?a=1&amp;b=2"></p>"#, "https://a.example/1.jpg?a=1&b=2"),
        ("<IMG SRC='https://a.example/2.png'>", "https://a.example/2.png"),
        ("<img src=https://a.example/3.gif alt=x>", "https://a.example/3.gif"),
        ("<img alt=\"none\"><img src=\"https://a.example/4.webp\">", "https://a.example/4.webp"),
        ("<p>no image</p>", nil),
        // U+0600 (Prepend) joins the `s` after it into one Character, the tag's first: no attribute starts there.
        ("<img\u{600}src=a.png><img src=b.png>", "b.png"),
    ])
    func firstImage(html: String, expected: String?) {
        #expect(HTMLText.firstImageSource(html) == expected)
    }

    @Test(arguments: [
        ("https://example.com/a", true), ("HTTP://example.com", true), ("/relative/path", false),
        ("javascript:alert(1)", false), ("https:///nohost", false), ("https://exa mple.com", false), ("ftp://x/y", false),
    ])
    func absoluteURLs(url: String, expected: Bool) {
        #expect(PublicURL.isAbsoluteHTTP(url) == expected)
    }
}

@Suite struct ItemPresentationTests {
    static func item(key: String = "urn:uuid:1", content: String? = nil, summary: String? = nil, tags: [String] = [],
                     published: Date = Fixtures.june14, reporters: Int = 0, link: String? = "https://a.example/1",
                     enclosures: [Enclosure] = [], image: String? = nil) -> Item {
        Item(
            key: key, title: "T \(key)", link: link, published: published, updated: nil, firstSeen: published,
            author: nil, summary: summary, content: content, tags: tags, enclosures: enclosures, image: image,
            provenance: Provenance(source: Credit(sourceID: "s", name: "Source & Sons", feedURL: "https://a.example/feed", siteURL: "https://a.example/")),
            alsoReportedBy: (0..<reporters).map { Credit(sourceID: "o\($0)", name: "Other \($0)", link: "https://o\($0).example/x") },
            categories: ["tech"])
    }

    static func words(_ count: Int) -> String { "<p>" + Array(repeating: "word", count: count).joined(separator: " ") + "</p>" }

    @Test(arguments: [(0, 1), (1, 1), (200, 1), (201, 2), (800, 4), (801, 5)])
    func readingTime(words: Int, minutes: Int) throws {
        let published = PublishedItem(Self.item(content: Self.words(words)), attribution: try Attribution(template: nil))
        #expect(published.readingMinutes == minutes)
    }

    @Test func readingTimeFallsBackToSummary() throws {
        let published = PublishedItem(Self.item(summary: Self.words(650)), attribution: try Attribution(template: nil))
        #expect(published.readingMinutes == 4)
    }

    @Test func defaultAttribution() throws {
        let attribution = try Attribution(template: nil)
        #expect(attribution.html(for: Self.item(link: "https://a.example/1?x=1&y='2'")) ==
            #"<p class="source-link"><a href="https://a.example/1?x=1&amp;y=&#39;2&#39;">Source link</a> — Source &amp; Sons</p>"#)
        #expect(attribution.html(for: Self.item(reporters: 2)) ==
            #"<p class="source-link"><a href="https://a.example/1">Source link</a> — Source &amp; Sons<br>Also reported by: <a href="https://o0.example/x">Other 0</a>, <a href="https://o1.example/x">Other 1</a></p>"#)
        // No usable link: the name alone, never a relative or script URL.
        #expect(attribution.html(for: Self.item(link: "javascript:alert(1)")) == #"<p class="source-link">Source &amp; Sons</p>"#)
    }

    @Test func customAttributionTemplate() throws {
        let attribution = try Attribution(template: "<footer>Via {{source}} ({{original}}){{#hasAlsoReportedBy}} +{{#alsoReportedBy}}{{name}};{{/alsoReportedBy}}{{/hasAlsoReportedBy}}</footer>")
        #expect(attribution.html(for: Self.item(reporters: 1)) == "<footer>Via Source &amp; Sons (https://a.example/1) +Other 0;</footer>")
        let published = PublishedItem(Self.item(content: "<p>Body</p>", reporters: 1), attribution: attribution)
        let rss = feed(RSSWriter.write(Channel(slug: "tech", title: "Tech", description: "", items: [published]), context: FeedContext(site: Fixtures.site(output: "/x"), hub: nil)))
        #expect(rss.contains("&lt;p&gt;Body&lt;/p&gt;&lt;footer&gt;Via Source &amp;amp; Sons"))
    }

    @Test func badAttributionTemplateIsReported() {
        #expect {
            _ = try Attribution(template: "<p>{{#source}}unclosed</p>")
        } throws: { error in
            guard let error = error as? PublishError, case .badTemplate(let name, _, _, _) = error else { return false }
            return name.contains("attribution")
        }
    }

    @Test func leadImageComesFromImageThenEnclosureThenContent() throws {
        let attribution = try Attribution(template: nil)
        let content = #"<p><img src="https://a.example/in-content.jpg"></p>"#
        let enclosure = Enclosure(url: "https://a.example/enc.png", type: "image/png")
        let audio = Enclosure(url: "https://a.example/a.mp3", type: "audio/mpeg")
        #expect(PublishedItem(Self.item(content: content, enclosures: [enclosure], image: "https://a.example/img.jpg"), attribution: attribution).leadImage == "https://a.example/img.jpg")
        #expect(PublishedItem(Self.item(content: content, enclosures: [audio, enclosure]), attribution: attribution).leadImage == "https://a.example/enc.png")
        #expect(PublishedItem(Self.item(content: content, enclosures: [audio]), attribution: attribution).leadImage == "https://a.example/in-content.jpg")
        #expect(PublishedItem(Self.item(content: "<p>text</p>", image: "/relative.jpg"), attribution: attribution).leadImage == nil)
    }

    @Test func hotRanksTheLastDayBySources() throws {
        let attribution = try Attribution(template: nil)
        let day = 86_400.0
        let items = [
            Self.item(key: "a", published: Fixtures.june14, reporters: 0),
            Self.item(key: "b", published: Fixtures.june14.addingTimeInterval(-3600), reporters: 2),
            Self.item(key: "c", published: Fixtures.june14.addingTimeInterval(-7200), reporters: 2),
            Self.item(key: "d", published: Fixtures.june14.addingTimeInterval(-day - 1), reporters: 9),
            Self.item(key: "e", published: Fixtures.june14.addingTimeInterval(-day + 1), reporters: 1),
        ].map { PublishedItem($0, attribution: attribution) }
        #expect(HTMLSite.hot(items).map(\.item.key) == ["b", "c", "e", "a"])
        #expect(HTMLSite.hot([]).isEmpty)
    }

    @Test func relatedItemsShareTagsInTheSameChannel() throws {
        let attribution = try Attribution(template: nil)
        let items = [
            Self.item(key: "a", tags: ["Chips", "fabs"]),
            Self.item(key: "b", tags: ["chips"], published: Fixtures.june14.addingTimeInterval(-10)),
            Self.item(key: "c", tags: ["chips", "fabs"], published: Fixtures.june14.addingTimeInterval(-20)),
            Self.item(key: "d", tags: ["cars"]),
            Self.item(key: "e", tags: ["fabs"], published: Fixtures.june14.addingTimeInterval(-5)),
            Self.item(key: "f", tags: ["chips"], published: Fixtures.june14.addingTimeInterval(-30)),
        ].map { PublishedItem($0, attribution: attribution) }
        let channel = Channel(slug: "tech", title: "Tech", description: "", items: items)
        #expect(HTMLSite.related(to: items[0], in: channel).map(\.item.key) == ["c", "e", "b"])
        #expect(HTMLSite.related(to: items[3], in: channel).isEmpty)
    }
}

/// A writer's feed as text, for what it contains.
private func feed(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

@Suite struct FeedWriterRuleTests {
    static let context = FeedContext(site: Fixtures.site(output: "/x"), hub: "https://hub.example.com/")

    @Test func emptyChannelIsStableAndValid() {
        let channel = Channel(slug: "science", title: "Science", description: "", items: [])
        let rss = feed(RSSWriter.write(channel, context: Self.context))
        let atom = feed(AtomWriter.write(channel, context: Self.context))
        #expect(!rss.contains("lastBuildDate"))
        #expect(rss.contains("<description>Daily &lt;Digest&gt; &amp; Co — Science</description>"))
        #expect(atom.contains("<updated>1970-01-01T00:00:00Z</updated>"))
        #expect(atom.contains("<author><name>"))
    }

    @Test func channelDateIsTheNewestItemNotTheClock() throws {
        let attribution = try Attribution(template: nil)
        var older = ItemPresentationTests.item(key: "old", published: Fixtures.june14.addingTimeInterval(-86_400))
        older.updated = Fixtures.june14.addingTimeInterval(7200)  // updated after the newer one was published
        let newer = ItemPresentationTests.item(key: "new", published: Fixtures.june14)
        let channel = Channel(slug: "tech", title: "Tech", description: "d", items: [newer, older].map { PublishedItem($0, attribution: attribution) })
        #expect(feed(RSSWriter.write(channel, context: Self.context)).contains("<lastBuildDate>Sat, 14 Jun 2025 10:00:00 +0000</lastBuildDate>"))
        #expect(feed(AtomWriter.write(channel, context: Self.context)).contains("  <updated>2025-06-14T10:00:00Z</updated>\n  <link rel=\"self\""))
    }

    @Test func enclosuresGetTheFieldsTheFormatsRequire() throws {
        let attribution = try Attribution(template: nil)
        let item = ItemPresentationTests.item(enclosures: [
            Enclosure(url: "https://a.example/file", type: nil, length: nil),
            Enclosure(url: "/relative.mp3", type: "audio/mpeg", length: 5),
        ])
        let channel = Channel(slug: "tech", title: "Tech", description: "d", items: [PublishedItem(item, attribution: attribution)])
        let rss = feed(RSSWriter.write(channel, context: Self.context))
        #expect(rss.contains(#"<enclosure url="https://a.example/file" length="0" type="application/octet-stream"/>"#))
        #expect(!rss.contains("relative.mp3"))
        let json = feed(JSONFeedWriter.write(channel, context: Self.context))
        #expect(json.contains(#""mime_type": "application/octet-stream""#))
        #expect(!json.contains("size_in_bytes"))
    }

    @Test func relativeLinksAreNeverPublished() throws {
        let attribution = try Attribution(template: nil)
        let item = ItemPresentationTests.item(link: "/2025/06/story")
        let channel = Channel(slug: "tech", title: "Tech", description: "d", items: [PublishedItem(item, attribution: attribution)])
        #expect(!feed(RSSWriter.write(channel, context: Self.context)).contains("<link>/2025"))
        #expect(!feed(AtomWriter.write(channel, context: Self.context)).contains("href=\"/2025"))
        #expect(!feed(JSONFeedWriter.write(channel, context: Self.context)).contains("\"/2025"))
    }

    @Test func emptyTitleIsLeftOutWhereOptional() throws {
        let attribution = try Attribution(template: nil)
        var item = ItemPresentationTests.item(summary: "<p>Body</p>")
        item.title = " \n "
        let channel = Channel(slug: "tech", title: "Tech", description: "d", items: [PublishedItem(item, attribution: attribution)])
        #expect(!feed(RSSWriter.write(channel, context: Self.context)).contains("<item>\n    <title>"))
        #expect(feed(AtomWriter.write(channel, context: Self.context)).contains(#"<title type="text"></title>"#))
        #expect(!feed(JSONFeedWriter.write(channel, context: Self.context)).contains(#""title": """#))
    }

    @Test func hubIsAdvertisedInEveryFeed() {
        let channel = Channel(slug: "tech", title: "Tech", description: "d", items: [])
        #expect(feed(RSSWriter.write(channel, context: Self.context)).contains(#"<atom:link href="https://hub.example.com/" rel="hub"/>"#))
        #expect(feed(AtomWriter.write(channel, context: Self.context)).contains(#"<link rel="hub" href="https://hub.example.com/"/>"#))
        #expect(feed(JSONFeedWriter.write(channel, context: Self.context)).contains(#""type": "WebSub""#))
    }

    @Test func repeatedKeysArePublishedOnce() throws {
        var input = Fixtures.input(output: "/nonexistent")
        input.itemsByCategory["tech"] = [Fixtures.chips, Fixtures.chips, Fixtures.bare]
        let rss = String(decoding: try #require(try Publisher.render(input)["tech.xml"]), as: UTF8.self)
        #expect(rss.components(separatedBy: "<item>").count - 1 == 2)
    }

    @Test func sourcesOPMLBodyIsNeverEmpty() throws {
        var input = Fixtures.input(output: "/nonexistent")
        input.sources = [PublishedSource(name: "Local", feedURL: "/srv/feed.xml", categories: ["tech"])]
        let opml = String(decoding: try #require(try Publisher.render(input)["sources.opml"]), as: UTF8.self)
        #expect(opml.contains("<body>\n    <outline text="))
    }

    @Test func localSourcesAreLeftOutOfSourcesOPML() throws {
        let opml = String(decoding: try #require(try Publisher.render(Fixtures.input(output: "/nonexistent"))["sources.opml"]), as: UTF8.self)
        #expect(!opml.contains("/srv/notes"))
        #expect(opml.contains(#"xmlUrl="https://aggregator.example.com/feed" category="/tech,/science""#))
    }

    /// Every XML output is well-formed for a conforming parser (the one in Foundation, libxml2 underneath).
    @Test(arguments: ["tech.xml", "tech.atom", "science.xml", "science.atom", "all.xml", "all.atom", "sources.opml", "feeds.opml"])
    func xmlIsWellFormed(name: String) throws {
        let data = try #require(try Publisher.render(Fixtures.input(output: "/nonexistent"))[name])
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "\(name): \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
    }
}

@Suite struct ThemeTests {
    @Test func themeFolderOverridesTemplatesAndStylesheet() throws {
        let theme = try TestPaths.temporaryDirectory("publish-theme")
        try Data("{{<layout}}{{$main}}<p id=\"custom\">{{title}}: {{#items}}[{{title}}]{{/items}}</p>{{/main}}{{/layout}}".utf8)
            .write(to: theme.appendingPathComponent("category.mustache"))
        try Data("body { color: red; }\n".utf8).write(to: theme.appendingPathComponent("style.css"))
        try Data("<svg/>".utf8).write(to: theme.appendingPathComponent("logo.svg"))
        try Data("theme page".utf8).write(to: theme.appendingPathComponent("index.html"))
        try Data("secret".utf8).write(to: theme.appendingPathComponent(".hidden"))
        let rendered = try Publisher.render(Fixtures.input(output: "/nonexistent", options: PublishOptions(themeDirectory: theme.path)))
        let page = String(decoding: try #require(rendered["tech.html"]), as: UTF8.self)
        #expect(page.contains(#"<p id="custom">Technology: [New chips &lt;b&gt;ship&lt;/b&gt; &amp; &quot;sell&quot; out][Networks ]]&gt; grow again][Code freeze]</p>"#))
        #expect(page.hasPrefix("<!DOCTYPE html>"))  // the built-in layout still wraps it
        #expect(rendered["style.css"] == Data("body { color: red; }\n".utf8))
        #expect(rendered["logo.svg"] == Data("<svg/>".utf8))
        #expect(rendered["index.html"] != Data("theme page".utf8), "a theme file must not replace a generated page")
        #expect(rendered[".hidden"] == nil)
        // Templates the theme does not replace stay built in.
        #expect(String(decoding: try #require(rendered["index.html"]), as: UTF8.self).contains("What's hot"))
    }

    @Test func brokenThemeTemplateNamesFileAndLine() throws {
        let theme = try TestPaths.temporaryDirectory("publish-theme-bad")
        try Data("<p>\n<p>{{#items}}\n".utf8).write(to: theme.appendingPathComponent("index.mustache"))
        do {
            _ = try Publisher.render(Fixtures.input(output: "/nonexistent", options: PublishOptions(themeDirectory: theme.path)))
            Issue.record("a broken template was accepted")
        } catch {
            guard case .badTemplate(let name, let line, _, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == theme.path + "/index.mustache")
            #expect(line >= 2)
            #expect(error.description.contains("index.mustache:\(line):"))
        }
    }

    @Test func missingThemeFolderIsReported() {
        #expect(throws: PublishError.self) {
            try Publisher.render(Fixtures.input(output: "/nonexistent", options: PublishOptions(themeDirectory: "/nonexistent/theme")))
        }
    }

    @Test func builtInThemeIsFound() throws {
        let folder = try Theme.builtInDirectory()
        for name in Theme.requiredTemplates {
            #expect(FileManager.default.fileExists(atPath: folder + "/\(name).mustache"))
        }
    }
}

/// Channels are rendered on several threads (`ConcurrentMap`).
@Suite struct ConcurrentMapTests {
    /// Results come back in the order of the elements, each once.
    @Test func keepsOrder() {
        let numbers = Array(0..<1_000)
        #expect(ConcurrentMap.map(numbers) { String($0 * 3) } == numbers.map { String($0 * 3) })
        #expect(ConcurrentMap.map([Int]()) { $0 }.isEmpty)
    }
}
