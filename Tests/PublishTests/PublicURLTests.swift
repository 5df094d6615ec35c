@testable import AggregatePublish
import Testing

/// `PublicURL.isAbsoluteHTTP` on bytes (ASCII text) against the check by Characters it stands in for.
@Suite struct PublicURLTests {
    static let pieces = [
        "http://", "https://", "HTTP://", "HtTpS://", "http:/", "https:", "http", "ftp://", "/", "//", "a.example", "x", "?q=1",
        "&amp;", " ", "\t", "\r\n", "\n", "\u{0B}", "\"", "<", ">", "'", "#", "%20", "é", "\u{A0}", "\u{301}", "\u{2028}", "",
    ]

    @Test func bytesAgreeWithCharacters() {
        var state: UInt64 = 11
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var absolute = 0
        for _ in 0..<20_000 {
            let url = (0..<(1 + next() % 5)).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            let expected = PublicURL.isAbsoluteHTTPByCharacters(url)
            #expect(PublicURL.isAbsoluteHTTP(url) == expected, "\(url.debugDescription)")
            if expected { absolute += 1 }
            if let bytes = url.utf8.withContiguousStorageIfAvailable(PublicURL.isAbsoluteHTTPASCII), let answer = bytes {
                #expect(answer == expected, "\(url.debugDescription)")
            }
        }
        #expect(absolute > 500)
    }
}
