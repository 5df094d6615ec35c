import AggregateFetch
import AggregateModel
import AggregateTestSupport
import Foundation
import Testing

@Suite struct FetchBasicsTests {
    @Test func okResponseCarriesBodyAndHeaders() throws {
        let server = try TestHTTPServer { _ in
            .ok(rss("One"), contentType: "application/RSS+xml; charset=\"ISO-8859-1\"", headers: [
                ("ETag", "\"v1\""), ("Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT"), ("Cache-Control", "public, max-age=600"),
            ])
        }
        defer { server.stop() }
        let response = try #require(fetch(server.url("/feed.xml")).value)
        #expect(response.status == 200)
        #expect(response.sourceID == "source")
        #expect(String(decoding: response.body, as: UTF8.self) == rss("One"))
        #expect(response.finalURL == server.url("/feed.xml"))
        #expect(!response.notModified)
        #expect(response.etag == "\"v1\"")
        #expect(response.lastModified == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(response.contentType == "application/rss+xml")
        #expect(response.charset == "iso-8859-1")
        #expect(response.maxAge == 600)
        #expect(response.permanentRedirect == nil)
        #expect(response.bytes == rss("One").utf8.count)

        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/feed.xml")
        #expect(request.header("User-Agent") == Fetcher.defaultUserAgent)
        #expect(request.header("Accept-Encoding")?.contains("gzip") == true)
        #expect(request.header("If-None-Match") == nil)
        #expect(request.header("If-Modified-Since") == nil)
    }

    @Test func customUserAgentIsSent() throws {
        let server = try TestHTTPServer { _ in .feed("One") }
        defer { server.stop() }
        let request = FetchRequest(sourceID: "a", location: server.url("/"))
        _ = Fetcher(settings: testSettings(), userAgent: "aggregate-test/1").fetchAll([request])
        #expect(server.requests.first?.header("User-Agent") == "aggregate-test/1")
    }

    @Test func expiresGivesMaxAgeRelativeToDate() throws {
        let server = try TestHTTPServer { _ in
            .feed("One", headers: [("Date", "Sun, 06 Nov 1994 08:49:37 GMT"), ("Expires", "Sun, 06 Nov 1994 09:49:37 GMT")])
        }
        defer { server.stop() }
        let response = try #require(fetch(server.url("/")).value)
        #expect(response.maxAge == 3600)
    }

    @Test func gzipBodyIsDecoded() throws {
        let text = String(repeating: rss("Compressed"), count: 50)
        let compressed = try Gzip.compress(Array(text.utf8))
        let server = try TestHTTPServer { _ in
            .ok(bytes: compressed, contentType: "application/rss+xml", headers: [("Content-Encoding", "gzip")])
        }
        defer { server.stop() }
        let response = try #require(fetch(server.url("/")).value)
        #expect(String(decoding: response.body, as: UTF8.self) == text)
        #expect(response.bytes == compressed.count)
    }

    @Test func parallelFetchKeepsRequestOrder() throws {
        let server = try TestHTTPServer { request in .feed("feed \(request.path)") }
        defer { server.stop() }
        let requests = (0..<24).map { FetchRequest(sourceID: "s\($0)", location: server.url("/feed/\($0)"), allowPrivateNetworks: true) }
        let progress = ProgressLog()
        let outcomes = Fetcher(settings: testSettings(concurrency: 6, perHost: 6)).fetchAll(requests) { progress.record($0, $1) }
        #expect(outcomes.count == 24)
        for (index, outcome) in outcomes.enumerated() {
            #expect(outcome.request == requests[index])
            let response = try #require(outcome.result.value)
            #expect(response.sourceID == "s\(index)")
            #expect(String(decoding: response.body, as: UTF8.self) == rss("feed /feed/\(index)"))
        }
        #expect(progress.calls.map(\.done) == Array(1...24))
        #expect(progress.calls.allSatisfy { $0.total == 24 })
    }

