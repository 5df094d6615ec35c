/// Splits one line of `feeds.conf` into its pieces: quoting, comments and `key=value` tokens.
///
/// A `#` starts a comment at the start of a line or after white space, outside double quotes, so
/// URLs with fragments (`https://x/#top`) survive. Inside double quotes `\"` and `\\` are escapes.
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

    /// The line without its comment and surrounding white space.
    static func stripComment(_ line: Substring) -> Substring {
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

    /// The white-space-separated words of a line (comment already stripped).
    static func tokens(_ line: Substring) throws(ScanError) -> [Token] {
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
