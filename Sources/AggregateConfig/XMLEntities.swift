import AggregateModel

/// Decoding and escaping of XML character data, for the hand-written OPML reader and writer.
enum XMLEntities {
    /// Replaces the five predefined entities and numeric character references; anything else stays as written.
    static func decode(_ text: Substring) -> String {
        // NOTE: OPML files from feed readers often carry a bare '&' in titles; it stays as text.
        CharacterReferences.decode(text) { entity($0).map(String.init) }
    }

    private static func entity(_ name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value else { return nil }
            // Out-of-range and surrogate references become U+FFFD rather than failing the whole file.
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return Character(scalar)
        }
    }

    /// Text safe inside a double-quoted XML attribute; characters XML 1.0 forbids are dropped.
    static func escapeAttribute(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default:
                if isAllowedInXML(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Text safe as XML element content.
    static func escapeText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default:
                if isAllowedInXML(scalar) || scalar == "\n" || scalar == "\t" { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    private static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
