import AggregateFetch
import AggregateTestSupport
import Testing

@Suite struct ConditionalGetTests {
    static let etag = "\"abc-123\""
    static let lastModified = "Wed, 21 Oct 2015 07:28:00 GMT"

    /// Answers 304 only when both stored validators come back.
    static func server() throws -> TestHTTPServer {
        try TestHTTPServer { request in
            if request.header("If-None-Match") == etag && request.header("If-Modified-Since") == lastModified {
                return .status(304, headers: [("ETag", etag), ("Cache-Control", "max-age=60")])
            }
            return .feed("Fresh", headers: [("ETag", etag), ("Last-Modified", lastModified)])
        }
    }

    @Test func validatorsAreSentBackAndNotModifiedIsReported() throws {
        let server = try Self.server()
        defer { server.stop() }
        let first = try #require(fetch(server.url("/feed")).value)
        #expect(!first.notModified)
        #expect(first.status == 200)

        let second = try #require(fetch(server.url("/feed"), etag: first.etag, lastModified: first.lastModified).value)
        #expect(second.notModified)
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        #expect(second.etag == Self.etag)
        // The 304 did not repeat Last-Modified: the stored one is kept.
        #expect(second.lastModified == Self.lastModified)
        #expect(second.maxAge == 60)

        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[1].header("If-None-Match") == Self.etag)
        #expect(requests[1].header("If-Modified-Since") == Self.lastModified)
    }

    @Test func staleValidatorsGetTheFullBody() throws {
        let server = try Self.server()
        defer { server.stop() }
        let response = try #require(fetch(server.url("/feed"), etag: "\"old\"", lastModified: Self.lastModified).value)
        #expect(!response.notModified)
        #expect(response.etag == Self.etag)
        #expect(server.requests.first?.header("If-None-Match") == "\"old\"")
    }
}
