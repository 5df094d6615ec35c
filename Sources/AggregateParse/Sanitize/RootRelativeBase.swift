/// A web base URL as root-relative links ("/world/310153.html") are resolved against it: its scheme and
/// authority, then the link as written. Most relative links in feeds' HTML are of that form; resolved
/// through `HTMLSanitizer.safeURL` each made five Strings and arrays (4% of a corpus parse).
///
/// `isPlainRootRelative` takes only links whose resolution is exactly that concatenation (printable ASCII, no
/// "." or ".." segment, not "//host"); `safeURL` decides every other one, and tests hold the two equal.
struct RootRelativeBase {
    private let base: String
    /// Bytes of `base` up to the end of its authority ("https://example.org").
    private let end: Int
    private let schemeLength: Int
    private let schemeIsLowerCase: Bool

    /// nil unless `base` is an ASCII http or https URL with an authority.
    init?(_ base: String?) {
        guard let base else { return nil }
        var found: (end: Int, scheme: Int, lower: Bool)?
        base.utf8.withContiguousStorageIfAvailable { b in
            var n = 0
            while n < b.count && n < 6 && b[n] != UInt8(ascii: ":") { n += 1 }
            guard n == 4 || n == 5, n + 2 < b.count, b[n] == UInt8(ascii: ":"),
                  b[n + 1] == UInt8(ascii: "/"), b[n + 2] == UInt8(ascii: "/") else { return }
            var scheme: UInt64 = 0
            var lower = true
            for k in 0..<n {
                scheme = scheme << 8 | UInt64(b[k] | 0x20)
                if b[k] != b[k] | 0x20 { lower = false }
            }
            // "http", "https" packed big-endian.
            guard scheme == 0x6874_7470 || scheme == 0x68_7474_7073 else { return }
            var any: UInt8 = 0
            for c in b { any |= c }
            guard any < 0x80 else { return }
            var j = n + 3
            while j < b.count && b[j] != UInt8(ascii: "/") && b[j] != UInt8(ascii: "?") && b[j] != UInt8(ascii: "#") { j += 1 }
            found = (j, n, lower)
        }
        guard let found else { return nil }
        self.base = base
        end = found.end
        schemeLength = found.scheme
        schemeIsLowerCase = found.lower
    }

    /// Appends `link`, one `isPlainRootRelative` takes, resolved and escaped for an attribute.
    func appendResolved<Out: ByteSink & ~Copyable>(_ link: UnsafeBufferPointer<UInt8>, to out: inout Out) {
        base.utf8.withContiguousStorageIfAvailable { b in
            if schemeIsLowerCase {
                HTMLEscaping.appendEscapedAttribute(UnsafeBufferPointer(rebasing: b[..<end]), to: &out)
            } else {
                for k in 0..<schemeLength { out.append(b[k] | 0x20) }
                HTMLEscaping.appendEscapedAttribute(UnsafeBufferPointer(rebasing: b[schemeLength..<end]), to: &out)
            }
        }
        HTMLEscaping.appendEscapedAttribute(link, to: &out)
    }

    /// "/path", printable ASCII, without a "." or ".." segment in the path (before '?' and '#').
    static func isPlainRootRelative(_ link: UnsafeBufferPointer<UInt8>) -> Bool {
        guard link.count > 0, link[0] == UInt8(ascii: "/"), link.count == 1 || link[1] != UInt8(ascii: "/") else { return false }
        var inPath = true
        var segmentStart = 1
        for k in 0..<link.count {
            let c = link[k]
            guard c > 0x20 && c < 0x7F else { return false }
            guard inPath else { continue }
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") {
                if k > 0 && isDotSegment(link, segmentStart..<k) { return false }
                segmentStart = k + 1
                if c != UInt8(ascii: "/") { inPath = false }
            }
        }
        return !(inPath && isDotSegment(link, segmentStart..<link.count))
    }

    private static func isDotSegment(_ link: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>) -> Bool {
        let dot = UInt8(ascii: ".")
        switch segment.count {
        case 1: return link[segment.lowerBound] == dot
        case 2: return link[segment.lowerBound] == dot && link[segment.lowerBound + 1] == dot
        default: return false
        }
    }
}
