#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `CanonicalURL.canonicalize` for a URL of ASCII bytes, worked on the bytes.
///
/// The general path walks the Characters of Substrings: ~65,000 instructions a link, a fifth of preparing an
/// entry on the parsing thread. In ASCII a Character is a byte, except "\r\n", one Character of two bytes; every
/// byte cut at here (`:` `/` `?` `#` `@` `]` `&` `=` `.`) is a Character of its own, and so is every byte
/// trimmed (`isWhitespace` in ASCII: 0x09-0x0D and the space, CR and LF alike). The same cuts fall at the same
/// places, `lowercased()` is ASCII lower-casing, equal Substrings are equal bytes: the result is the same String.
/// Google redirect wrappers (percent-decoding, a second URL) are left to the general path.
enum ASCIICanonicalURL {
    enum Outcome: Equatable {
        case canonical(String)
        /// Not an absolute http(s) URL: `canonicalize` is nil.
        case none
        /// Not ASCII, or a Google redirect wrapper: the general path decides.
        case general
    }

    static func canonicalize(_ url: String, extra: Set<String>) -> Outcome {
        var url = url
        return url.withUTF8 { canonicalize($0, extra: extra) }
    }

    private static func canonicalize(_ b: UnsafeBufferPointer<UInt8>, extra: Set<String>) -> Outcome {
        for byte in b where byte >= 0x80 { return .general }
        var start = 0
        var end = b.count
        while start < end && isWhitespace(b[start]) { start += 1 }
        while end > start && isWhitespace(b[end - 1]) { end -= 1 }

        guard let colon = firstIndex(in: b, start..<end, where: { $0 == UInt8(ascii: ":") }) else { return .none }
        guard lowercased(b, start..<colon, equals: "http") || lowercased(b, start..<colon, equals: "https") else { return .none }
        guard end - colon > 2, b[colon + 1] == UInt8(ascii: "/"), b[colon + 2] == UInt8(ascii: "/") else {
            return .none
        }
        let authorityStart = colon + 3
        if let hash = firstIndex(in: b, authorityStart..<end, where: { $0 == UInt8(ascii: "#") }) { end = hash }

        let authorityEnd = firstIndex(in: b, authorityStart..<end, where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) ?? end
        var hostStart = authorityStart
        if let at = lastIndex(in: b, authorityStart..<authorityEnd, of: UInt8(ascii: "@")) { hostStart = at + 1 }
        var hostEnd = authorityEnd
        if let portColon = lastIndex(in: b, hostStart..<hostEnd, of: UInt8(ascii: ":")),
           b[hostEnd - 1] != UInt8(ascii: "]") || hasBracketColon(b, hostStart..<hostEnd) {
            let port = (portColon + 1)..<hostEnd
            if port.isEmpty || lowercased(b, port, equals: "80") || lowercased(b, port, equals: "443") { hostEnd = portColon }
        }
        if hostEnd > hostStart && b[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        guard hostEnd > hostStart else { return .none }
        let host = hostStart..<hostEnd

        let question = firstIndex(in: b, authorityEnd..<end, where: { $0 == UInt8(ascii: "?") })
        let path = authorityEnd..<(question ?? end)
        let query = (question.map { $0 + 1 } ?? end)..<end
        if isGoogle(b, host) && (bytes(b, path, equal: "/url") || bytes(b, path, equal: "/news/url")) { return .general }

        let capacity = 8 + host.count + max(path.count, 1) + 1 + query.count
        return .canonical(String(unsafeUninitializedCapacity: capacity) { out in
            var count = 0
            func put(_ byte: UInt8) {
                out[count] = byte
                count += 1
            }
            for byte in "https://".utf8 { put(byte) }
            for index in host { put(lower(b[index])) }
            if path.isEmpty { put(UInt8(ascii: "/")) }
            for index in path { put(b[index]) }
            var first = true
            var pairStart = query.lowerBound
            while pairStart < query.upperBound {
                let pairEnd = firstIndex(in: b, pairStart..<query.upperBound, where: { $0 == UInt8(ascii: "&") }) ?? query.upperBound
                if pairEnd > pairStart && !isTracking(b, pairStart..<pairEnd, extra: extra) {
                    put(first ? UInt8(ascii: "?") : UInt8(ascii: "&"))
                    first = false
                    for index in pairStart..<pairEnd { put(b[index]) }
                }
                pairStart = pairEnd + 1
            }
            return count
        })
    }

    /// Whether the pair is a tracking parameter. Its name is what `split(separator: "=", maxSplits: 1).first`
    /// gives: empty parts are omitted, so it is the first non-empty run between `=`s ("" when there is none).
    private static func isTracking(_ b: UnsafeBufferPointer<UInt8>, _ pair: Range<Int>, extra: Set<String>) -> Bool {
        var nameStart = pair.lowerBound
        while nameStart < pair.upperBound && b[nameStart] == UInt8(ascii: "=") { nameStart += 1 }
        let nameEnd = firstIndex(in: b, nameStart..<pair.upperBound, where: { $0 == UInt8(ascii: "=") }) ?? pair.upperBound
        let name = String(unsafeUninitializedCapacity: nameEnd - nameStart) { out in
            for index in nameStart..<nameEnd { out[index - nameStart] = lower(b[index]) }
            return nameEnd - nameStart
        }
        return name.utf8.starts(with: "utm_".utf8) || CanonicalURL.defaultTrackingParameters.contains(name) || extra.contains(name)
    }

    /// `host == "google.com" || host.hasSuffix(".google.com") || host.hasPrefix("www.google.")`, lower-cased.
    private static func isGoogle(_ b: UnsafeBufferPointer<UInt8>, _ host: Range<Int>) -> Bool {
        let suffix: StaticString = ".google.com", prefix: StaticString = "www.google."
        let suffixStart = host.upperBound - suffix.utf8CodeUnitCount, prefixEnd = host.lowerBound + prefix.utf8CodeUnitCount
        return lowercased(b, host, equals: "google.com")
            || (suffixStart >= host.lowerBound && lowercased(b, suffixStart..<host.upperBound, equals: suffix))
            || (prefixEnd <= host.upperBound && lowercased(b, host.lowerBound..<prefixEnd, equals: prefix))
    }

    /// `host.contains("]:")`.
    private static func hasBracketColon(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 2 else { return false }
        for index in range.lowerBound..<(range.upperBound - 1) where b[index] == UInt8(ascii: "]") && b[index + 1] == UInt8(ascii: ":") {
            return true
        }
        return false
    }

    /// Whether the bytes in `range`, lower-cased, are `text` (lower-case ASCII).
    private static func lowercased(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, equals text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let expected = text.utf8Start
        for (offset, index) in range.enumerated() where lower(b[index]) != expected[offset] { return false }
        return true
    }

    private static func bytes(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, equal text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && memcmp(b.baseAddress! + range.lowerBound, text.utf8Start, range.count) == 0
    }

    private static func firstIndex(in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, where match: (UInt8) -> Bool) -> Int? {
        for index in range where match(b[index]) { return index }
        return nil
    }

    private static func lastIndex(in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, of byte: UInt8) -> Int? {
        for index in range.reversed() where b[index] == byte { return index }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        (byte >= 0x09 && byte <= 0x0D) || byte == 0x20
    }
}
