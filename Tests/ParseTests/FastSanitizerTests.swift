import AggregateTestSupport
import Foundation
import Testing
@testable import AggregateParse

/// The short way through HTML (`FastSanitizer`) must write exactly what the libxml2 way writes, for every
/// input it takes; it may only decline.
@Suite struct FastSanitizerTests {
    static let bases: [String?] = ["https://example.org/posts/1", nil, "http://Example.org:8080", "HTTPS://news.example.net/a/b/?q=1#f"]

    static let typical: [String] = [
        "<p><strong>Bold lead.</strong> <a href=\"/world/310153.html\">A link</a> and text, &amp; more.</p>\n<p>Second.</p>",
        "<p>Caf&eacute; &nbsp;&mdash; &#8217;quoted&#x2019; &lt;tag&gt; AT&T &copy 2024 &bogus; a&b</p>",
        "<figure><img src=\"https://example.org/a.jpg\" alt=\"An &quot;image&quot;\" width=\"640\"><figcaption>Caption</figcaption></figure>",
        "<ul>\n<li>One</li>\n<li>Two <em>2</em></li>\n</ul><ol start=\"3\"><li>Three</li></ol>",
        "<table><thead><tr><th scope=\"col\">H</th></tr></thead><tbody><tr><td colspan=2>1</td></tr></tbody></table>",
        "<!-- wp:paragraph --><p class=\"has-text\" style=\"color:red\">WordPress</p><!-- /wp:paragraph -->",
        "<P ALIGN='center'>Upper <A HREF='/x?a=1&b=2#f'>case</A><BR></P>",
        "<pre>\n  code &lt;here&gt;\n</pre><blockquote><p>q</p></blockquote>",
        "<p>A<br/>B<img src='/i.png' /><hr></p><div><h2>T</h2><p>x</p></div>",
        "<a href=\"https://example.org/a b\">space</a><a href=\"/./x\">dot</a><a href=\"/a/../b\">dots</a><a href=\"rel/x\">rel</a>",
        "<video controls src=\"/v.mp4\" poster=\"/p.jpg\"><source src=\"/v.webm\" type=\"video/webm\"></video>",
        "<details><summary>More</summary><p>Hidden</p></details><span lang=ur dir=rtl>اردو</span>",
        "<p>総理大臣は<b>会見</b>で、&#x4E2D;国と<a href=\"//cdn.example.org/x\">協議</a>した。</p>",
        "<p>x</p>\u{FFFE}<p>y</p>", "<p>tab\there</p><p>cr\rhere</p>", "<p title=\"a\nb\" title=\"dup\">t</p>",
        "<blockquote class=\"twitter-tweet\"><p>Tweet</p></blockquote> <script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>",
        "<script>track(\"1\")</script><p onclick=\"evil()\">Text</p><style>p { color: red }</style><p>a<SCRIPT type=x>if (a < b && c) { d('</p>') }</Script>b</p>",
    ]

    static let seeds: [String] = typical + SanitizerTests.cases.map(\.0)

    static let fragments: [String] = [
        "<", ">", "&", ";", "\"", "'", "=", "/", " ", "\n", "\t", "\r", "<p>", "</p>", "<b>", "</b>", "<li>", "</li>",
        "<a href=\"/x/./y\">", "<a href='/z'>", "</a>", "<img src=x>", "<img src=\"/i.png\"/>", "&amp;", "&nbsp;",
        "&#169;", "&#x1F600;", "&#0;", "&#xD800;", "&#150;", "&bogus;", "&copy", "&apos;", "<!--", "-->", "<!-->", "<br/>",
        "<p/>", "<td>", "<table>", "<tr>", "<script>", "</script>", "<DIV>", "</div>", "<source src=/s>", "<wbr>", "<pre>\n",
        "<h1>", "</h1>", "<span", " title=", " href=", " src=", "javascript:", "<em>", "</em>", "<ul>", "</ul>", "&lt;",
        "\u{00E9}", "\u{4E2D}", "<!DOCTYPE html>", "<?php ?>", "<font>", "<center>", "</center>", "<q cite=\"../c\">",
        "<style>", "</style>", "</SCRIPT>", "</scr", "<script src=\"/s.js\" async>",
    ]

