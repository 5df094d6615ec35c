#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// String helpers on UTF-8 bytes: Foundation's NSString-backed versions went through UTF-16 and
/// dominated the parse profile.
enum ByteText {
    @inline(__always) static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The UTF-8 of `s` lent to `body`: native Strings without a copy (withUTF8 wants a mutable one).
    @inline(__always) static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = s
        return copy.withUTF8(body)
    }

    /// ASCII whitespace removed at both ends.
    static func trimmed(_ s: String) -> String {
        withBytes(s) { p -> String in
            var start = 0, end = p.count
            while start < end, isASCIISpace(p[start]) { start += 1 }
            while end > start, isASCIISpace(p[end - 1]) { end -= 1 }
            if start == 0 && end == p.count { return s }
            return String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        }
    }

    /// True when `s` holds the byte `b` (memchr: the standard library's `contains` went a byte at a time
    /// over every summary and content, several times each).
    static func contains(_ s: String, byte b: UInt8) -> Bool {
        withBytes(s) { p in
            guard let base = p.baseAddress else { return false }
            return memchr(base, Int32(b), p.count) != nil
        }
    }

    /// True when `s` contains the ASCII `needle`.
    static func contains(_ s: String, _ needle: StaticString) -> Bool {
        withBytes(s) { p -> Bool in
            let n = needle.utf8CodeUnitCount
            let q = needle.utf8Start
            guard n > 0, p.count >= n, let base = p.baseAddress else { return false }
            var i = 0
            // Candidates found by memchr on the first byte.
            while i <= p.count - n, let hit = memchr(base + i, Int32(q[0]), p.count - n + 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var k = 1
                while k < n && p[i + k] == q[k] { k += 1 }
                if k == n { return true }
                i += 1
            }
            return false
        }
    }

    /// Runs of whitespace (ASCII and no-break space) made one space; both ends trimmed.
    static func collapsed(_ s: String) -> String {
        withBytes(s) { p -> String in
            if isCollapsed(p) { return s }
            var out: [UInt8] = []
            out.reserveCapacity(p.count)
            var pending = false
            var i = 0
            while i < p.count {
                let b = p[i]
                if isASCIISpace(b) {
                    pending = !out.isEmpty
                    i += 1
                    continue
                }
                if b == 0xC2 && i + 1 < p.count && p[i + 1] == 0xA0 {
                    pending = !out.isEmpty
                    i += 2
                    continue
                }
                if pending {
                    out.append(0x20)
                    pending = false
                }
                out.append(b)
                i += 1
            }
            if out.count == p.count { return s }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// True when `collapsed` has nothing to do: no space at either end, single spaces between words, no
    /// other whitespace (0xC2 may start a no-break space: not decided here).
    private static func isCollapsed(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first, let last = p.last else { return true }
        if isASCIISpace(first) || isASCIISpace(last) { return false }
        var previousWasSpace = false
        for b in p {
            if b == 0x20 {
                if previousWasSpace { return false }
                previousWasSpace = true
            } else if b <= 0x20 || b == 0xC2 {
                return false
            } else {
                previousWasSpace = false
            }
        }
        return true
    }
}
