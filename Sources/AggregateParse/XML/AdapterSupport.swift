import Foundation
internal import AggregateModel

/// What every format adapter needs: the base to resolve against, and the warning log.
final class AdapterContext {
    let warnings: WarningLog
    /// Used when the document gives no absolute base (no http(s) document URL, no xml:base): the
    /// feed's self link, then its site link.
    var fallbackBase: String? {
        didSet { fallbackWithoutFragment = fallbackBase.map { URLResolver.resolve("", against: $0) } }
    }
    /// `effectiveBase(nil)`, asked for every summary and content of a local file.
    private var fallbackWithoutFragment: String?

    init(warnings: WarningLog) { self.warnings = warnings }

    /// `base` if it is absolute, else made absolute against the fallback.
    func effectiveBase(_ base: String?) -> String? {
        if let base, URLResolver.schemeLength(base) != nil { return base }
        guard let fallbackBase else { return base }
        guard let base else { return fallbackWithoutFragment }
        return URLResolver.resolve(base, against: fallbackBase)
    }

    /// An absolute URL for a link found in the document, or nil when empty or not a web URL.
    /// NOTE: links end up in href attributes of published pages; a javascript: or data: link is dropped.
    func link(_ raw: String?, base: String?) -> String? {
        guard let raw else { return nil }
        let trimmed = ByteText.trimmed(raw)
        guard !trimmed.isEmpty else { return nil }
        let resolved = URLResolver.resolve(trimmed, against: effectiveBase(base))
        return URLResolver.isWebOrRelative(resolved) ? resolved : nil
    }

    /// A date field, with a warning when it is there but unreadable.
    func date(_ raw: String?, field: String) -> Date? {
        guard let raw else { return nil }
        let trimmed = ByteText.trimmed(raw)
        guard !trimmed.isEmpty else { return nil }
        if let date = FeedDate.parse(trimmed) { return date }
        warnings.add("unreadable date \"\(trimmed.prefix(60))\" in <\(field)>; left empty")
        return nil
    }

    /// Sanitized HTML with absolute URLs, or nil when empty.
    func html(_ raw: String?, base: String?) -> String? {
        guard let raw else { return nil }
        var source = raw
        // NOTE: some feeds escape their HTML twice (&amp;lt;p&amp;gt;): no tag survives the first decoding.
        if !ByteText.contains(source, byte: UInt8(ascii: "<")) && (ByteText.contains(source, "&lt;") || ByteText.contains(source, "&#60;")) {
            source = PlainText.decodeEntities(source)
        }
        let clean = ByteText.trimmed(HTMLSanitizer.sanitize(source, base: effectiveBase(base)))
        return clean.isEmpty ? nil : clean
    }

    /// Plain text as HTML, or nil when empty.
    func textAsHTML(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let trimmed = ByteText.trimmed(raw)
        return trimmed.isEmpty ? nil : HTMLEscaping.escape(trimmed)
    }

    /// A title: plain text, markup removed when it carries some.
    func title(_ raw: String?, isHTML: Bool) -> String? {
        guard let raw else { return nil }
        let text = isHTML || PlainText.looksLikeHTML(raw) ? PlainText.fromHTML(raw) : PlainText.collapse(raw)
        return text.isEmpty ? nil : text
    }

    /// Plain text trimmed, nil when empty.
    func text(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let t = PlainText.collapse(raw)
        return t.isEmpty ? nil : t
    }

    /// An author's name; the e-mail address only when no name is given.
    /// Handles "jane@example.org (Jane Doe)" and "Jane Doe <jane@example.org>".
    func author(_ raw: String?) -> String? {
        guard let value = text(raw) else { return nil }
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "<") }) else { return value }
        if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
            let inside = value[value.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            let outside = value[..<open].trimmingCharacters(in: .whitespaces)
            if outside.contains("@") && !inside.isEmpty { return inside }       // jane@example.org (Jane Doe)
            if inside.contains("@") && !outside.isEmpty { return outside }      // Jane Doe (jane@example.org)
        }
        if let open = value.firstIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
            let outside = value[..<open].trimmingCharacters(in: .whitespaces)
            if !outside.isEmpty { return outside.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            return String(value[value.index(after: open)..<close])
        }
        return value
    }

    /// Terms in order, trimmed, duplicates removed.
    func categories(_ raw: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(raw.count)
        // An item has a handful of categories: a linear search beats building a Set for each.
        var seen: Set<String>? = raw.count > 16 ? [] : nil
        for term in raw {
            let t = PlainText.collapse(term)
            guard !t.isEmpty else { continue }
            if seen != nil ? seen!.insert(t).inserted : !out.contains(t) { out.append(t) }
        }
        return out
    }

    func enclosures(_ raw: [RSSEnclosure]) -> [Enclosure] {
        var seen: Set<String> = []
        var out: [Enclosure] = []
        for e in raw {
            guard let url = link(e.url, base: e.base), seen.insert(url).inserted else { continue }
            let type = e.type.map(ByteText.trimmed).flatMap { $0.isEmpty ? nil : $0 }
            let length = e.length.flatMap { Int(ByteText.trimmed($0)) }.flatMap { $0 >= 0 ? $0 : nil }
            out.append(Enclosure(url: url, type: type, length: length))
        }
        return out
    }

    /// The lead image among media enclosures.
    func image(thumbnail: String?, enclosures: [RSSEnclosure], itunes: String?) -> String? {
        if let thumbnail { return link(thumbnail, base: nil) }
        for e in enclosures where e.medium == "image" || (e.type?.hasPrefix("image/") ?? false) {
            return link(e.url, base: e.base)
        }
        return itunes.flatMap { link($0, base: nil) }
    }
}