    static func mutate(_ seed: String, _ random: inout SplitMix64) -> String {
        var scalars = Array(seed.unicodeScalars)
        for _ in 0...random.below(3) {
            let at = random.below(scalars.count + 1)
            switch random.below(3) {
            case 0:
                scalars.insert(contentsOf: fragments[random.below(fragments.count)].unicodeScalars, at: at)
            case 1:
                let end = min(scalars.count, at + random.below(8))
                if at < end { scalars.removeSubrange(at..<end) }
            default:
                let end = min(scalars.count, at + random.below(24))
                if at < end { scalars.insert(contentsOf: scalars[at..<end], at: random.below(scalars.count + 1)) }
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    static func slow(_ html: String, base: String?) -> String {
        HTMLSanitizer.$fastPath.withValue(false) { HTMLSanitizer.sanitize(html, base: base) }
    }

    @Test func typicalMarkupTakesTheShortWay() {
        let base = "https://example.org/posts/1"
        for html in Self.typical[0...6] + Self.typical.suffix(2) {
            let fast = FastSanitizer.sanitize(html, base: base)
            #expect(fast != nil, "declined: \(html)")
            #expect(fast == Self.slow(html, base: base))
        }
        #expect(FastSanitizer.sanitize("<p>a <a href=\"/x\">x</a></p>", base: base) == "<p>a <a href=\"https://example.org/x\">x</a></p>")
        // Links go through the same resolution as the libxml2 way: relative ones resolved, unsafe ones dropped.
        #expect(FastSanitizer.sanitize("<a href=\"../x\">x</a>", base: base) == "<a href=\"https://example.org/x\">x</a>")
        #expect(FastSanitizer.sanitize("<a href=\"java\tscript:x\">x</a><img src=\"javascript:y\">", base: base) == "<a>x</a>")
    }

    @Test(arguments: [
        "<p>unclosed", "<p>a<div>b</div></p>", "<li>a<li>b", "<script>x", "<script/>x", "<script>x</script >", "<script>x</scripts>", "<script></x</script>",
        "<style>\u{0}</style>", "<p>x\r\ny</p>", "<font>x</font>", "<p/>", "<!DOCTYPE html><p>x</p>",
        "<p a=1 a=2>x</p>", "<source src=\"/s\">", "a &#0; b<br>", "<p>&#150;</p>",
    ])
    func markupOutsideTheSubsetIsLeftToLibxml2(_ html: String) {
        #expect(FastSanitizer.sanitize(html, base: "https://example.org/") == nil)
    }

    @Test func mutationsWriteWhatLibxml2Writes() {
        var random = SplitMix64(seed: 20261129)
        var compared = 0, fast = 0
        for round in 0..<100_000 {
            let html = Self.mutate(Self.seeds[round % Self.seeds.count], &random)
            let base = Self.bases[random.below(Self.bases.count)]
            guard html.utf8.contains(UInt8(ascii: "<")) else { continue }
            compared += 1
            guard let short = FastSanitizer.sanitize(html, base: base) else { continue }
            fast += 1
            let long = Self.slow(html, base: base)
            #expect(short == long, "input: \(html.debugDescription) base: \(base ?? "none")")
            if short != long { return }
        }
        // The comparison means something only if the short way is taken often.
        #expect(compared > 85_000)
        #expect(fast > compared / 20, "short way taken \(fast) of \(compared)")
    }

    @Test func corpusParsesTheSameBothWays() throws {
        let corpus = try TestPaths.corpus()
        let manifest = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        let paths = manifest.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        var documents = 0
        for path in paths where !path.hasPrefix("notfeed/") {
            let file = corpus.appendingPathComponent(path)
            let data = try [UInt8](Data(contentsOf: file))
            let short = try FeedParser.parse(data, url: file.absoluteString)
            let long = try HTMLSanitizer.$fastPath.withValue(false) { try FeedParser.parse(data, url: file.absoluteString) }
            var a: [UInt8] = [], b: [UInt8] = []
            ParsedFeedJSON.append(short.feed, path: path, to: &a)
            ParsedFeedJSON.append(long.feed, path: path, to: &b)
            let same = a == b
            #expect(same, "\(path) differs between the two ways")
            documents += 1
        }
        #expect(documents > 300)
    }
}
