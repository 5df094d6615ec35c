import AggregateMerge
import Testing

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
}
