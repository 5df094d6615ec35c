/// Escaping for XML 1.0 text and attribute values, shared by every feed writer.
enum XMLEscaping {
    /// Character data: `&`, `<`, `>` escaped; characters XML 1.0 forbids are dropped.
    static func text(_ string: String) -> String {
        escape(string, attribute: false)
    }

    /// A double-quoted attribute value: also `"` and the white space that attribute normalisation would eat.
    static func attribute(_ string: String) -> String {
        escape(string, attribute: true)
    }

    /// True for the scalars an XML 1.0 document may contain (production `Char`).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func escape(_ string: String, attribute: Bool) -> String {
        // Byte-wise over UTF-8: all the characters to replace are ASCII, and so are the lead bytes of those to drop.
        let utf8 = string.utf8
        if !utf8.contains(where: { needsWork($0, attribute: attribute) }) { return string }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + utf8.count / 8)
        let bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            // `>` only needs escaping after `]]`, but escaping it always is simpler and still valid.
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): if attribute { out += Array("&quot;".utf8) } else { out.append(byte) }
            case 0x09: if attribute { out += Array("&#9;".utf8) } else { out.append(byte) }
            case 0x0A: if attribute { out += Array("&#10;".utf8) } else { out.append(byte) }
            case 0x0D: out += Array("&#13;".utf8)
            // NOTE: feeds carry stray control characters (form feeds, NULs from bad encoders);
            // one of them makes the whole document ill-formed, so they are dropped.
            case 0x00..<0x20: break
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                i += 2
            default: out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsWork(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D, 0xEF: return true
        case UInt8(ascii: "\""), 0x09, 0x0A: return attribute
        case 0x00..<0x20: return true
        default: return false
        }
    }
}
