import AggregateModel
@testable import AggregatePublish
import AggregateTestSupport
import Foundation
import Testing

/// The written JSON Feeds against the rules of jsonfeed.org/version/1.1.
@Suite struct JSONFeedTests {
    static let topLevelKeys: Set<String> = [
        "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon",
        "favicon", "authors", "language", "expired", "hubs", "items",
    ]
    static let itemKeys: Set<String> = [
        "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
        "date_published", "date_modified", "authors", "tags", "language", "attachments",
    ]

    @Test(arguments: ["tech.json", "science.json", "all.json"])
    func feedFollowsJSONFeed11(name: String) throws {
        let rendered = try Publisher.render(Fixtures.input(output: "/nonexistent"))
        let data = try #require(rendered[name])
        let feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect((feed["title"] as? String)?.isEmpty == false)
        let slug = String(name.dropLast(5))
        #expect(feed["feed_url"] as? String == "https://news.example.org/\(slug).json")
        #expect(feed["home_page_url"] as? String == "https://news.example.org/\(slug).html")
        #expect(feed["language"] as? String == "en")
        for key in feed.keys {
            #expect(Self.topLevelKeys.contains(key) || key.hasPrefix("_"), "unknown top-level key \(key)")
        }
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.count == (slug == "science" ? 0 : 3))
        var ids: Set<String> = []
        for item in items {
            let id = try #require(item["id"] as? String)
            #expect(!id.isEmpty)
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            #expect(item["content_html"] is String || item["content_text"] is String)
            for key in item.keys {
                #expect(Self.itemKeys.contains(key) || key.hasPrefix("_"), "unknown item key \(key)")
            }
            #expect(item["author"] == nil, "`author` is JSON Feed 1.0; 1.1 uses `authors`")
            for key in ["date_published", "date_modified"] {
                let text = try #require(item[key] as? String)
                #expect(ISO8601DateFormatter().date(from: text) != nil, "\(key) \(text) is not RFC 3339")
            }
            if let url = item["url"] { #expect((url as? String)?.hasPrefix("https://") == true) }
            if let authors = item["authors"] {
                let list = try #require(authors as? [[String: Any]])
                #expect(!list.isEmpty)
                for author in list { #expect(author["name"] is String) }
            }
            if let tags = item["tags"] { #expect(tags is [String]) }
            if let attachments = item["attachments"] {
                for attachment in try #require(attachments as? [[String: Any]]) {
                    #expect(attachment["url"] is String)
                    #expect((attachment["mime_type"] as? String)?.contains("/") == true)
                    if let size = attachment["size_in_bytes"] { #expect(size is Int) }
                }
            }
            let source = try #require(item["_source"] as? [String: Any])
            #expect(source["name"] is String)
            #expect(source["also_reported_by"] is [[String: Any]])
        }
    }

    @Test func provenanceExtensionCarriesEveryPublisher() throws {
        let data = try #require(try Publisher.render(Fixtures.input(output: "/nonexistent"))["tech.json"])
        let feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let items = try #require(feed["items"] as? [[String: Any]])
        let chips = try #require(items.first)
        let source = try #require(chips["_source"] as? [String: Any])
        #expect(source["name"] as? String == "Example Wire")
        #expect(source["feed_url"] as? String == "https://wire.example.com/feed.xml")
        #expect(source["home_page_url"] as? String == "https://wire.example.com/")
        #expect(source["original_url"] as? String == "https://wire.example.com/2025/06/chips?a=1&b=2")
        let others = try #require(source["also_reported_by"] as? [[String: String]])
        #expect(others == [
            ["name": "The Gazette", "url": "https://gazette.example.net/chips", "feed_url": "https://gazette.example.net/rss"],
            ["name": "A <Blog>", "feed_url": "https://blog.example.io/atom.xml"],
        ])
        // The upstream publisher is credited, not the feed that relayed it.
        let upstream = try #require(items[1]["_source"] as? [String: Any])
        #expect(upstream["name"] as? String == "Upstream Times")
        #expect(upstream["original_url"] as? String == "https://times.example.com/net")
        #expect((items[1]["content_html"] as? String)?.hasSuffix(#"<a href="https://times.example.com/net">Source link</a> — Upstream Times</p>"#) == true)
    }

    @Test func keysAreWrittenInAFixedOrder() throws {
        let text = String(decoding: try #require(try Publisher.render(Fixtures.input(output: "/nonexistent"))["tech.json"]), as: UTF8.self)
        let order = ["\"version\"", "\"title\"", "\"home_page_url\"", "\"feed_url\"", "\"description\"", "\"language\"", "\"items\""]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test(arguments: [
        (JSONValue.string("a\"b\\c\n\u{1}\u{2028}é"), "\"a\\\"b\\\\c\\n\\u0001\\u2028é\"\n"),
        (JSONValue.array([]), "[]\n"),
        (JSONValue.object([("b", .int(1)), ("a", .bool(false))]), "{\n  \"b\": 1,\n  \"a\": false\n}\n"),
    ])
    func serializerEscapesAndKeepsOrder(value: JSONValue, expected: String) {
        #expect(value.serialized() == expected)
    }
}
