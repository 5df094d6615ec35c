import Foundation

/// One feed found in an OPML file, with the folders it was filed under.
public struct OPMLFeed: Sendable, Hashable {
    public var title: String
    /// The feed URL (`xmlUrl`).
    public var xmlURL: String
    /// The site URL (`htmlUrl`), if given.
    public var htmlURL: String?
    /// Category titles: the innermost folder of each listing, or else the `category` attribute entries.
    public var categories: [String]
    /// Line of the first `<outline>` for this feed.
    public var line: Int

    public init(title: String, xmlURL: String, htmlURL: String? = nil, categories: [String] = [], line: Int = 0) {
        self.title = title
        self.xmlURL = xmlURL
        self.htmlURL = htmlURL
        self.categories = categories
        self.line = line
    }
}

/// Why an OPML file could not be imported.
public enum OPMLError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case notOPML(path: String)
    case malformed(path: String, line: Int, message: String)
    case noFeeds(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read the OPML file: \(reason)"
        case .notOPML(let path): return "\(path): not an OPML document (no <opml> element); export your subscriptions as OPML and try again"
        case .malformed(let path, let line, let message): return "\(path):\(line): \(message); nothing was imported"
        case .noFeeds(let path): return "\(path): no feeds found (no <outline> with an xmlUrl attribute)"
        }
    }
}

/// Turns an OPML subscription list into `feeds.conf` sections.
public enum OPMLImport {
    /// The category used for feeds that are in no folder and have no `category` attribute.
    public static let uncategorized = "uncategorized"

    /// Reads the feeds of the OPML file at `path`.
    public static func read(path: String) throws(OPMLError) -> [OPMLFeed] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "the file cannot be opened" : "no such file")
        }
        guard let text = OPMLReader.decode(data) else { throw .unreadable(path: path, reason: "the text encoding is not readable") }
        return try feeds(in: text, path: path)
    }

    /// The feeds of an OPML document, in document order; a feed listed in several folders appears once.
    public static func feeds(in text: String, path: String = "OPML") throws(OPMLError) -> [OPMLFeed] {
        let reader = OPMLReader(text)
        guard reader.sawOPMLRoot else { throw .notOPML(path: path) }
        if let damage = reader.damage { throw .malformed(path: path, line: damage.line, message: damage.message) }

        var result: [OPMLFeed] = []
        var indexByURL: [String: Int] = [:]
        // One entry per open <outline>: the folder title it adds, or nil for a feed with children.
        var stack: [String?] = []
        func add(_ element: OPMLReader.Element) -> String? {
            let attributes = element.attributes
            let title = clean(attributes["title"] ?? attributes["text"] ?? "")
            guard let xmlURL = attributes["xmlurl"].map(clean), !xmlURL.isEmpty else {
                return title.isEmpty ? nil : title
            }
            // The innermost folder names the category; the `category` attribute counts only outside folders,
            // since exports that have both (ours included) repeat the folders there.
            var categories = stack.compactMap { $0 }.suffix(1).map { $0 }
            if categories.isEmpty {
                for entry in (attributes["category"] ?? "").split(separator: ",") {
                    if let last = entry.split(separator: "/").last.map({ clean(String($0)) }), !last.isEmpty { categories.append(last) }
                }
            }
            let htmlURL = attributes["htmlurl"].map(clean).flatMap { $0.isEmpty ? nil : $0 }
            if let existing = indexByURL[xmlURL] {
                for category in categories where !result[existing].categories.contains(category) { result[existing].categories.append(category) }
                if result[existing].htmlURL == nil { result[existing].htmlURL = htmlURL }
            } else {
                var unique: [String] = []
                for category in categories where !unique.contains(category) { unique.append(category) }
                indexByURL[xmlURL] = result.count
                result.append(OPMLFeed(title: title, xmlURL: xmlURL, htmlURL: htmlURL, categories: unique, line: element.line))
            }
            return nil
        }
        for event in reader.events {
            switch event {
            case .empty(let element): _ = add(element)
            case .open(let element): stack.append(add(element))
            case .close: if !stack.isEmpty { stack.removeLast() }
            }
        }
        guard !result.isEmpty else { throw .noFeeds(path: path) }
        return result
    }

    /// `feeds.conf` text: one `[category …]` section per folder, then a `[sources]` block.
    public static func feedsConf(from feeds: [OPMLFeed], origin: String = "OPML") -> String {
        var slugByTitle: [String: String] = [:]
        var categories: [(slug: String, title: String)] = []
        func slug(for title: String) -> String {
            if let known = slugByTitle[title] { return known }
            var candidate = slugify(title)
            if candidate.isEmpty { candidate = "category-\(categories.count + 1)" }
            if candidate == "all" { candidate = "all-feeds" }
            if !categories.contains(where: { $0.slug == candidate }) { categories.append((candidate, title)) }
            slugByTitle[title] = candidate
            return candidate
        }

        var sourceLines: [String] = []
        var skipped: [String] = []
        for feed in feeds {
            guard let location = feedLocation(feed.xmlURL) else {
                skipped.append("# skipped \(ConfigQuoting.comment(feed.xmlURL)) (\(origin) line \(feed.line)): a source must be an http(s) URL")
                continue
            }
            let slugs = feed.categories.isEmpty ? [slug(for: "Uncategorized")] : feed.categories.map(slug(for:))
            var unique: [String] = []
            for s in slugs where !unique.contains(s) { unique.append(s) }
            var name = feed.title
            if name.isEmpty { name = URLComponents(string: location)?.host ?? location }
            var line = "\(location)  name=\(ConfigQuoting.quoted(name))  categories=\(unique.joined(separator: ","))"
            if let html = feed.htmlURL, let site = try? ScalarValues.webURL(html) { line += "  site=\(site)" }
            sourceLines.append(line)
        }

        var out = "# Imported from \(ConfigQuoting.comment(origin)): \(categories.count) categories, \(sourceLines.count) sources.\n"
        out += "# Add a [site] section (title, base_url) before checking this with `aggregate check`.\n\n"
        for category in categories {
            out += "[category \(category.slug)]\ntitle = \(ConfigQuoting.value(category.title))\n\n"
        }
        out += "[sources]\n"
        for line in sourceLines { out += line + "\n" }
        for line in skipped { out += line + "\n" }
        return out
    }

    /// The feed URL as a source location: `feed://` is read as `http://`; other schemes are refused.
    static func feedLocation(_ url: String) -> String? {
        var url = url
        if url.lowercased().hasPrefix("feed://") { url = "http://" + url.dropFirst(7) }
        else if url.lowercased().hasPrefix("feed:http") { url = String(url.dropFirst(5)) }
        return try? ScalarValues.webURL(url)
    }

    /// `World News & Politics` → `world-news-politics`; accents are folded (`Économie` → `economie`).
    public static func slugify(_ title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }

    /// Titles become one line of plain text.
    static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }
}
