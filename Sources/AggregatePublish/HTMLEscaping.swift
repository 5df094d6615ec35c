/// The escaping of Mustache's `{{name}}` (swift-mustache's `String.htmlEscape`), for the pages `BuiltInPages`
/// writes: `&`, `<`, `>`, `"` and `'` replaced where each is a Character of its own.
///
/// NOTE: swift-mustache compares Characters, so one of the five joined to a neighbouring scalar in a grapheme
/// cluster (`<` and a combining U+0301 after it, a prepended U+0600 before it) is left as it is. Two ASCII scalars
/// are never one Character but for CR LF, so the bytes decide wherever the five stand between ASCII bytes; a
/// string where one of them touches a non-ASCII byte is escaped by Characters, as Mustache does.
enum HTMLEscaping {
    /// `text` escaped, appended as UTF-8.
    static func appendText(_ text: String, to out: inout [UInt8]) {
        let done = text.withUTF8Bytes { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            let count = bytes.count
            let start = out.count
            var run = 0
            var i = EscapeScan.next(base, count, from: 0, EscapeScan.HTMLText.self)
            while i < count {
                if (i > 0 && base[i - 1] >= 0x80) || (i + 1 < count && base[i + 1] >= 0x80) {
                    out.removeSubrange(start...)
                    return false
                }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run)) }
                switch base[i] {
                case UInt8(ascii: "&"): out.append(literal: "&amp;")
                case UInt8(ascii: "<"): out.append(literal: "&lt;")
                case UInt8(ascii: ">"): out.append(literal: "&gt;")
                case UInt8(ascii: "\""): out.append(literal: "&quot;")
                default: out.append(literal: "&#39;")
                }
                run = i + 1
                i = EscapeScan.next(base, count, from: run, EscapeScan.HTMLText.self)
            }
            if run < count { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: count - run)) }
            return true
        }
        if !done { appendTextByCharacters(text, to: &out) }
    }

    /// `appendText` by Characters, as swift-mustache escapes: what the byte path must agree with.
    static func appendTextByCharacters(_ text: String, to out: inout [UInt8]) {
        for character in text {
            switch character {
            case "&": out.append(literal: "&amp;")
            case "<": out.append(literal: "&lt;")
            case ">": out.append(literal: "&gt;")
            case "\"": out.append(literal: "&quot;")
            case "'": out.append(literal: "&#39;")
            default: out.append(contentsOf: character.utf8)
            }
        }
    }
}
