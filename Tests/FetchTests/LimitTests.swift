import AggregateTestSupport
import Testing
@testable import AggregateFetch

@Suite struct LimitTests {
    @Test func endlessBodyStopsAtTheSizeCap() throws {
        let server = try TestHTTPServer { _ in .endless() }
        defer { server.stop() }
        let result = fetch(server.url("/endless"), settings: testSettings(maxBytes: 256 << 10))
        #expect(result.error == .tooLarge(url: server.url("/endless"), limit: 256 << 10))
    }

    @Test func gzipBombStopsAtTheDecodedSizeCap() throws {
        let bomb = try Gzip.zeros(count: 16 << 20)
        #expect(bomb.count < 1 << 20)
        let server = try TestHTTPServer { _ in
            .ok(bytes: bomb, contentType: "application/rss+xml", headers: [("Content-Encoding", "gzip")])
        }
        defer { server.stop() }
        let result = fetch(server.url("/bomb"), settings: testSettings(maxBytes: 1 << 20))
        #expect(result.error == .tooLarge(url: server.url("/bomb"), limit: 1 << 20))
    }

    @Test func bodyUpToTheCapIsAccepted() throws {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10)
        let server = try TestHTTPServer { _ in .ok(bytes: body) }
        defer { server.stop() }
        let response = try #require(fetch(server.url("/"), settings: testSettings(maxBytes: 64 << 10)).value)
        #expect(response.body == body)
    }

    @Test func announcedContentLengthOverTheCapIsRefusedEarly() throws {
        // Announces 100 MB, sends a few bytes and hangs up: only an early check reports tooLarge.
        let server = try TestHTTPServer { _ in
            TestHTTPResponse(status: 200, headers: [("Content-Length", "100000000")], body: .bytes(Array("<rss>".utf8)))
        }
        defer { server.stop() }
        let result = fetch(server.url("/big"), settings: testSettings(maxBytes: 1 << 20))
        #expect(result.error == .tooLarge(url: server.url("/big"), limit: 1 << 20))
    }

    @Test func serverThatNeverAnswersTimesOut() throws {
        let server = try TestHTTPServer { _ in .noAnswer }
        defer { server.stop() }
        let result = fetch(server.url("/silent"), settings: testSettings(timeout: 1))
        #expect(result.error == .timedOut(url: server.url("/silent"), seconds: 1))
    }

    @Test func slowDripTimesOut() throws {
        let server = try TestHTTPServer { _ in .drip(rss("slow"), interval: 1) }
        defer { server.stop() }
        let result = fetch(server.url("/drip"), settings: testSettings(timeout: 1.5))
        #expect(result.error == .timedOut(url: server.url("/drip"), seconds: 1.5))
    }

    @Test func stalledTransferIsAbandoned() throws {
        let server = try TestHTTPServer { _ in .drip(rss("slow"), interval: 1) }
        defer { server.stop() }
        let fetcher = Fetcher(settings: testSettings(timeout: 30))
        fetcher.lowSpeed = (bytesPerSecond: 100, seconds: 1)
        let result = fetcher.fetchAll([FetchRequest(sourceID: "s", location: server.url("/drip"), allowPrivateNetworks: true)])[0].result
        #expect(result.error == .stalled(url: server.url("/drip"), seconds: 1))
    }

    @Test func oneFailingSourceDoesNotStopTheOthers() throws {
        let server = try TestHTTPServer { request in
            request.path == "/bad" ? .status(500) : .feed(request.path)
        }
        defer { server.stop() }
        let requests = ["/a", "/bad", "/b"].map { FetchRequest(sourceID: $0, location: server.url($0), allowPrivateNetworks: true) }
        let outcomes = Fetcher(settings: testSettings()).fetchAll(requests)
        #expect(outcomes[0].result.value?.status == 200)
        #expect(outcomes[1].result.error == .httpStatus(url: server.url("/bad"), code: 500, retryAfter: nil))
        #expect(outcomes[2].result.value?.status == 200)
    }
}
