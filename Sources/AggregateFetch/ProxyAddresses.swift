import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The addresses of the proxies libcurl takes from the environment.
///
/// NOTE: behind a proxy the private-network guard only ever sees the proxy's address, which in
/// company networks is usually private: the configured proxy is trusted (it is the network's own
/// gateway, and it resolves the feed's host itself), so its addresses are exempt from the guard.
enum ProxyAddresses {
    /// The variables libcurl reads (it ignores upper-case HTTP_PROXY on purpose, see CGI "httpoxy").
    static let variables = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]

    /// Raw address bytes (4 or 16) of every proxy named in `environment`.
    static func resolve(environment: [String: String]) -> Set<[UInt8]> {
        var addresses: Set<[UInt8]> = []
        for name in variables {
            guard let value = environment[name], let host = host(of: value) else { continue }
            addresses.formUnion(lookUp(host))
        }
        return addresses
    }

    /// The host of a proxy setting, which may omit the scheme (`proxy.example:3128`).
    static func host(of setting: String) -> String? {
        let trimmed = setting.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let url = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    private static func lookUp(_ host: String) -> Set<[UInt8]> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: Set<[UInt8]> = []
        var entry = list
        while let current = entry {
            if let address = current.pointee.ai_addr, let octets = PrivateAddress.octets(UnsafeRawPointer(address)) {
                addresses.insert(octets)
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }
}
