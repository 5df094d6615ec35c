/// Escaping for XML 1.0 text and attribute values, shared by every feed writer.
enum XMLEscaping {
    /// Character data: `&`, `<`, `>` escaped; characters XML 1.0 forbids are dropped.
    static func text(_ string: String) -> String {
        var out: [UInt8] = []
        appendText(string, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A double-quoted attribute value: also `"` and the white space that attribute normalisation would eat.
    static func attribute(_ string: String) -> String {
        var out: [UInt8] = []
        appendAttribute(string, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text(string)`, appended as UTF-8.
    static func appendText(_ string: String, to out: inout [UInt8]) {
        string.withUTF8Bytes { append($0, EscapeScan.XMLText.self, to: &out) }
    }

    /// `attribute(string)`, appended as UTF-8.
    static func appendAttribute(_ string: String, to out: inout [UInt8]) {
        string.withUTF8Bytes { append($0, EscapeScan.XMLAttribute.self, to: &out) }
    }

    /// `string` without the scalars XML 1.0 forbids: itself when it has none, as its bytes tell.
    /// NOTE: filtering every title by scalars cost 26,000 instructions a title; the forbidden ones are rare.
    static func allowedScalars(_ string: String) -> String {
        let clean = string.withUTF8Bytes { bytes in
            // Control characters but tab, LF and CR; EF BF BE and EF BF BF (U+FFFE, U+FFFF).
            !bytes.indices.contains { i in
                let byte = bytes[i]
                if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
                return byte == 0xEF && i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF)
            }
        }
        return clean ? string : allowedScalarsByScalars(string)
    }

    /// `allowedScalars` scalar by scalar: what the byte check must agree with.
    static func allowedScalarsByScalars(_ string: String) -> String {
        String(String.UnicodeScalarView(string.unicodeScalars.filter(isAllowed)))
    }

    /// True for the scalars an XML 1.0 document may contain (production `Char`).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Byte-wise over UTF-8: all the characters to replace are ASCII, and so are the lead bytes of those to drop.
    /// Runs that need nothing are copied whole: bodies are most of a feed.
    private static func append<F: EscapeScan.Flags>(_ bytes: UnsafeBufferPointer<UInt8>, _ flags: F.Type, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let attribute = F.self == EscapeScan.XMLAttribute.self
        let count = bytes.count
        var run = 0
        var i = EscapeScan.next(base, count, from: 0, flags)
        while i < count {
            if run < i { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run)) }
            let byte = base[i]
            switch byte {
            case UInt8(ascii: "&"): out.append(literal: "&amp;")
            case UInt8(ascii: "<"): out.append(literal: "&lt;")
            // `>` only needs escaping after `]]`, but escaping it always is simpler and still valid.
            case UInt8(ascii: ">"): out.append(literal: "&gt;")
            case UInt8(ascii: "\""): if attribute { out.append(literal: "&quot;") } else { out.append(byte) }
            case 0x09: if attribute { out.append(literal: "&#9;") } else { out.append(byte) }
            case 0x0A: if attribute { out.append(literal: "&#10;") } else { out.append(byte) }
            case 0x0D: out.append(literal: "&#13;")
            // NOTE: feeds carry stray control characters (form feeds, NULs from bad encoders);
            // one of them makes the whole document ill-formed, so they are dropped.
            case 0x00..<0x20: break
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
            case 0xEF where i + 2 < count && base[i + 1] == 0xBF && (base[i + 2] == 0xBE || base[i + 2] == 0xBF):
                i += 2
            default: out.append(byte)
            }
            run = i + 1
            i = EscapeScan.next(base, count, from: run, flags)
        }
        if run < count { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: count - run)) }
    }
}

extension String {
    /// Calls `body` with the UTF-8 bytes: those of a native string without a copy.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
