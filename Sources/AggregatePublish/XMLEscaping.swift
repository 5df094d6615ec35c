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
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            // `>` only needs escaping after `]]`, but escaping it always is simpler and still valid.
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            default:
                // NOTE: feeds carry stray control characters (form feeds, NULs from bad encoders);
                // one of them makes the whole document ill-formed, so they are dropped.
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
