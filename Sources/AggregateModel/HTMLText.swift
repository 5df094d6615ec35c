import Foundation

/// Plain text out of the (already sanitized) HTML of items: summaries, reading time, image discovery.
public enum HTMLText {
    /// The text of an HTML fragment: tags removed, entities decoded, white space collapsed.
    public static func plainText(_ html: String, limit: Int = .max) -> String {
        let text = fullPlainText(html)
        return text.count > limit ? String(text.prefix(limit)) : text
    }

    private static func fullPlainText(_ html: String) -> String {
        var text = ""
        text.reserveCapacity(html.utf8.count)
        var index = html.startIndex
        while index < html.endIndex {
            let c = html[index]
            if c == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close].lowercased()
                if tag.hasPrefix("script") || tag.hasPrefix("style") {
                    // Skip the element's contents too, not only its tags.
                    let name = tag.hasPrefix("script") ? "</script" : "</style"
                    if let end = html.range(of: name, options: .caseInsensitive, range: close..<html.endIndex),
                        let endClose = html[end.upperBound...].firstIndex(of: ">") {
                        index = html.index(after: endClose)
                        text += " "
                        continue
                    }
                }
                // Block-ish tags separate words; inline ones (<b>, <a>) do not, but a space there is harmless.
                text += " "
                index = html.index(after: close)
            } else {
                text.append(c)
                index = html.index(after: index)
            }
        }
        return collapseWhitespace(decodeEntities(text))
    }

    /// Words of an HTML fragment's text: runs between white space holding a letter or digit (not a lone dash).
    public static func wordCount(_ html: String) -> Int {
        plainText(html).split(whereSeparator: { $0.isWhitespace })
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }.count
    }

    /// Decodes the character references a sanitizer leaves: named basics and numeric ones.
    public static func decodeEntities(_ string: String) -> String {
        guard string.contains("&") else { return string }
        var out = ""
        var index = string.startIndex
        while index < string.endIndex {
            let c = string[index]
            guard c == "&", let semicolon = string[index...].prefix(12).firstIndex(of: ";") else {
                out.append(c)
                index = string.index(after: index)
                continue
            }
            let name = string[string.index(after: index)..<semicolon]
            if let decoded = decode(entity: name) {
                out.unicodeScalars.append(decoded)
                index = string.index(after: semicolon)
            } else {
                out.append(c)
                index = string.index(after: index)
            }
        }
        return out
    }

    private static let named: [Substring: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "rsquo": "\u{2019}", "lsquo": "\u{2018}",
        "rdquo": "\u{201D}", "ldquo": "\u{201C}", "copy": "\u{A9}",
    ]

    private static func decode(entity name: Substring) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        }
        return named[name]
    }

    public static func collapseWhitespace(_ string: String) -> String {
        string.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The `src` of the first `<img>` of an HTML fragment, entities decoded.
    public static func firstImageSource(_ html: String) -> String? {
        var searchRange = html.startIndex..<html.endIndex
        while let open = html.range(of: "<img", options: .caseInsensitive, range: searchRange) {
            guard let close = html[open.upperBound...].firstIndex(of: ">") else { return nil }
            let tag = html[open.upperBound..<close]
            if let value = attribute("src", in: tag) { return decodeEntities(value) }
            searchRange = close..<html.endIndex
        }
        return nil
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        var rest = tag[...]
        while let found = rest.range(of: name, options: .caseInsensitive) {
            // The name must start an attribute (`data-src` is not `src`).
            let before = found.lowerBound == tag.startIndex ? " " : tag[tag.index(before: found.lowerBound)]
            var cursor = found.upperBound
            rest = tag[found.upperBound...]
            guard before.isWhitespace else { continue }
            while cursor < tag.endIndex, tag[cursor].isWhitespace { cursor = tag.index(after: cursor) }
            guard cursor < tag.endIndex, tag[cursor] == "=" else { continue }
            cursor = tag.index(after: cursor)
            while cursor < tag.endIndex, tag[cursor].isWhitespace { cursor = tag.index(after: cursor) }
            guard cursor < tag.endIndex else { return nil }
            let quote = tag[cursor]
            if quote == "\"" || quote == "'" {
                let start = tag.index(after: cursor)
                let end = tag[start...].firstIndex(of: quote) ?? tag.endIndex
                return String(tag[start..<end])
            }
            // Unquoted values end at white space (HTML: `<img src=a/b.png>` keeps its slashes).
            let end = tag[cursor...].firstIndex(where: { $0.isWhitespace }) ?? tag.endIndex
            return String(tag[cursor..<end])
        }
        return nil
    }
}
