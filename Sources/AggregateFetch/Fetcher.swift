import AggregateModel
import CCurl
import Foundation

/// Fetches sources over http(s) with libcurl's multi interface (and local files from disk).
///
/// A request may reach loopback, private or link-local addresses when its own `allowPrivateNetworks`
/// or `settings.allowPrivateNetworks` is set. Not thread-safe: one fetch at a time per fetcher.
public final class Fetcher {
    /// `aggregate/VERSION (+home page)`: names the tool to the servers it polls.
    public static let defaultUserAgent = "aggregate/0.1 (+https://github.com/aggregate-feeds/aggregate)"

    public let settings: FetchSettings
    public let userAgent: String
    /// The private-network guard's verdict on each address; replaceable by tests, which have no public address.
    var addressGuard: AddressGuard = PrivateAddress.refusal
    /// Below `bytesPerSecond` for `seconds` a transfer is abandoned as stalled (when shorter than the timeout).
    var lowSpeed = (bytesPerSecond: 100, seconds: 20 as TimeInterval)
    /// Where the proxy settings come from; replaceable by tests.
    var environment: [String: String] = ProcessInfo.processInfo.environment

    public init(settings: FetchSettings, userAgent: String = Fetcher.defaultUserAgent) {
        self.settings = settings
        self.userAgent = userAgent
        _ = AllocatorTuning.applied
    }

    /// Fetches all requests, at most `settings.concurrency` at once; outcomes in request order. Blocks until done.
    public func fetchAll(_ requests: [FetchRequest], progress: ((_ done: Int, _ total: Int) -> Void)? = nil) -> [FetchOutcome] {
        var outcomes = [FetchOutcome?](repeating: nil, count: requests.count)
        var done = 0
        fetchEach(requests) { index, outcome in
            outcomes[index] = outcome
            done += 1
            progress?(done, requests.count)
        }
        return outcomes.map { $0! }
    }

    /// Fetches all requests like `fetchAll`, but hands each outcome to `handler` as soon as it is complete
    /// (in completion order, on the calling thread), so that bodies can be processed and freed one by one.
    /// Transfers wait while `handler` runs: keep it short, or hand heavy work to another thread.
    /// With `localFiles`, a local file is not read here but handed to it, to be read where it is parsed.
    public func fetchEach(
        _ requests: [FetchRequest], localFiles: ((_ index: Int, _ read: LocalRead) -> Void)? = nil,
        _ handler: (_ index: Int, _ outcome: FetchOutcome) -> Void
    ) {
        func report(_ index: Int, _ result: Result<FetchResponse, FetchError>) {
            handler(index, FetchOutcome(request: requests[index], result: result))
        }
        var remote: [Int] = []
        for (index, request) in requests.enumerated() {
            switch Self.kind(of: request.location) {
            case .remote: remote.append(index)
            case .file:
                let read = LocalRead(request: request, maxBytes: settings.maxBytes)
                if let localFiles { localFiles(index, read) } else { handler(index, read.outcome()) }
            case .otherScheme: report(index, .failure(.forbiddenScheme(url: request.location, target: request.location)))
            case .invalid: report(index, .failure(.invalidLocation(request.location)))
            }
        }
        if !remote.isEmpty {
            runTransfers(remote, of: requests, report: report)
        }
    }

    private func runTransfers(_ indices: [Int], of requests: [FetchRequest], report: (Int, Result<FetchResponse, FetchError>) -> Void) {
        let options = TransferOptions(
            timeout: settings.timeout, connectTimeout: settings.connectTimeout, maxBytes: settings.maxBytes,
            allowPrivateNetworks: settings.allowPrivateNetworks, userAgent: userAgent,
            lowSpeedLimit: lowSpeed.bytesPerSecond, lowSpeedTime: lowSpeed.seconds, addressGuard: guardExemptingProxies())
        guard let multi = CurlMulti(perHost: settings.perHost) else {
            for index in indices { report(index, .failure(.transferFailed(url: requests[index].location, reason: "libcurl could not start"))) }
            return
        }
        let concurrency = max(1, settings.concurrency)
        let perHost = max(1, settings.perHost)
        var waiting = indices
        let hosts = Dictionary(uniqueKeysWithValues: indices.map { ($0, Self.hostKey(requests[$0].location)) })
        var busyHosts: [String: Int] = [:]
        var active: [UnsafeMutableRawPointer: Transfer] = [:]

        // Starts waiting transfers in request order, skipping hosts already at their limit.
        func fill() {
            var position = 0
            while active.count < concurrency, position < waiting.count {
                let index = waiting[position]
                let host = hosts[index]!
                guard busyHosts[host, default: 0] < perHost else { position += 1; continue }
                waiting.remove(at: position)
                guard let transfer = Transfer(index: index, request: requests[index], options: options), multi.add(transfer.handle) else {
                    report(index, .failure(.transferFailed(url: requests[index].location, reason: "libcurl could not start the transfer")))
                    continue
                }
                active[transfer.handle] = transfer
                busyHosts[host, default: 0] += 1
            }
        }

        fill()
        while !active.isEmpty {
            multi.perform()
            var finishedAny = false
            while let (easy, code) = multi.nextDone() {
                guard let transfer = active.removeValue(forKey: easy) else { continue }
                multi.remove(easy)
                busyHosts[hosts[transfer.index]!, default: 1] -= 1
                report(transfer.index, transfer.finish(code))
                finishedAny = true
            }
            if finishedAny {
                fill()
                continue
            }
            multi.poll(milliseconds: 1000)
        }
    }

    /// `addressGuard`, except for the addresses of the proxies configured in `environment`.
    func guardExemptingProxies() -> AddressGuard {
        let proxies = ProxyAddresses.resolve(environment: environment)
        let base = addressGuard
        guard !proxies.isEmpty else { return base }
        return { address in
            guard let refused = base(address) else { return nil }
            return PrivateAddress.octets(address).map(proxies.contains) == true ? nil : refused
        }
    }

    private enum LocationKind { case remote, file, otherScheme, invalid }

    private static func kind(of location: String) -> LocationKind {
        let lower = location.prefix(8).lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return .remote }
        if location.hasPrefix("/") { return .file }
        if let colon = location.firstIndex(of: ":"), location[colon...].hasPrefix("://") || location.lowercased().hasPrefix("file:") {
            return .otherScheme
        }
        return .invalid
    }

    /// `host:port` of an http(s) URL, for per-host scheduling.
    private static func hostKey(_ location: String) -> String {
        guard let components = URLComponents(string: location), let host = components.host?.lowercased() else { return location }
        return "\(host):\(components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80))"
    }
}
