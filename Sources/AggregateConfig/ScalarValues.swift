import Foundation

/// Integers, yes/no switches, slugs and URLs as `feeds.conf` writes them.
enum ScalarValues {
    static func integer(_ text: String, in range: ClosedRange<Int>) throws(ValueError) -> Int {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !body.isEmpty, body.count <= 12, body.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            throw ValueError("\"\(text)\" is not a whole number")
        }
        guard range.contains(number) else {
            throw ValueError("\(number) is out of range; expected \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A number from 0 to 1, such as 0.75.
    static func fraction(_ text: String) throws(ValueError) -> Double {
        guard let number = Double(text), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), (0...1).contains(number) else {
            throw ValueError("\"\(text)\" is not a number from 0 to 1, such as 0.75")
        }
        return number
    }

    static func yesNo(_ text: String) throws(ValueError) -> Bool {
        switch text {
        case "yes", "true": return true
        case "no", "false": return false
        default: throw ValueError("\"\(text)\" is not yes or no")
        }
    }

    /// File-name-safe category identifiers.
    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The slug reserved for the merged feed of every source.
    static let reservedSlug = "all"

    static func slug(_ text: String) throws(ValueError) -> String {
        guard isSlug(text) else {
            throw ValueError("\"\(text)\" is not a valid category slug; use lower-case letters a-z, digits and '-' (e.g. china, us-politics)")
        }
        guard text != reservedSlug else {
            throw ValueError("the slug \"all\" is reserved for the merged feed of every source; choose another slug")
        }
        return text
    }

    /// An absolute http(s) URL with a host; the scheme is lower-cased.
    static func webURL(_ text: String) throws(ValueError) -> String {
        guard let colon = text.firstIndex(of: ":") else {
            throw ValueError("\"\(text)\" is not an absolute URL; expected http:// or https://")
        }
        let scheme = text[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw ValueError("unsupported URL scheme \"\(text[..<colon])\" in \"\(text)\"; only http and https are allowed")
        }
        let normalized = scheme + text[colon...]
        guard normalized.hasPrefix(scheme + "://"), !text.contains(where: { $0.isWhitespace }),
              let components = URLComponents(string: normalized), let host = components.host, !host.isEmpty else {
            throw ValueError("\"\(text)\" is not a valid \(scheme) URL; expected \(scheme)://host/path")
        }
        return normalized
    }

    /// True when `text` starts with a URL scheme (`ftp:`, `file:`, `feed:`), which a path never does here.
    static func hasScheme(_ text: String) -> Bool {
        // NOTE: on Characters, 20,000 instructions for a source's path (one search for ':' over all of it).
        if let answer = ASCIIConfigLine.hasScheme(text) { return answer }
        return hasSchemeOnCharacters(text)
    }

    /// `hasScheme` on Characters: any text, and the reference its ASCII path is tested against.
    static func hasSchemeOnCharacters(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// A language tag such as `en`, `en-GB`, `zh-Hans`, `ur`.
    static func language(_ text: String) throws(ValueError) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let valid = (2...8).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard valid else { throw ValueError("\"\(text)\" is not a language tag; expected e.g. en, en-GB, zh-Hans") }
        return text
    }
}
