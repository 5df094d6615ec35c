import AggregateModel
import Foundation

/// A rule of `feeds.conf` that routes or drops items by what they say.
public struct RoutingRule: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        /// `[site] exclude`: drops matching items of every source.
        case everySource
        /// A source's `exclude=` option: drops its matching items.
        case source(String)
        /// `[category SLUG] match`: adds matching items of any source to the category.
        case addTo(String)
        /// `[category SLUG] exclude`: keeps matching items out of the category.
        case keepOutOf(String)
    }

    public var scope: Scope
    /// A regular expression, matched case-insensitively.
    public var pattern: String
    /// Where the rule was written (`feeds.conf:14`), for `aggregate explain`.
    public var origin: String

    public init(scope: Scope, pattern: String, origin: String) {
        self.scope = scope
        self.pattern = pattern
        self.origin = origin
    }
}

/// Where one entry goes, and why.
public struct Routing: Sendable, Hashable {
    /// Category slugs the entry is published in; empty when it is dropped.
    public var categories: [String]
    /// One line per rule that decided something, and the source's own categories.
    public var reasons: [String]

    public var isDropped: Bool { categories.isEmpty }
}

/// The routing rules compiled once per run.
public struct Router: @unchecked Sendable {
    // NSRegularExpression is immutable and thread-safe once built.
    private let rules: [(RoutingRule, NSRegularExpression)]

    /// Compiles every rule; an invalid pattern is reported with where it was written.
    public init(rules: [RoutingRule]) throws(RoutingError) {
        var compiled: [(RoutingRule, NSRegularExpression)] = []
        for rule in rules {
            do {
                compiled.append((rule, try NSRegularExpression(pattern: rule.pattern, options: [.caseInsensitive])))
            } catch {
                throw RoutingError.invalidPattern(rule.pattern, origin: rule.origin)
            }
        }
        self.rules = compiled
    }

    /// Routes `entry` of `source` among the categories that exist (`known`).
    public func route(_ entry: Entry, source: SourceSettings, known: Set<String>) -> Routing {
        var reasons: [String] = []
        var categories = source.categories.filter(known.contains)
        if !categories.isEmpty { reasons.append("source \(source.name) feeds \(categories.joined(separator: ", "))") }
        guard !rules.isEmpty else { return Routing(categories: categories, reasons: reasons) }

        let text = Self.searchableText(entry)
        let range = NSRange(text.startIndex..., in: text)
        func matches(_ regex: NSRegularExpression) -> String? {
            regex.firstMatch(in: text, range: range).flatMap { Range($0.range, in: text) }.map { String(text[$0]) }
        }
        for (rule, regex) in rules {
            switch rule.scope {
            case .everySource:
                if let hit = matches(regex) {
                    return Routing(categories: [], reasons: reasons + ["dropped by \(rule.origin) exclude /\(rule.pattern)/ (matched \"\(hit)\")"])
                }
            case .source(let id) where id == source.id:
                if let hit = matches(regex) {
                    return Routing(categories: [], reasons: reasons + ["dropped by \(rule.origin) exclude /\(rule.pattern)/ (matched \"\(hit)\")"])
                }
            case .addTo(let slug) where known.contains(slug) && !categories.contains(slug):
                if let hit = matches(regex) {
                    categories.append(slug)
                    reasons.append("added to \(slug) by \(rule.origin) match /\(rule.pattern)/ (matched \"\(hit)\")")
                }
            default:
                break
            }
        }
        for (rule, regex) in rules {
            guard case .keepOutOf(let slug) = rule.scope, categories.contains(slug), let hit = matches(regex) else { continue }
            categories.removeAll { $0 == slug }
            reasons.append("kept out of \(slug) by \(rule.origin) exclude /\(rule.pattern)/ (matched \"\(hit)\")")
        }
        if categories.isEmpty { reasons.append("dropped: no category left") }
        return Routing(categories: categories, reasons: reasons)
    }

    /// Title, summary, content text, author and tags, one per line.
    static func searchableText(_ entry: Entry) -> String {
        var parts = [entry.title ?? "", entry.author ?? ""]
        parts.append(HTMLText.plainText(entry.summary ?? ""))
        parts.append(HTMLText.plainText(entry.content ?? ""))
        parts += entry.categories
        return parts.joined(separator: "\n")
    }
}

/// A routing rule that cannot be used.
public enum RoutingError: Error, CustomStringConvertible, Sendable {
    case invalidPattern(String, origin: String)

    public var description: String {
        switch self {
        case .invalidPattern(let pattern, let origin):
            "\(origin): invalid regular expression /\(pattern)/; write a valid pattern such as China|Beijing"
        }
    }
}
