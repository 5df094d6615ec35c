import AggregateFetch
import AggregateTestSupport
import Testing

@Suite struct RedirectTests {
    @Test func temporaryRedirectIsFollowed() throws {
        let server = try TestHTTPServer { request in
            request.path == "/old" ? .redirect(to: "/new", status: 302) : .feed("New")
        }
        defer { server.stop() }
        let response = try #require(fetch(server.url("/old")).value)
        #expect(response.finalURL == server.url("/new"))
        #expect(response.permanentRedirect == nil)
        #expect(String(decoding: response.body, as: UTF8.self) == rss("New"))
        #expect(server.requests.map(\.path) == ["/old", "/new"])
    }

    /// Redirect chains: each step is `from -> (status, to)`; `expected` is the permanent new URL path.
    @Test(arguments: [
        ([301], "/hop1"),
        ([308], "/hop1"),
        ([301, 308], "/hop2"),
        ([301, 302], "/hop1"),
        ([302, 301], nil),
        ([307], nil),
    ] as [([Int], String?)])
    func permanentRedirectIsReported(statuses: [Int], expected: String?) throws {
        let server = try TestHTTPServer { request in
            let step = request.path == "/start" ? 0 : Int(request.path.dropFirst(4)) ?? 99
            return step < statuses.count ? .redirect(to: "/hop\(step + 1)", status: statuses[step]) : .feed("Moved")
        }
        defer { server.stop() }
        let response = try #require(fetch(server.url("/start")).value)
        #expect(response.finalURL == server.url("/hop\(statuses.count)"))
        #expect(response.permanentRedirect == expected.map { server.url($0) })
    }

    @Test func redirectToFileIsRefused() throws {
        let server = try TestHTTPServer { _ in .redirect(to: "file:///etc/passwd") }
        defer { server.stop() }
        let result = fetch(server.url("/feed"))
        #expect(result.error == .forbiddenScheme(url: server.url("/feed"), target: "file:///etc/passwd"))
    }

    @Test func redirectLoopIsStopped() throws {
        let server = try TestHTTPServer { request in .redirect(to: request.path == "/a" ? "/b" : "/a") }
        defer { server.stop() }
        let result = fetch(server.url("/a"))
        #expect(result.error == .tooManyRedirects(url: server.url("/a"), limit: 5))
        #expect(server.requests.count == 6)
    }

    @Test(arguments: [5, 6])
    func redirectChainIsBoundedAtFive(length: Int) throws {
        let server = try TestHTTPServer { request in
            let step = Int(request.path.dropFirst()) ?? 0
            return step < length ? .redirect(to: "/\(step + 1)") : .feed("End")
        }
        defer { server.stop() }
        let result = fetch(server.url("/0"))
        if length <= 5 {
            #expect(result.value?.finalURL == server.url("/\(length)"))
        } else {
            #expect(result.error == .tooManyRedirects(url: server.url("/0"), limit: 5))
        }
    }
}
