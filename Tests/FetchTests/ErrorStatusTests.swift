import AggregateFetch
import AggregateTestSupport
import Testing

@Suite struct ErrorStatusTests {
    @Test(arguments: [
        (429, [("Retry-After", "120")], 120.0),
        (503, [("Retry-After", "30")], 30.0),
        (503, [("Date", "Sun, 06 Nov 1994 08:49:37 GMT"), ("Retry-After", "Sun, 06 Nov 1994 08:51:37 GMT")], 120.0),
        (429, [("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")], 0.0),
        (503, [("Retry-After", "soon")], nil),
        (503, [], nil),
        (500, [("Retry-After", "120")], nil),
    ] as [(Int, [(String, String)], Double?)])
    func retryAfterIsParsed(status: Int, headers: [(String, String)], expected: Double?) throws {
        let server = try TestHTTPServer { _ in .status(status, headers: headers) }
        defer { server.stop() }
        let error = try #require(fetch(server.url("/")).error)
        #expect(error == .httpStatus(url: server.url("/"), code: status, retryAfter: expected))
        #expect(error.retryAfter == expected)
    }

    @Test func goneIsItsOwnError() throws {
        let server = try TestHTTPServer { _ in .status(410) }
        defer { server.stop() }
        #expect(fetch(server.url("/gone")).error == .gone(url: server.url("/gone")))
    }

    @Test func notFoundNamesTheURLAndWhatToDo() throws {
        let server = try TestHTTPServer { _ in .status(404) }
        defer { server.stop() }
        let error = try #require(fetch(server.url("/missing")).error)
        #expect(error == .httpStatus(url: server.url("/missing"), code: 404, retryAfter: nil))
        #expect(error.description.hasPrefix("fetch: \(server.url("/missing")): "))
        #expect(error.description.contains("404"))
    }

    @Test func refusedConnectionIsReported() throws {
        let server = try TestHTTPServer { _ in .feed("x") }
        let url = server.url("/feed")
        server.stop()
        let error = try #require(fetch(url).error)
        guard case .connectionFailed(let failedURL, _) = error else {
            Issue.record("expected connectionFailed, got \(error)")
            return
        }
        #expect(failedURL == url)
    }

    @Test(arguments: ["ftp://example.org/feed.xml", "file:///etc/passwd", "gopher://example.org/"])
    func otherSchemesAreRefused(location: String) {
        #expect(fetch(location).error == .forbiddenScheme(url: location, target: location))
    }

    @Test(arguments: ["feeds/local.xml", "example.org/feed", ""])
    func relativeLocationsAreInvalid(location: String) {
        #expect(fetch(location).error == .invalidLocation(location))
    }
}
