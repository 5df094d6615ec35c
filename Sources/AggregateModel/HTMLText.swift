/// The readable text of an HTML fragment that the parser has already sanitized.
public enum HTMLText {
    /// Tags dropped, the common entities decoded, whitespace collapsed; stops after `limit` characters.
    public static func plainText(_ html: String, limit: Int = .max) -> String {
        var out = ""
        var inTag = false
        var pendingSpace = false
        var count = 0
        var entity: String?
        for character in html {
            if count >= limit { break }
            if inTag {
                if character == ">" { inTag = false; pendingSpace = true }
                continue
            }
            if var name = entity {
                if character == ";" {
                    entity = nil
                    append(decode(name) ?? "&\(name);")
                } else if name.count < 10, character.isLetter || character.isNumber || character == "#" {
                    name.append(character)
                    entity = name
                } else {
                    entity = nil
                    append("&" + name)
                    append(String(character))
                }
                continue
            }
            switch character {
            case "<": inTag = true
            case "&": entity = ""
            default: append(String(character))
            }
        }
        return out

        func append(_ text: String) {
            for character in text {
                if character.isWhitespace {
                    pendingSpace = true
                } else {
                    if pendingSpace && !out.isEmpty { out.append(" ") }
                    pendingSpace = false
                    out.append(character)
                    count += 1
                }
            }
        }
    }

    private static func decode(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        default:
            let digits = name.dropFirst()
            guard name.hasPrefix("#") else { return nil }
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// Words in the text, for reading-time estimates.
    public static func wordCount(_ html: String) -> Int {
        plainText(html).split(whereSeparator: \.isWhitespace).count
    }
}
