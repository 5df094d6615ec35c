/// Splits one line of `feeds.conf` into its pieces: quoting, comments and `key=value` tokens.
///
/// A `#` starts a comment at the start of a line or after white space, outside double quotes, so
/// URLs with fragments (`https://x/#top`) survive. Inside double quotes `\"` and `\\` are escapes.
///
/// NOTE: a line of ASCII is scanned on its bytes (`ASCIIConfigLine`), any other on Characters: walking
/// Characters cost 136,000 instructions a source line (1,000 sources: 136 million before a run could fetch).
/// A line with a non-ASCII byte keeps the Character path, where a combining mark after `"` or `#` makes a
/// Character that is neither, and Unicode white space separates words.
struct ConfigLineScanner {
    /// A word of a source line, quotes removed.
    struct Token: Equatable {
        var text: String
        /// Offset (in characters of `text`) of the first `=` written outside quotes, if any.
        var equalsOffset: Int?
        /// True when part of the token was written in double quotes.
        var wasQuoted: Bool
    }

    enum ScanError: Error, Equatable {
        case unterminatedQuote
        case badEscape(Character)
        case textAfterQuotedValue
    }

    /// The lines of a file, split at "\n", "\r\n" and "\r", empty ones kept.
    /// Split on bytes: a line break is always a Character of its own ("\r\n" one Character), so the lines are
    /// those a Character-wise split gives, without the 28 million instructions it took over 1,000 sources.
    static func lines(_ text: Substring) -> [Substring] {
        let utf8 = text.utf8
        let breaks: [(start: Int, end: Int)]? = utf8.withContiguousStorageIfAvailable { bytes in
            var breaks: [(start: Int, end: Int)] = []
            var offset = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                guard byte == 0x0A || byte == 0x0D else {
                    offset += 1
                    continue
                }
                let length = byte == 0x0D && offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? 2 : 1
                breaks.append((offset, offset + length))
                offset += length
            }
            return breaks
        }
        guard let breaks else {
            return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for (breakStart, breakEnd) in breaks {
            lines.append(text[start..<utf8.index(utf8.startIndex, offsetBy: breakStart)])
            start = utf8.index(utf8.startIndex, offsetBy: breakEnd)
        }
        lines.append(text[start...])
        return lines
    }

    /// The pieces of a value between commas, empty ones kept (`a,,b`).
    static func commaSeparated(_ value: String) -> [String] {
        if let pieces = ASCIIConfigLine.commaSeparated(value) { return pieces }
        return value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// The line without its comment and surrounding white space.
    static func stripComment(_ line: Substring) -> Substring {
        if let stripped = ASCIIConfigLine.stripComment(line) { return stripped }
        return stripCommentOnCharacters(line)
    }

    /// The white-space-separated words of a line (comment already stripped).
    static func tokens(_ line: Substring) throws(ScanError) -> [Token] {
        if let tokens = try ASCIIConfigLine.tokens(line) { return tokens }
        return try tokensOnCharacters(line)
    }

    /// `stripComment` on Characters: any line, and the reference its ASCII path is tested against.
    static func stripCommentOnCharacters(_ line: Substring) -> Substring {
        var inQuotes = false
        var escaped = false
        var previous: Character? = nil
        for index in line.indices {
            let c = line[index]
            if inQuotes {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inQuotes = false }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "#", previous == nil || previous!.isWhitespace {
                return trimmed(line[..<index])
            }
            previous = c
        }
        return trimmed(line)
    }

    /// `tokens` on Characters: any line, and the reference its ASCII path is tested against.
    static func tokensOnCharacters(_ line: Substring) throws(ScanError) -> [Token] {
        var result: [Token] = []
        var current: Token? = nil
        var inQuotes = false
        var escaped = false
        for c in line {
            if inQuotes {
                if escaped {
                    guard c == "\"" || c == "\\" else { throw .badEscape(c) }
                    current!.text.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inQuotes = false
                } else {
                    current!.text.append(c)
                }
                continue
            }
            if c.isWhitespace {
                if let token = current { result.append(token) }
                current = nil
                continue
            }
            if current == nil { current = Token(text: "", equalsOffset: nil, wasQuoted: false) }
            if c == "\"" {
                inQuotes = true
                current!.wasQuoted = true
            } else {
                if c == "=", current!.equalsOffset == nil { current!.equalsOffset = current!.text.count }
                current!.text.append(c)
            }
        }
        if inQuotes { throw .unterminatedQuote }
        if let token = current { result.append(token) }
        return result
    }

    /// The value of a `key = value` line: either bare text (inner spaces kept) or one quoted string.
    static func value(_ raw: Substring) throws(ScanError) -> String {
        let text = trimmed(raw)
        guard text.first == "\"" else { return String(text) }
        var result = ""
        var escaped = false
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if escaped {
                guard c == "\"" || c == "\\" else { throw .badEscape(c) }
                result.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                guard text.index(after: index) == text.endIndex else { throw .textAfterQuotedValue }
                return result
            } else {
                result.append(c)
            }
            index = text.index(after: index)
        }
        throw .unterminatedQuote
    }

    static func trimmed(_ s: Substring) -> Substring {
        var start = s.startIndex
        var end = s.endIndex
        while start < end, s[start].isWhitespace { start = s.index(after: start) }
        while end > start, s[s.index(before: end)].isWhitespace { end = s.index(before: end) }
        return s[start..<end]
    }
}

extension ConfigLineScanner.ScanError {
    var message: String {
        switch self {
        case .unterminatedQuote: return "unterminated double quote; close it with \" (write \\\" for a quote inside)"
        case .badEscape(let c): return "unknown escape \\\(c) in a quoted value; only \\\" and \\\\ are allowed"
        case .textAfterQuotedValue: return "text after the closing quote; quote the whole value or use no quotes"
        }
    }
}
