import Foundation
import Testing
@testable import AggregateFetch

@Suite struct ResponseHeadersTests {
    static func headers(_ lines: [String]) -> ResponseHeaders {
        var headers = ResponseHeaders()
        for line in lines { headers.record(line: line + "\r\n") }
        return headers
    }

    @Test(arguments: [
        ("text/xml", "text/xml", nil),
        ("application/rss+xml; charset=UTF-8", "application/rss+xml", "utf-8"),
        ("text/html;charset=\"windows-1252\"", "text/html", "windows-1252"),
        ("Application/Atom+XML ; type=feed ; Charset=iso-8859-1", "application/atom+xml", "iso-8859-1"),
        ("text/xml; charset=", "text/xml", nil),
    ] as [(String, String, String?)])
    func contentTypeAndCharset(header: String, type: String, charset: String?) {
        let parsed = Self.headers(["Content-Type: \(header)"])
        #expect(parsed.mediaType == type)
        #expect(parsed.charset == charset)
    }

    @Test(arguments: [
        (["Cache-Control: max-age=300"], 300.0),
        (["Cache-Control: public", "Cache-Control: max-age=90"], 90.0),
        (["Cache-Control: no-cache, max-age=\"45\""], 45.0),
        (["Date: Sun, 06 Nov 1994 08:49:37 GMT", "Expires: Sunday, 06-Nov-94 08:59:37 GMT"], 600.0),
        (["Date: Sun, 06 Nov 1994 08:49:37 GMT", "Expires: Sun Nov  6 08:50:37 1994"], 60.0),
        (["Expires: 0"], 0.0),
        (["Cache-Control: max-age=60", "Expires: Sun, 06 Nov 1994 08:49:37 GMT"], 60.0),
        (["Cache-Control: no-store"], nil),
        ([], nil),
    ] as [([String], Double?)])
    func maxAge(lines: [String], expected: Double?) {
        #expect(Self.headers(lines).maxAge() == expected)
    }

    @Test func headerNamesAreCaseInsensitive() {
        let parsed = Self.headers(["etag: \"a\"", "LAST-MODIFIED:  Sun, 06 Nov 1994 08:49:37 GMT  ", "X-Other: y"])
        #expect(parsed.etag == "\"a\"")
        #expect(parsed.lastModified == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
