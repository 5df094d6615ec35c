import AggregateTestSupport
import Testing
@testable import AggregateMerge

struct CanonicalURLTests {
    static let table: [(String, String?)] = [
        ("https://www.aljazeera.com/news/2025/6/14/china-central-asia?utm_source=rss&utm_medium=feed", "https://www.aljazeera.com/news/2025/6/14/china-central-asia"),
        ("http://www.xinhuanet.com/english/2025-06/14/c_139.htm", "https://www.xinhuanet.com/english/2025-06/14/c_139.htm"),
        ("HTTPS://WWW.DAWN.COM:443/news/1918291/pakistan-budget#comments", "https://www.dawn.com/news/1918291/pakistan-budget"),
        ("http://feeds.bbci.co.uk:80/news/world/rss.xml", "https://feeds.bbci.co.uk/news/world/rss.xml"),
        ("https://www.theguardian.com/world/2025/jun/14/story?CMP=Share_iOSApp_Other&fbclid=IwAR0abc", "https://www.theguardian.com/world/2025/jun/14/story?CMP=Share_iOSApp_Other"),
        ("https://edition.cnn.com/2025/06/14/politics/index.html?cmpid=rss&ref=home", "https://edition.cnn.com/2025/06/14/politics/index.html"),
        ("https://www.nytimes.com/2025/06/14/us/politics.html?smid=tw-share&gclid=Cj0KCQ", "https://www.nytimes.com/2025/06/14/us/politics.html?smid=tw-share"),
        ("https://example.com/newsletter?mc_cid=1a2b3c&mc_eid=4d5e6f&id=42", "https://example.com/newsletter?id=42"),
        ("https://www.google.com/url?rct=j&sa=t&url=https://www.reuters.com/world/china/story-2025-06-14/&ct=ga&cd=CAIYAA", "https://www.reuters.com/world/china/story-2025-06-14/"),
        ("https://news.google.com/news/url?sa=t&fd=R&url=https%3A%2F%2Fwww.bbc.co.uk%2Fnews%2Fworld-asia-china-65912345%3Futm_source%3Dgoogle", "https://www.bbc.co.uk/news/world-asia-china-65912345"),
        ("https://example.org", "https://example.org/"),
        ("https://Example.ORG./Path/Case?B=2&a=1", "https://example.org/Path/Case?B=2&a=1"),
        ("https://user@example.org:8080/feed", "https://example.org:8080/feed"),
        ("ftp://example.org/file", nil),
        ("javascript:alert(1)", nil),
        ("/relative/path", nil),
    ]

    @Test(arguments: table)
    func canonicalForm(input: String, expected: String?) {
        #expect(CanonicalURL.canonicalize(input) == expected)
    }

    @Test func configuredTrackingParameter() {
        #expect(CanonicalURL.canonicalize("https://example.org/a?src=rss&id=1", extraTrackingParameters: ["src"]) == "https://example.org/a?id=1")
    }

    /// Tracking parameters a configuration may add, some of them traps: an empty name, upper case, and
    /// "\u{1FEF}x", which is canonically equivalent to the ASCII "`x" (equal as Strings).
    static let extras: [Set<String>] = [[], ["src", "id", "", "Session", "\u{1FEF}x"]]

    /// ASCII URLs take a byte path (`ASCIICanonicalURL`): every link and URL of the corpus gives what the
    /// Character path gives.
    @Test func bytePathIsTheCharacterPathOnTheCorpus() {
        let links = CorpusStrings.shared.links
        #expect(links.count > 10_000)
        var decided = 0
        for link in links {
            if ASCIICanonicalURL.canonicalize(link, extra: []) != .general { decided += 1 }
            for extra in Self.extras {
                let fast = CanonicalURL.canonicalize(link, extraTrackingParameters: extra)
                let general = CanonicalURL.canonicalizeByCharacters(link, extraTrackingParameters: extra)
                #expect(fast == general, "\(link.debugDescription) \(extra)")
            }
        }
        // The byte path really ran: most links are ASCII.
        #expect(decided > links.count * 9 / 10)
    }

    /// Pieces of URLs where the two paths could part: CR LF (one Character), white space at the ends, case,
    /// user info, ports, IPv6 hosts, trailing dots, escapes, Google wrappers, tracking parameters, empty parts.
    static let pieces = [
        "http", "https", "HTTPS", "HtTp", "ftp", "", ":", "//", "/", "///", "\r\n", "\r", "\n", " ", "\t", "\u{0B}", "\u{1F}",
        "example.org", "Example.ORG", "www.google.com", "news.google.com", "google.com", "www.google.fr", "GOOGLE.COM",
        "a.", ".", "user:pw@", "@", "a@b@", ":80", ":443", ":8080", ":", "[::1]", "[::1]:443", "[fe80::1]:8443", "]:", "]",
        "/url", "/news/url", "/URL", "/path/Case", "?", "&", "&&", "=", "==", "#", "#frag", "%2F", "%3A%2F%2F", "%zz", "%4",
        "q=", "url=", "url=https%3A%2F%2Fexample.org%2Fa%3Futm_source%3Dx", "q=http://example.com/b?fbclid=1", "+",
        "utm_source=rss", "UTM_Medium=x", "utm_", "fbclid=abc", "=fbclid", "==ref=x", "Ref=1", "id=42", "src=rss", "SRC",
        "session=1", "`x=1", "a=b=c", "é", "\u{A0}", "\u{85}", "e\u{301}", "中", "\u{212A}",
    ]

    @Test func bytePathIsTheCharacterPathOnTrickyURLs() {
        var random = SplitMix64(seed: 20_261_101)
        let starts = ["http://", "https://", "HTTP://", " https://", "\r\nhttp://", "https://www.google.com/url?"]
        for _ in 0..<20_000 {
            var url = random.below(4) == 0 ? "" : starts[random.below(starts.count)]
            for _ in 0..<random.below(10) { url += Self.pieces[random.below(Self.pieces.count)] }
            for extra in Self.extras {
                let fast = CanonicalURL.canonicalize(url, extraTrackingParameters: extra)
                let general = CanonicalURL.canonicalizeByCharacters(url, extraTrackingParameters: extra)
                #expect(fast == general, "\(url.debugDescription) \(extra)")
            }
        }
    }
}
