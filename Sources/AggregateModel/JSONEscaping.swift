/// JSON string literals written straight into a byte buffer (the parse-json form and the store's items).
public enum JSONEscaping {
    /// Appends `s` as a quoted JSON string: quote, backslash and control characters escaped, the rest as UTF-8.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Native Strings lend their bytes without a copy of the String (withUTF8 wants it mutable).
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            var copy = s
            copy.withUTF8 { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendEscaped(_ p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = p.baseAddress else { return }
        let count = p.count
        var runStart = 0
        var i = 0
        // NOTE: HTML content is most of the output and rarely needs escaping (a quote per attribute,
        // a line break here and there): 16 bytes are checked at once (SSE2 on x86-64), then eight, and
        // the lowest flagged byte is the first to escape.
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\"")), backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let space = SIMD16<UInt8>(repeating: 0x20)
        while i + 16 <= count {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let flagged = (v .== quote) .| (v .== backslash) .| (v .< space)
            guard any(flagged) else {
                i += 16
                continue
            }
            let marks = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0x80, where: flagged), to: (UInt64, UInt64).self)
            let low = UInt64(littleEndian: marks.0)
            i += low != 0 ? low.trailingZeroBitCount >> 3 : 8 + UInt64(littleEndian: marks.1).trailingZeroBitCount >> 3
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            appendEscape(base[i], to: &out)
            i += 1
            runStart = i
        }
        while i + 8 <= count {
            let flags = escapeFlags(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            if flags == 0 {
                i += 8
                continue
            }
            i += flags.trailingZeroBitCount >> 3
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            appendEscape(base[i], to: &out)
            i += 1
            runStart = i
        }
        while i < count {
            let b = base[i]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
                appendEscape(b, to: &out)
                runStart = i + 1
            }
            i += 1
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// The high bit set in each byte of `word` (little-endian) that is a control character, a quote or a
    /// backslash, and possibly in bytes after such a one (a borrow runs on), never before the first.
    @inline(__always) private static func escapeFlags(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // (x - 0x01…) & ~x & 0x80… flags the zero bytes of x; with 0x20 instead of 0x01, the bytes below 0x20.
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let below = (word &- ones &* 0x20) & ~word
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        return (below | zeroQuote | zeroBackslash) & highs
    }

    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(literal: "u00")
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0xF)])
        }
    }
}
