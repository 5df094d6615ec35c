import Foundation
import Testing
@testable import AggregateParse
import AggregateModel

private func parse(_ doc: String, url: String? = "https://example.org/feed.xml") throws -> Feed {
    try FeedParser.parse(Array(doc.utf8), url: url).feed
}

/// Text constructs, content forms, namespaces and links as formats and publishers write them.
@Suite struct ContentTests {
    @Test func atomTextConstructs() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/">
              <title type="html">Fish &amp;amp; &lt;b&gt;Chips&lt;/b&gt;</title>
              <link href="/" rel="alternate"/><link href="https://example.org/atom.xml" rel="self"/>
              <entry>
                <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">One <b>two</b></div></title>
                <link href="posts/1"/>
                <id>urn:1</id>
                <summary type="text">a &lt; b &amp; c</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <a href="x.html" onclick="evil()">link</a></p><img src="i.png"/></div></content>
              </entry>
              <entry xml:base="https://other.example/">
                <title>Two</title><link href="p2"/>
                <content type="html">&lt;p&gt;escaped &lt;img src="j.png"&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content>
              </entry>
            </feed>
            """)
        #expect(feed.format == .atom10)
        #expect(feed.title == "Fish & Chips")
        #expect(feed.link == "https://example.org/")
        #expect(feed.selfLink == "https://example.org/atom.xml")
        let one = try #require(feed.entries.first)
        #expect(one.title == "One two")
        #expect(one.link == "https://example.org/blog/posts/1")
        #expect(one.summary == "a &lt; b &amp; c")
        #expect(one.content == "<p>Hi <a href=\"https://example.org/blog/x.html\">link</a></p><img src=\"https://example.org/blog/i.png\">")
        let two = feed.entries[1]
        #expect(two.link == "https://other.example/p2")
        #expect(two.content == "<p>escaped <img src=\"https://other.example/j.png\"></p>")
    }

    @Test func ampersandsInAttributes() throws {
        // libxml2 keeps "&#38;" for "&amp;" in attribute values when entities are not substituted.
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
            <entry><title>E</title><link href="https://example.org/url?a=1&amp;b=2&#38;c=3"/></entry></feed>
            """)
        #expect(feed.entries.first?.link == "https://example.org/url?a=1&b=2&c=3")
    }

    @Test func rssDescriptionForms() throws {
        let feed = try parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>T</title><link>https://example.org/</link>
            <item><title>cdata</title><description><![CDATA[<p>In <em>CDATA</em></p>]]></description>
              <content:encoded><![CDATA[<p>Full <a href="/a">text</a></p>]]></content:encoded></item>
            <item><title>escaped</title><description>&lt;p&gt;Escaped&lt;/p&gt;</description></item>
            <item><title>double</title><description>&amp;lt;p&amp;gt;Twice&amp;lt;/p&amp;gt;</description></item>
            <item><title>raw</title><description>Raw <b>markup</b> &amp; text</description></item>
            </channel></rss>
            """, url: nil)
        #expect(feed.entries.map(\.summary) == ["<p>In <em>CDATA</em></p>", "<p>Escaped</p>", "<p>Twice</p>", "Raw <b>markup</b> &amp; text"])
        #expect(feed.entries[0].content == "<p>Full <a href=\"https://example.org/a\">text</a></p>")
    }

    @Test func namespacesInRSS() throws {
        let feed = try parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"
                 xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom"
                 xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
                 xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
            <channel><title>T</title><link>https://example.org/</link>
            <atom:link rel="self" href="https://example.org/rss"/>
            <sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>
            <itunes:image href="https://example.org/cover.jpg"/>
            <item>
              <title>One</title><link>https://feeds.example.net/~r/x/1</link>
              <feedburner:origLink>https://example.org/1</feedburner:origLink>
              <guid isPermaLink="false">id-1</guid>
              <dc:creator>Jane Doe</dc:creator><dc:date>2025-06-14T08:00:00Z</dc:date>
              <category>A</category><category>B</category><category>A</category><dc:subject>C</dc:subject>
              <media:group>
                <media:content url="https://example.org/v.mp4" type="video/mp4" fileSize="1000"/>
                <media:thumbnail url="https://example.org/t.jpg"/>
                <media:description>Media words &amp; more</media:description>
              </media:group>
              <enclosure url="https://example.org/a.mp3" type="audio/mpeg" length="12345"/>
              <source url="https://upstream.example/rss">Upstream</source>
              <slash:comments>4</slash:comments>
            </item>
            <item><title>Two</title><guid>https://example.org/2</guid><author>jane@example.org (Jane)</author>
              <enclosure url="javascript:alert(1)" type="audio/mpeg"/>
              <itunes:summary>Show notes</itunes:summary><itunes:image href="https://example.org/2.jpg"/></item>
            </channel></rss>
            """)
        #expect(feed.selfLink == "https://example.org/rss")
        #expect(feed.refreshHint == 1800)
        #expect(feed.image == "https://example.org/cover.jpg")
        let one = try #require(feed.entries.first)
        #expect(one.link == "https://example.org/1")
        #expect(one.id == "id-1")
        #expect(one.author == "Jane Doe")
        #expect(one.published.map(CivilTime.rfc3339) == "2025-06-14T08:00:00Z")
        #expect(one.categories == ["A", "B", "C"])
        #expect(one.enclosures == [Enclosure(url: "https://example.org/v.mp4", type: "video/mp4", length: 1000),
                                   Enclosure(url: "https://example.org/a.mp3", type: "audio/mpeg", length: 12345)])
        #expect(one.image == "https://example.org/t.jpg")
        #expect(one.summary == "Media words &amp; more")
        #expect(one.source == DeclaredSource(title: "Upstream", url: "https://upstream.example/rss"))
        let two = feed.entries[1]
        #expect(two.link == "https://example.org/2")
        #expect(two.author == "Jane")
        #expect(two.enclosures.isEmpty)
        #expect(two.summary == "Show notes")
        #expect(two.image == "https://example.org/2.jpg")
    }

    @Test func ttlAndRDF() throws {
        let rss = try parse("<rss version=\"0.91\"><channel><title>T</title><ttl>60</ttl></channel></rss>")
        #expect(rss.format == .rss091)
        #expect(rss.refreshHint == 3600)
        let rdf = try parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="https://example.org/"><title>R</title><link>https://example.org/</link></channel>
              <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link></item>
            </rdf:RDF>
            """)
        #expect(rdf.format == .rss10)
        #expect(rdf.title == "R")
        #expect(rdf.entries.map(\.link) == ["https://example.org/1"])
    }

    @Test func atomSourceAndAuthorInheritance() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><author><name>Feed Author</name></author>
            <entry><title>E</title><id>e1</id><updated>2025-01-02T03:04:05+01:00</updated>
              <source><title>Origin</title><link rel="self" href="https://origin.example/atom"/></source>
              <link rel="enclosure" href="https://example.org/a.mp3" type="audio/mpeg" length="99"/>
              <category term="x"/><category term="y" label="Y"/></entry>
            </feed>
            """)
        let e = try #require(feed.entries.first)
        #expect(e.author == "Feed Author")
        #expect(e.updated.map(CivilTime.rfc3339) == "2025-01-02T02:04:05Z")
        #expect(e.source == DeclaredSource(title: "Origin", url: "https://origin.example/atom"))
        #expect(e.enclosures == [Enclosure(url: "https://example.org/a.mp3", type: "audio/mpeg", length: 99)])
        #expect(e.categories == ["x", "y"])
    }

    @Test func jsonFeed() throws {
        let feed = try parse("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "J", "home_page_url": "https://example.org/",
             "feed_url": "https://example.org/feed.json", "language": "en",
             "authors": [{"name": "Ann"}],
             "items": [{"id": 1, "url": "https://example.org/1", "title": "One", "content_html": "<p>Hi<script>x()</script></p>",
                        "summary": "S & T", "date_published": "2025-06-14T08:00:00+02:00", "tags": ["a", "a", "b"],
                        "image": "https://example.org/i.png",
                        "attachments": [{"url": "https://example.org/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 5}]},
                       {"id": "2", "content_text": "plain <text>"}]}
            """)
        #expect(feed.format == .json11)
        #expect(feed.selfLink == "https://example.org/feed.json")
        #expect(feed.language == "en")
        let one = try #require(feed.entries.first)
        #expect(one.id == "1")
        #expect(one.content == "<p>Hi</p>")
        #expect(one.summary == "S &amp; T")
        #expect(one.author == "Ann")
        #expect(one.published.map(CivilTime.rfc3339) == "2025-06-14T06:00:00Z")
        #expect(one.categories == ["a", "b"])
        #expect(one.image == "https://example.org/i.png")
        #expect(one.enclosures == [Enclosure(url: "https://example.org/a.mp3", type: "audio/mpeg", length: 5)])
        #expect(feed.entries[1].content == "plain &lt;text&gt;")
    }

    @Test func jsonRendering() throws {
        var feed = Feed(format: .rss20, title: "Example \"News\"", link: "https://example.org/", description: "<p>x</p>",
                        language: "en", updated: Date(timeIntervalSince1970: 1_749_888_000), image: nil)
        feed.entries = [Entry(id: "https://example.org/a/1", title: "Line\nbreak\u{01}", link: "https://example.org/a/1",
                              published: Date(timeIntervalSince1970: 1_749_888_000.9), author: "A",
                              categories: ["China"], enclosures: [Enclosure(url: "https://example.org/a.jpg", type: "image/jpeg", length: 12345)],
                              source: DeclaredSource(title: "Xinhua", url: "http://www.xinhuanet.com/english/rss/chinarss.xml"))]
        let expected = #"{"format":"rss20","title":"Example \"News\"","link":"https://example.org/","description":"<p>x</p>","language":"en","updated":"2025-06-14T08:00:00Z","image":null,"entries":[{"id":"https://example.org/a/1","title":"Line\nbreak\u0001","link":"https://example.org/a/1","published":"2025-06-14T08:00:00Z","updated":null,"author":"A","summary":null,"content":null,"categories":["China"],"enclosures":[{"url":"https://example.org/a.jpg","type":"image/jpeg","length":12345}],"source":{"title":"Xinhua","url":"http://www.xinhuanet.com/english/rss/chinarss.xml"}}]}"#
        #expect(ParsedFeedJSON.render(feed) == expected)
        #expect(ParsedFeedJSON.render(Feed(format: .json10), path: "a b.json") == #"{"path":"a b.json","format":"json10","title":null,"link":null,"description":null,"language":null,"updated":null,"image":null,"entries":[]}"#)
        #expect(ParsedFeedJSON.renderError("parse: x", path: "p") == #"{"path":"p","error":"parse: x"}"#)
    }

    @Test func xmlBaseEndsWithItsElement() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/">
              <entry xml:base="2024/"><id>urn:1</id><title>One</title><link href="one.html"/>
                <content type="html" xml:base="/media/">&lt;img src="a.png"&gt;</content></entry>
              <entry><id>urn:2</id><title>Two</title><link href="two.html"/>
                <content type="html">&lt;img src="b.png"&gt;</content></entry>
            </feed>
            """, url: nil)
        #expect(feed.entries.map(\.link) == ["https://example.org/blog/2024/one.html", "https://example.org/blog/two.html"])
        #expect(feed.entries[0].content?.contains("https://example.org/media/a.png") == true)
        #expect(feed.entries[1].content?.contains("https://example.org/blog/b.png") == true)
    }
}
