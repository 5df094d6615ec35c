import AggregateModel
import AggregatePublish
import AggregateTestSupport
import Foundation

/// Hand-built items covering what the writers must handle: markup in text, provenance, enclosures, missing fields.
enum Fixtures {
    static let june14 = Date(timeIntervalSince1970: 1_749_888_000)  // 2025-06-14T08:00:00Z

    static func site(output: String) -> SiteSettings {
        SiteSettings(
            title: "Daily <Digest> & Co", description: "Stories from \"our\" sources", baseURL: "https://news.example.org/",
            outputDirectory: output, cacheDirectory: output + "-cache", itemsPerFeed: 50, language: "en", ttlMinutes: 60)
    }

    static let categories = [
        CategorySettings(slug: "tech", title: "Technology", description: "Chips, code & networks"),
        CategorySettings(slug: "science", title: "Science", description: "Nothing here yet"),
    ]

    static let wire = Credit(
        sourceID: "wire", name: "Example Wire", feedURL: "https://wire.example.com/feed.xml",
        siteURL: "https://wire.example.com/", link: "https://wire.example.com/2025/06/chips?a=1&b=2")

    /// Full item: content, summary, author, tags, two enclosures, image, two other publishers.
    static let chips = Item(
        key: "urn:uuid:0f8c7a8e-4b0e-4a3a-9d61-1f2d3c4b5a69", title: "New chips <b>ship</b> & \"sell\" out",
        link: "https://wire.example.com/2025/06/chips?a=1&b=2", published: june14, updated: june14.addingTimeInterval(3600),
        firstSeen: june14.addingTimeInterval(600), author: "Ada Lovelace",
        summary: "<p>Chips are <em>fast</em> &amp; cheap.</p>",
        content: "<p>Chips are <em>fast</em> &amp; cheap.</p><p><img src=\"https://wire.example.com/img/chip.jpg\" alt=\"chip\"></p>"
            + "<p>" + Array(repeating: "word", count: 450).joined(separator: " ") + "</p>",
        tags: ["hardware", "chips"],
        enclosures: [
            Enclosure(url: "https://wire.example.com/audio/chips.mp3", type: "audio/mpeg", length: 123_456),
            Enclosure(url: "https://wire.example.com/img/chip-large.jpg", type: "image/jpeg", length: nil),
        ],
        image: nil,
        provenance: Provenance(source: wire, originalID: "chips-1", originalAuthor: "Ada Lovelace"),
        alsoReportedBy: [
            Credit(sourceID: "gazette", name: "The Gazette", feedURL: "https://gazette.example.net/rss",
                   siteURL: "https://gazette.example.net/", link: "https://gazette.example.net/chips"),
            Credit(sourceID: "blog", name: "A <Blog>", feedURL: "https://blog.example.io/atom.xml", siteURL: nil, link: nil),
        ],
        categories: ["tech"])

    /// An item a source republished from an upstream publisher it names; no author, summary only.
    static let upstream = Item(
        key: "tag:aggregate.example,2025:item/42", title: "Networks ]]> grow\u{0C} again",
        link: "https://aggregator.example.com/r/42", published: june14.addingTimeInterval(-7200), updated: nil,
        firstSeen: june14, author: nil, summary: "<p>Routers &lt;everywhere&gt; ]]&gt; end</p>", content: nil,
        tags: ["networks"], enclosures: [], image: "https://cdn.example.com/net.png",
        provenance: Provenance(
            source: Credit(sourceID: "agg", name: "Aggregator", feedURL: "https://aggregator.example.com/feed",
                           siteURL: "https://aggregator.example.com/"),
            originalID: "42",
            upstream: Credit(sourceID: "", name: "Upstream Times", feedURL: "https://times.example.com/rss.xml",
                             siteURL: "https://times.example.com/", link: "https://times.example.com/net")),
        categories: ["tech"])

    /// Bare item: no link, no text, only an update date.
    static let bare = Item(
        key: "urn:uuid:7d3b1a2c-0000-4000-8000-000000000001", title: "Code freeze", link: nil, published: nil,
        updated: june14.addingTimeInterval(-86_400 * 2), firstSeen: june14.addingTimeInterval(-86_400 * 2),
        author: nil, summary: nil, content: nil, tags: ["code", "hardware"], enclosures: [], image: nil,
        provenance: Provenance(source: Credit(sourceID: "local", name: "Local Notes", feedURL: nil, siteURL: nil)),
        categories: ["tech"])

    static let sources = [
        PublishedSource(name: "Example Wire", feedURL: "https://wire.example.com/feed.xml", siteURL: "https://wire.example.com/", categories: ["tech"]),
        PublishedSource(name: "Aggregator", feedURL: "https://aggregator.example.com/feed", siteURL: nil, categories: ["tech", "science"]),
        PublishedSource(name: "Local Notes", feedURL: "/srv/notes/feed.xml", siteURL: nil, categories: ["tech"]),
    ]

    static func input(output: String, options: PublishOptions = PublishOptions()) -> PublishInput {
        PublishInput(
            site: site(output: output), categories: categories,
            itemsByCategory: ["tech": [chips, upstream, bare], "science": []],
            allItems: [chips, upstream, bare], sources: sources, options: options)
    }
}