    @Test func fetchEachHandsOverEveryOutcomeOnce() throws {
        let server = try TestHTTPServer { request in request.path == "/missing" ? .status(404) : .feed(request.path) }
        defer { server.stop() }
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("local.xml")
        try Data(rss("local").utf8).write(to: file)
        let locations = [server.url("/a"), file.path, server.url("/missing"), "ftp://example.org/x", server.url("/b")]
        let requests = locations.enumerated().map { FetchRequest(sourceID: "s\($0.offset)", location: $0.element, allowPrivateNetworks: true) }
        var seen: [Int: FetchOutcome] = [:]
        Fetcher(settings: testSettings()).fetchEach(requests) { index, outcome in
            #expect(seen[index] == nil)
            seen[index] = outcome
        }
        #expect(seen.keys.sorted() == Array(0..<5))
        for (index, outcome) in seen { #expect(outcome.request == requests[index]) }
        #expect(seen[0]?.result.value.map { String(decoding: $0.body, as: UTF8.self) } == rss("/a"))
        #expect(seen[1]?.result.value.map { String(decoding: $0.body, as: UTF8.self) } == rss("local"))
        #expect(seen[2]?.result.error == .httpStatus(url: server.url("/missing"), code: 404, retryAfter: nil))
        #expect(seen[3]?.result.error == .forbiddenScheme(url: "ftp://example.org/x", target: "ftp://example.org/x"))
        #expect(seen[4]?.result.value.map { String(decoding: $0.body, as: UTF8.self) } == rss("/b"))
    }

    @Test func transfersRunConcurrently() throws {
        // Each of the first two requests waits until the other has arrived: only concurrent transfers both succeed.
        let meeting = Meeting(parties: 2)
        let server = try TestHTTPServer { request in
            meeting.arriveAndWait(seconds: 5) ? .feed("together") : .status(500)
        }
        defer { server.stop() }
        let requests = (0..<2).map { FetchRequest(sourceID: "s\($0)", location: server.url("/\($0)"), allowPrivateNetworks: true) }
        let outcomes = Fetcher(settings: testSettings(concurrency: 2, perHost: 2)).fetchAll(requests)
        #expect(outcomes.allSatisfy { $0.result.value?.status == 200 })
    }

    @Test(arguments: [(concurrency: 8, perHost: 2), (concurrency: 3, perHost: 8), (concurrency: 1, perHost: 1)])
    func concurrencyStaysWithinLimits(concurrency: Int, perHost: Int) throws {
        let gauge = Gauge()
        let server = try TestHTTPServer { _ in
            gauge.enter()
            defer { gauge.leave() }
            Thread.sleep(forTimeInterval: 0.02)
            return .feed("x")
        }
        defer { server.stop() }
        let requests = (0..<20).map { FetchRequest(sourceID: "s\($0)", location: server.url("/\($0)"), allowPrivateNetworks: true) }
        let outcomes = Fetcher(settings: testSettings(concurrency: concurrency, perHost: perHost)).fetchAll(requests)
        #expect(outcomes.allSatisfy { $0.result.value != nil })
        #expect(gauge.peak <= min(concurrency, perHost))
        #expect(gauge.peak >= 1)
    }
}

/// Records progress callbacks.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [(done: Int, total: Int)] = []
    func record(_ done: Int, _ total: Int) { lock.withLock { log.append((done, total)) } }
    var calls: [(done: Int, total: Int)] { lock.withLock { log } }
}

/// The largest number of requests the server handled at once.
final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var highest = 0
    func enter() { lock.withLock { current += 1; highest = max(highest, current) } }
    func leave() { lock.withLock { current -= 1 } }
    var peak: Int { lock.withLock { highest } }
}

/// Lets `parties` server threads wait for each other.
final class Meeting: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var arrived = 0
    init(parties: Int) { self.parties = parties }

    /// True when all parties arrived within `seconds`.
    func arriveAndWait(seconds: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        let deadline = Date().addingTimeInterval(seconds)
        while arrived < parties {
            if !condition.wait(until: deadline) { return arrived >= parties }
        }
        return true
    }
}
