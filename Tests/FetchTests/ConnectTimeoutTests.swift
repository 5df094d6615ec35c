import AggregateFetch
import AggregateModel
import Foundation
import Testing

@Suite struct ConnectTimeoutTests {
    @Test func fullListenQueueGivesConnectTimeout() throws {
        let listener = try SaturatedListener()
        defer { listener.close() }
        let url = "http://127.0.0.1:\(listener.port)/feed.xml"
        let settings = FetchSettings(timeout: 10, connectTimeout: 1, allowPrivateNetworks: true)
        let result = Fetcher(settings: settings).fetchAll([FetchRequest(sourceID: "s", location: url)])[0].result
        #expect(result.error == .connectTimedOut(url: url, seconds: 1))
    }
}

/// A listening socket that never accepts, with its queue already full: Linux drops further SYNs,
/// so a new connection hangs in the handshake as it does towards an unreachable host.
private struct SaturatedListener {
    let fd: Int32
    let filler: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 0) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ready else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        // One completed, never accepted connection fills a queue of length 0.
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        self.fd = fd
        self.filler = filler
    }

    func close() {
        _ = Glibc.close(filler)
        _ = Glibc.close(fd)
    }
}
