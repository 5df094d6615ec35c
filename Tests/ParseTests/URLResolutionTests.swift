import Testing
@testable import AggregateParse

/// `URLResolver.resolveASCII` (bytes) must give what `resolveGeneral` (Strings) gives.
@Suite struct URLResolutionTests {
    static let bases = [
        "https://example.org/blog/post.html?x=1#top", "http://EXAMPLE.org", "HTTPS://example.org/", "http://a/b/c/d;p?q",
        "https://example.org/a/b/", "mailto:someone@example.org", "urn:isbn:123", "file:///tmp/feed.xml", "not a url",
        "https://example.org?only=query", "https://example.org#frag", "http://a/b/../c/./d", "x:", "//no-scheme/path",
    ]
    static let references = [
        "", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "", ".", "./", "..", "../",
        "../g", "../..", "../../", "../../g", "../../../g", "/./g", "/../g", "g.", ".g", "g..", "..g", "./../g", "./g/.",
        "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y", "g?y/./x", "g?y/../x", "g#s/./x", "g#s/../x", "http:g",
        "images/photo.jpg", "/media/a.b.c/d.png", "a//b", "//example.com/x?y#z", "HTTP://Other.example/", "?", "#", "?#",
        "javascript:alert(1)", "x\r\ny", "a/b/c/../../../../d", "./.././g/.", "g?a?b#c#d",
    ]

    @Test func agreesWithTheStringVersion() {
        for base in Self.bases {
            for reference in Self.references {
                let general = URLResolver.resolveGeneral(reference, against: base)
                if let fast = URLResolver.resolveASCII(reference, against: base) {
                    #expect(fast == general, "\(reference) against \(base)")
                }
                #expect(URLResolver.resolve(reference, against: base) == general)
            }
        }
    }

    @Test func leavesUnusualInputToTheStringVersion() {
        #expect(URLResolver.resolveASCII(" g", against: "https://example.org/") == nil)
        #expect(URLResolver.resolveASCII("g\n", against: "https://example.org/") == nil)
        #expect(URLResolver.resolveASCII("café", against: "https://example.org/") == nil)
        #expect(URLResolver.resolveASCII("g", against: "https://exämple.org/") == nil)
        #expect(URLResolver.resolveASCII("g", against: nil) == nil)
        #expect(URLResolver.resolve(" g ", against: "https://example.org/a/") == "https://example.org/a/g")
    }

    @Test func webOrRelative() {
        for (url, expected) in [("https://x", true), ("HTTP://x", true), ("/a", true), ("a:b", false), ("mailto:x", false), ("httpx://y", false), ("", true)] {
            #expect(URLResolver.isWebOrRelative(url) == expected, "\(url)")
        }
    }
}
