/// The keys and options `feeds.conf` knows, in the order the documentation lists them.
enum ConfigKeys {
    static let site = [
        "title", "description", "base_url", "output", "cache", "items_per_feed", "language", "ttl",
        "timeout", "connect_timeout", "max_size", "concurrency", "per_host", "allow_private_networks",
        "exclude", "dedupe_threshold", "dedupe_window", "tracking_parameters", "theme", "article_pages", "hub",
        "attribution",
    ]
    static let requiredSite = ["title", "base_url"]

    static let category = ["title", "description", "match", "exclude", "max_age", "per_source"]
    static let requiredCategory = ["title"]

    static let source = ["name", "categories", "id", "site", "feed_url", "refresh", "priority", "allow_private_networks", "exclude"]
    static let requiredSource = ["name", "categories"]

    static let sections = "[site], [category SLUG], [sources]"

    /// `unknown key "titel" in [site]; expected one of: …` plus a suggestion when one is close.
    static func unknown(_ what: String, _ name: String, in place: String, expected: [String]) -> String {
        var message = "unknown \(what) \"\(name)\" in \(place); expected one of: \(expected.joined(separator: ", "))"
        if let guess = closest(to: name, in: expected) { message += " (did you mean \"\(guess)\"?)" }
        return message
    }

    /// The candidate within two edits of `word`, if exactly one is closest.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return scored.filter({ $0.1 == best.1 }).count == 1 ? best.0 : nil
    }

    /// Edit distance where swapping two neighbours counts as one edit ("titel" is one from "title").
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
