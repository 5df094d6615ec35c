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

    /// The index of the first byte from `start` on that a JSON string cannot hold as it is (a control character,
    /// a quote or a backslash), or `count`: where a string being read stops being plain text.
    public static func firstSpecialByte(_ base: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
        nextEscape(base, count, from: start)
    }

    static func appendEscaped(_ p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = p.baseAddress else { return }
        let count = p.count
        var runStart = 0
        var i = nextEscape(base, count, from: 0)
        while i < count {
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            appendEscape(base[i], to: &out)
            runStart = i + 1
            i = nextEscape(base, count, from: runStart)
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// The index of the first byte from `start` on that must be escaped (a control character, a quote or a
    /// backslash), or `count`.
    /// NOTE: HTML content is most of the output and rarely needs escaping (a quote per attribute, a line
    /// break here and there): 16 bytes are checked at once (SSE2 on x86-64), the first flagged one found
    /// from the mask; the last few bytes one by one.
    @inline(__always)
    private static func nextEscape(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int {
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\"")), backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let space = SIMD16<UInt8>(repeating: 0x20)
        var i = start
        while i + 16 <= count {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let flagged = (v .== quote) .| (v .== backslash) .| (v .< space)
            if any(flagged) {
                let marks = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0x80, where: flagged), to: (UInt64, UInt64).self)
                let low = UInt64(littleEndian: marks.0)
                return i + (low != 0 ? low.trailingZeroBitCount >> 3 : 8 + UInt64(littleEndian: marks.1).trailingZeroBitCount >> 3)
            }
            i += 16
        }
        while i < count {
            let b = base[i]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return i }
            i += 1
        }
        return count
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
