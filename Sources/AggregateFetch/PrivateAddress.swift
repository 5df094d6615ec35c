#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Classifies socket addresses for the private-network guard.
///
/// The check runs on the address libcurl is about to connect to, not on the host name, so it holds
/// after redirects and against DNS answers that change between lookups.
enum PrivateAddress {
    /// The printable address if `address` is loopback, private, link-local or unspecified; nil if public.
    static func refusal(_ address: UnsafeRawPointer) -> String? {
        // Unix sockets and other families never carry a remote feed.
        guard let octets = octets(address) else { return "address family \(address.load(as: sockaddr.self).sa_family)" }
        if octets.count == 4 { return isPrivate(ipv4: octets) ? format(family: AF_INET, octets) : nil }
        return isPrivate(ipv6: octets) ? format(family: AF_INET6, octets) : nil
    }

    /// The raw bytes (4 for IPv4, 16 for IPv6) of an internet socket address; nil for other families.
    static func octets(_ address: UnsafeRawPointer) -> [UInt8]? {
        switch Int32(address.load(as: sockaddr.self).sa_family) {
        case AF_INET:
            return Array(UnsafeRawBufferPointer(start: address + MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_addr)!, count: 4))
        case AF_INET6:
            return Array(UnsafeRawBufferPointer(start: address + MemoryLayout<sockaddr_in6>.offset(of: \sockaddr_in6.sin6_addr)!, count: 16))
        default:
            return nil
        }
    }

    /// 0/8 (unspecified), 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16.
    static func isPrivate(ipv4 o: [UInt8]) -> Bool {
        switch (o[0], o[1]) {
        case (0, _), (127, _), (10, _): true
        case (172, 16...31): true
        case (192, 168), (169, 254): true
        default: false
        }
    }

    /// ::, ::1, fc00::/7, fe80::/10, and IPv4-mapped or -compatible forms of private IPv4 addresses.
    static func isPrivate(ipv6 o: [UInt8]) -> Bool {
        if o[0..<15].allSatisfy({ $0 == 0 }) { return o[15] <= 1 }
        if o[0] & 0xFE == 0xFC { return true }
        if o[0] == 0xFE && o[1] & 0xC0 == 0x80 { return true }
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible form).
        if o[0..<10].allSatisfy({ $0 == 0 }) && ((o[10] == 0xFF && o[11] == 0xFF) || (o[10] == 0 && o[11] == 0)) {
            return isPrivate(ipv4: Array(o[12..<16]))
        }
        return false
    }

    private static func format(family: Int32, _ octets: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, octets, &text, socklen_t(text.count)) != nil else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
