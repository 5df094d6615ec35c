import AggregateFetch
import AggregateTestSupport
import Foundation
import Testing

/// The test server other test targets rely on.
@Suite struct TestHTTPServerTests {
    @Test func routesAnswerTheirPathsAndNotFoundElsewhere() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("feed.xml")
        try Data(rss("From disk").utf8).write(to: file)
        let server = try TestHTTPServer(routes: ["/a.xml": .feed("A"), "/disk.xml": try .file(file)])
        defer { server.stop() }
        let outcomes = Fetcher(settings: testSettings()).fetchAll(["/a.xml?x=1", "/disk.xml", "/nothing"].map {
            FetchRequest(sourceID: $0, location: server.url($0), allowPrivateNetworks: true)
        })
        #expect(outcomes[0].result.value.map { String(decoding: $0.body, as: UTF8.self) } == rss("A"))
        #expect(outcomes[1].result.value.map { String(decoding: $0.body, as: UTF8.self) } == rss("From disk"))
        #expect(outcomes[2].result.error == .httpStatus(url: server.url("/nothing"), code: 404, retryAfter: nil))
        #expect(server.requests(to: "/a.xml").count == 1)
        #expect(server.requests(to: "/a.xml?x=1").count == 1)
        #expect(server.requests.map(\.path).sorted() == ["/a.xml?x=1", "/disk.xml", "/nothing"])
    }

    @Test func connectionsAreKeptAlive() throws {
        let server = try TestHTTPServer { _ in .feed("x") }
        defer { server.stop() }
        let requests = (0..<10).map { FetchRequest(sourceID: "\($0)", location: server.url("/\($0)"), allowPrivateNetworks: true) }
        let outcomes = Fetcher(settings: testSettings(concurrency: 1, perHost: 1)).fetchAll(requests)
        #expect(outcomes.allSatisfy { $0.result.value?.status == 200 })
        #expect(server.connectionCount == 1)
    }
}
