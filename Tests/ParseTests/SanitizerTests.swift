import Testing
@testable import AggregateParse

/// The allow-list sanitizer: what a republished summary may keep.
@Suite struct SanitizerTests {
    static let cases: [(String, String)] = [
        ("<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>"),
        ("plain text", "plain text"),
        ("a &amp; b &lt;c&gt;", "a &amp; b &lt;c&gt;"),
        ("<p>x</p><script>alert(1)</script><p>y</p>", "<p>x</p><p>y</p>"),
        ("<style>p{display:none}</style><p>x</p>", "<p>x</p>"),
        ("<iframe src=\"https://evil.example/\">fallback</iframe>ok", "ok"),
        ("<object data=\"x.swf\"><embed src=\"x.swf\"></object>ok", "ok"),
        ("<form action=\"/x\"><input name=\"q\"><button>Go</button>text</form>", "text"),
        ("<svg><script>alert(1)</script></svg>ok", "ok"),
        ("<math><mi>x</mi></math>ok", "ok"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java\tscript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" JAVASCRIPT:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"vbscript:msgbox\">x</a>", "<a>x</a>"),
        ("<img src=\"data:image/png;base64,AAAA\">", ""),
        ("<a href=\"mailto:a@example.org\">mail</a>", "<a href=\"mailto:a@example.org\">mail</a>"),
        ("<p onclick=\"steal()\" style=\"position:fixed\" class=\"c\" id=\"i\">x</p>", "<p>x</p>"),
        ("<img src=\"/a.png\" onerror=\"x()\" alt=\"A\">", "<img src=\"https://example.org/a.png\" alt=\"A\">"),
        ("<a href=\"../b.html\" target=\"_blank\">b</a>", "<a href=\"https://example.org/b.html\">b</a>"),
        ("<a href=\"//cdn.example.org/x\">x</a>", "<a href=\"https://cdn.example.org/x\">x</a>"),
        ("<p>unclosed <b>bold", "<p>unclosed <b>bold</b></p>"),
        ("<div><p>a<br>b</p></div>", "<div><p>a<br>b</p></div>"),
        ("<blockquote cite=\"q.html\">q</blockquote>", "<blockquote cite=\"https://example.org/posts/q.html\">q</blockquote>"),
        ("<font color=\"red\">red</font>", "red"),
        ("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">ok", "ok"),
        ("<base href=\"https://evil.example/\"><a href=\"x\">x</a>", "<a href=\"https://example.org/posts/x\">x</a>"),
        ("<p title='a \"quoted\" title'>t</p>", "<p title=\"a &quot;quoted&quot; title\">t</p>"),
        ("caf&eacute; &nbsp;&mdash;", "café \u{00A0}—"),
    ]

    @Test(arguments: cases)
    func sanitize(_ input: String, _ expected: String) {
        #expect(HTMLSanitizer.sanitize(input, base: "https://example.org/posts/1") == expected)
    }

    @Test func plainTextTitles() {
        #expect(PlainText.fromHTML("  <b>Bold</b> &amp; <i>italic</i>\n title ") == "Bold & italic title")
        #expect(PlainText.fromHTML("Fish &amp; Chips &#8230;") == "Fish & Chips …")
        #expect(PlainText.collapse("  a \n\t b  ") == "a b")
    }
}

/// RFC 3986 §5.4 reference resolution examples, plus what feeds need.
@Suite struct URLResolverTests {
    static let base = "http://a/b/c/d;p?q"
    static let cases: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"), ("..", "http://a/b/"), ("../", "http://a/b/"), ("../g", "http://a/b/g"),
        ("../..", "http://a/"), ("../../", "http://a/"), ("../../g", "http://a/g"), ("../../../g", "http://a/g"),
        ("/./g", "http://a/g"), ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
    ]

    @Test(arguments: cases)
    func resolve(_ reference: String, _ expected: String) {
        #expect(URLResolver.resolve(reference, against: Self.base) == expected)
    }

    @Test func noBaseLeavesRelative() {
        #expect(URLResolver.resolve(" /a/b ", against: nil) == "/a/b")
        #expect(URLResolver.resolve("x", against: "https://example.org") == "https://example.org/x")
    }
}
