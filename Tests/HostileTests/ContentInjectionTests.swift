import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// Scripts, handlers, script URLs, frames, forms, SVG/MathML tricks, overlays and mutation-XSS payloads
/// in every field of every format: nothing executable reaches any output.
@Suite struct ContentInjectionTests {
    /// HTML payloads, as a publisher would put them in an item's HTML.
    static let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">j</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">J</a>",
        "<a href=\"java&#x09;script:alert(1)\">tab</a>",
        "<a href=\"&#106;avascript:alert(1)\">entity</a>",
        "<a href=\"&#x6A;avascript&#x3A;alert(1)\">hex entity</a>",
        "<a href=\" javascript:alert(1)\">space</a>",
        "<a href=\"\u{1}javascript:alert(1)\">control</a>",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<frameset><frame src=\"https://evil.example/\"></frameset>",
        "<form action=\"https://evil.example/\"><input name=x><button formaction=\"javascript:alert(1)\">go</button></form>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<math href=\"javascript:alert(1)\">click</math>",
        "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999\">overlay</div>",
        "<p style=\"background:url(javascript:alert(1))\">bg</p>",
        "<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<img src=\"https://ok.example.com/a.png\" srcset=\"javascript:alert(1) 1x\" onload=\"alert(1)\">",
        "<video poster=\"javascript:alert(1)\"><source src=\"javascript:alert(1)\"></video>",
        "<a href=\"https://ok.example.com/\" target=\"_blank\" onclick=\"alert(1)\" style=\"position:absolute\">ok</a>",
        "<details open ontoggle=alert(1)>d</details>",
        "<table background=\"javascript:alert(1)\"><tr><td>t</td></tr></table>",
        "<isindex action=javascript:alert(1) type=image>",
        "<img src=`x`onerror=alert(1)>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<textarea><img src=x onerror=alert(1)></textarea>",
        "<title><img src=x onerror=alert(1)></title>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<template><img src=x onerror=alert(1)></template>",
        "<a href=\"https://ok.example.com/\"><img src=\"https://ok.example.com/b.png\" alt=\"&quot; onerror=&quot;alert(1)\"></a>",
        "<p title=\"&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;\">quoted</p>",
        "<plaintext><img src=x onerror=alert(1)>",
    ]

    static func escaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func rss() -> String {
        var items = ""
        for (n, payload) in payloads.enumerated() {
            let cdata = payload.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>")
            items += """
                <item><title>Payload \(n) \(escaped("<img src=x onerror=alert(1)>"))</title>\
                <link>https://inject.example.com/\(n)</link><guid>inject-\(n)</guid><pubDate>2\(n % 8) Nov 2026 10:\(String(format: "%02d", n % 60)):00 +0000</pubDate>\
                <author>x@example.com (\(escaped("<script>alert(1)</script>"))Mallory)</author>\
                <category>\(escaped("<img src=x onerror=alert(1)>"))</category>\
                <media:thumbnail url="javascript:alert(\(n))"/>\
                <enclosure url="javascript:alert(\(n))" type="audio/mpeg" length="1"/>\
                <description>\(escaped(payload))</description>\
                <content:encoded><![CDATA[\(cdata)]]></content:encoded></item>

                """
        }
        let links = ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", " JAVASCRIPT:alert(1)", "file:///etc/passwd"]
        for (n, link) in links.enumerated() {
            items += """
                <item><title><![CDATA[<script>alert(1)</script>Bad link \(n)]]></title><link>\(escaped(link))</link>\
                <guid isPermaLink="true">\(escaped(link))</guid><pubDate>19 Nov 2026 0\(n):00:00 +0000</pubDate>\
                <description>Bad link \(n)</description></item>

                """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
            <channel><title>\(escaped("<script>alert(1)</script>"))Injector</title><link>javascript:alert(1)</link>
            <description>\(escaped("<img src=x onerror=alert(1)>"))</description>
            <image><url>javascript:alert(1)</url><title>i</title><link>javascript:alert(1)</link></image>
            \(items)</channel></rss>
            """
    }

    static func atom() -> String {
        var entries = ""
        for (n, payload) in payloads.enumerated() {
            entries += """
                <entry><title type="html">\(escaped("<b onmouseover=alert(1)>Atom</b> payload \(n)"))</title>\
                <link rel="alternate" href="https://atom-inject.example.org/\(n)"/><id>urn:inject:\(n)</id>\
                <updated>2026-11-2\(n % 8)T08:00:00Z</updated><author><name>\(escaped("<svg onload=alert(1)>"))Eve</name></author>\
                <summary type="html">\(escaped(payload))</summary>\
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p onclick="alert(1)">x</p><a href="javascript:alert(1)">y</a></div></content></entry>

                """
        }
        entries += """
            <entry><title>Data link</title><link href="data:text/html,%3Cscript%3Ealert(1)%3C/script%3E"/><id>urn:inject:data</id>\
            <updated>2026-11-18T08:00:00Z</updated><summary>data</summary></entry>
            """
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">\(escaped("<script>alert(1)</script>"))Atom Injector</title>
            <id>urn:inject</id><updated>2026-11-28T09:00:00Z</updated><link rel="alternate" href="javascript:alert(1)"/>
            \(entries)</feed>
            """
    }

    static func jsonFeed() throws -> String {
        var items: [[String: Any]] = []
        for (n, payload) in payloads.enumerated() {
            items.append([
                "id": "json-\(n)", "url": n % 2 == 0 ? "javascript:alert(\(n))" : "https://json-inject.example.net/\(n)",
                "external_url": "vbscript:msgbox(1)", "title": "<img src=x onerror=alert(1)>JSON payload \(n)",
                "content_html": payload, "summary": payload, "image": "javascript:alert(1)", "banner_image": "data:image/svg+xml,<svg onload=alert(1)>",
                "date_published": "2026-11-2\(n % 8)T07:00:00Z", "tags": ["<script>alert(1)</script>"],
                "authors": [["name": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)"]],
                "attachments": [["url": "javascript:alert(1)", "mime_type": "audio/mpeg"]],
            ])
        }
        let feed: [String: Any] = [
            "version": "https://jsonfeed.org/version/1.1", "title": "<script>alert(1)</script>JSON Injector",
            "home_page_url": "javascript:alert(1)", "feed_url": "data:application/json,{}", "items": items,
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: feed), as: UTF8.self)
    }

    @Test func nothingExecutableReachesAnyOutput() throws {
        let workspace = try Workspace("inject")
        defer { workspace.remove() }
        try workspace.write(Array(Self.rss().utf8), to: "inject.xml")
        try workspace.write(Array(Self.atom().utf8), to: "inject.atom")
        try workspace.write(Array(try Self.jsonFeed().utf8), to: "inject.json")
        try workspace.writeConfig(
            categories: ["world", "tech"],
            sources: [
                "inject.xml  name=\"<script>alert('name')</script>RSS\"  categories=world  feed_url=https://inject.example.com/feed.xml",
                "inject.atom  name=\"Atom &lt;img src=x onerror=alert(1)&gt; Wire\"  categories=tech  site=https://atom-inject.example.org/",
                "inject.json  name=\"JSON \\\"quoted\\\" <svg/onload=alert(1)>\"  categories=world,tech",
            ],
            site: ["article_pages = yes"])
        let run = try workspace.run()
        #expect(run.finished)
        #expect(run.status == 0, "stderr: \(run.standardError)")

        let problems = try OutputValidation.problems(in: workspace.output)
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
        // The safe parts survive: the items are there, with their http(s) links.
        let world = try String(contentsOf: workspace.output.appendingPathComponent("world.xml"), encoding: .utf8)
        #expect(world.contains("https://inject.example.com/3"))
        #expect(world.contains("https://json-inject.example.net/1"))
        let articles = try FileManager.default.contentsOfDirectory(atPath: workspace.output.appendingPathComponent("articles").path)
        #expect(articles.count >= Self.payloads.count)
    }

    @Test(arguments: ["../evil", "a/b", "..", "всё", "x y", "con.txt"])
    func categorySlugsCannotLeaveTheOutputFolder(slug: String) throws {
        let workspace = try Workspace("slug")
        defer { workspace.remove() }
        try workspace.write(Array(FeedText.rss(items: FeedText.item(1)).utf8), to: "feed.xml")
        try workspace.writeConfig(categories: [slug], sources: ["feed.xml  name=\"../../../../tmp/evil\"  categories=\(slug)"])
        let run = try workspace.run()
        #expect(run.status == 2, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("feeds.conf:"))
        let everything = try FileManager.default.subpathsOfDirectory(atPath: workspace.folder.path)
        #expect(Set(everything) == ["feeds.conf", "feed.xml"])
    }

    @Test func sourceNamesThatLookLikePathsStayNames() throws {
        let workspace = try Workspace("names")
        defer { workspace.remove() }
        try workspace.write(Array(FeedText.rss(items: FeedText.item(1) + FeedText.item(2)).utf8), to: "feed.xml")
        try workspace.writeConfig(
            categories: ["world"], sources: ["feed.xml  name=\"../../../escape/evil.html\"  id=../../evil  categories=world"],
            site: ["article_pages = yes"])
        let run = try workspace.run()
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let outside = try FileManager.default.subpathsOfDirectory(atPath: workspace.folder.path).filter {
            !$0.hasPrefix("public") && !$0.hasPrefix("cache") && $0 != "feeds.conf" && $0 != "feed.xml"
        }
        #expect(outside.isEmpty, "\(outside)")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.deletingLastPathComponent().appendingPathComponent("escape").path))
        let problems = try OutputValidation.problems(in: workspace.output)
        #expect(problems.isEmpty, "\(problems)")
    }
}
