/// JSON string literals written straight into a byte buffer (the parse-json form and the store's items).
public enum JSONEscaping {
    /// Appends `s` as a quoted JSON string: quote, backslash and control characters escaped, the rest as UTF-8.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        out.append(UInt8(ascii: "\""))
        s.withUTF8 { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    static func appendEscaped(_ p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = p.baseAddress else { return }
        let count = p.count
        var runStart = 0
        var i = 0
        while i < count {
            // NOTE: HTML content is most of the output and rarely needs escaping (a quote per attribute,
            // a line break here and there): eight bytes are checked at once, a byte at a time only in a
            // word that holds something to escape.
            while i + 8 <= count && !needsEscaping(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
            let stop = min(i + 8, count)
            while i < stop {
                let b = base[i]
                if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                    if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
                    runStart = i + 1
                    appendEscape(b, to: &out)
                }
                i += 1
            }
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// True when a byte of `word` is a control character, a quote or a backslash.
    @inline(__always) private static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // (x - 0x01…) & ~x & 0x80… is non-zero exactly when a byte of x is zero; with 0x20 instead of
        // 0x01, when a byte is below 0x20.
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let below = (word &- ones &* 0x20) & ~word
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        return (below | zeroQuote | zeroBackslash) & highs != 0
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
            out.append(contentsOf: "u00".utf8)
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0xF)])
        }
    }
}
