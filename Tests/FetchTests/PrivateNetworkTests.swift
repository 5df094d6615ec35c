import AggregateTestSupport
import Foundation
import Testing
@testable import AggregateFetch

@Suite struct PrivateNetworkTests {
    @Test func loopbackIsRefusedWithoutPermission() throws {
        let server = try TestHTTPServer { _ in .feed("private") }
        defer { server.stop() }
        let result = fetch(server.url("/feed"), settings: testSettings(allowPrivateNetworks: false))
        #expect(result.error == .privateAddress(url: server.url("/feed"), address: "127.0.0.1"))
        #expect(server.requests.isEmpty)
    }

    @Test func localhostNameIsRefusedWithoutPermission() throws {
        let server = try TestHTTPServer { _ in .feed("private") }
        defer { server.stop() }
        let url = "http://localhost:\(server.port)/feed"
        let error = try #require(fetch(url, settings: testSettings(allowPrivateNetworks: false)).error)
        guard case .privateAddress(let refusedURL, _) = error else {
            Issue.record("expected privateAddress, got \(error)")
            return
        }
        #expect(refusedURL == url)
        #expect(server.requests.isEmpty)
    }

    @Test func perRequestPermissionAllowsLoopback() throws {
        let server = try TestHTTPServer { _ in .feed("private") }
        defer { server.stop() }
        let result = fetch(server.url("/feed"), settings: testSettings(allowPrivateNetworks: false), allowPrivate: true)
        #expect(result.value?.status == 200)
    }

    @Test func guardHoldsAfterRedirects() throws {
        // Loopback stands for both networks here: the guard sees the front server's port as public and
        // the target's as private, so only a check made at each connection stops the redirect.
        let target = try TestHTTPServer { _ in .feed("inside") }
        defer { target.stop() }
        let front = try TestHTTPServer { request in request.path == "/feed" ? .redirect(to: target.url("/admin")) : .feed("outside") }
        defer { front.stop() }
        let fetcher = Fetcher(settings: testSettings(allowPrivateNetworks: false))
        let privatePort = UInt16(target.port)
        fetcher.addressGuard = { address in
            address.load(as: sockaddr_in.self).sin_port == privatePort.bigEndian ? "10.0.0.1" : nil
        }
        let outcomes = fetcher.fetchAll([
            FetchRequest(sourceID: "redirected", location: front.url("/feed")),
            FetchRequest(sourceID: "direct", location: front.url("/other")),
        ])
        #expect(outcomes[0].result.error == .privateAddress(url: front.url("/feed"), address: "10.0.0.1"))
        #expect(outcomes[1].result.value?.status == 200)
        #expect(front.requests.count == 2)
        #expect(target.requests.isEmpty)
    }

    @Test(arguments: [
        ([127, 0, 0, 1], true), ([127, 200, 1, 9], true), ([10, 1, 2, 3], true), ([172, 16, 0, 1], true),
        ([172, 31, 255, 255], true), ([172, 32, 0, 1], false), ([172, 15, 0, 1], false), ([192, 168, 1, 1], true),
        ([192, 169, 1, 1], false), ([169, 254, 169, 254], true), ([0, 0, 0, 0], true), ([8, 8, 8, 8], false),
        ([93, 184, 216, 34], false),
    ] as [([UInt8], Bool)])
    func ipv4Classification(octets: [UInt8], isPrivate: Bool) {
        #expect(PrivateAddress.isPrivate(ipv4: octets) == isPrivate)
    }

    @Test(arguments: [
        ("::1", true), ("::", true), ("fc00::1", true), ("fd12:3456::1", true), ("fe80::1", true), ("febf::1", true),
        ("fec0::1", false), ("::ffff:127.0.0.1", true), ("::ffff:10.0.0.1", true), ("::ffff:8.8.8.8", false),
        ("2001:4860:4860::8888", false), ("2606:4700::1111", false),
    ])
    func ipv6Classification(text: String, isPrivate: Bool) throws {
        var address = in6_addr()
        #expect(inet_pton(AF_INET6, text, &address) == 1)
        let octets = withUnsafeBytes(of: address) { Array($0) }
        #expect(PrivateAddress.isPrivate(ipv6: octets) == isPrivate)
    }
}

@Suite struct ProxyExemptionTests {
    @Test(arguments: [
        ("http://proxy.example:3128", "proxy.example"), ("proxy.example:3128", "proxy.example"),
        ("socks5h://10.0.0.5:1080", "10.0.0.5"), ("http://[fd00::5]:3128/", "fd00::5"), ("", nil),
    ] as [(String, String?)])
    func proxyHost(setting: String, host: String?) {
        #expect(ProxyAddresses.host(of: setting) == host)
    }

    @Test func configuredProxyIsExemptFromTheGuard() {
        var loopback = sockaddr_in()
        loopback.sin_family = sa_family_t(AF_INET)
        loopback.sin_addr.s_addr = inet_addr("127.0.0.1")
        var other = loopback
        other.sin_addr.s_addr = inet_addr("10.1.2.3")

        let fetcher = Fetcher(settings: testSettings(allowPrivateNetworks: false))
        fetcher.environment = ["https_proxy": "http://127.0.0.1:3128", "HTTP_PROXY": "http://10.1.2.3:80"]
        let guarded = fetcher.guardExemptingProxies()
        #expect(withUnsafeBytes(of: &loopback) { guarded($0.baseAddress!) } == nil)
        // Upper-case HTTP_PROXY is ignored by libcurl, so its host gets no exemption.
        #expect(withUnsafeBytes(of: &other) { guarded($0.baseAddress!) } == "10.1.2.3")

        fetcher.environment = [:]
        #expect(withUnsafeBytes(of: &loopback) { fetcher.guardExemptingProxies()($0.baseAddress!) } == "127.0.0.1")
    }
}
