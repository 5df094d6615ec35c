/// Byte tests shared by the short way's scanner (`FastScanner`).
enum MarkupBytes {
    static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&"), semicolon = UInt8(ascii: ";")
    static let slash = UInt8(ascii: "/"), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), equals = UInt8(ascii: "=")

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A }
    /// Characters libxml2's HTML name reader takes after the first.
    @inline(__always) static func isNameChar(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ":") || b == UInt8(ascii: ".")
    }

    /// A C0 control other than tab and line feed (carriage returns too: libxml2 may fold them), or the
    /// start of U+FFFE/U+FFFF, which libxml2's HTML parser drops: the libxml2 path decides those.
    @inline(__always) static func isUnsafeAt(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = p[i]
        if b < 0x20 { return b != 0x09 && b != 0x0A }
        if b == 0xEF { return i + 2 < p.count && p[i + 1] == 0xBF && p[i + 2] >= 0xBE }
        return false
    }
}
