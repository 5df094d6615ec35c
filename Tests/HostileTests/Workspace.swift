import AggregateTestSupport
import Foundation

/// A temporary folder holding a feeds.conf, its cache and output folders, and the feeds it reads.
struct Workspace {
    let folder: URL

    init(_ prefix: String) throws {
        folder = try TestPaths.temporaryDirectory("aggregate-hostile-\(prefix)")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    var output: URL { folder.appendingPathComponent("public") }
    var cache: URL { folder.appendingPathComponent("cache") }
    var configPath: String { folder.appendingPathComponent("feeds.conf").path }
    var storePath: String { cache.appendingPathComponent("aggregate.sqlite").path }

    /// Writes feeds.conf: a [site] with short limits, the categories, then one line per source.
    /// `site` lines are added to (and may repeat keys of) the defaults.
    func writeConfig(categories: [String], sources: [String], site: [String] = []) throws {
        var lines = [
            "[site]", "title = Hostile Desk", "base_url = https://desk.example.org/", "output = public", "cache = cache",
            "items_per_feed = 200", "timeout = 3s", "connect_timeout = 2s", "max_size = 1MiB",
        ]
        let overridden = Set(site.compactMap { $0.split(separator: "=").first?.trimmingCharacters(in: .whitespaces) })
        lines.removeAll { line in overridden.contains(line.split(separator: "=").first?.trimmingCharacters(in: .whitespaces) ?? "") }
        lines += site
        for slug in categories { lines += ["", "[category \(slug)]", "title = \(slug.capitalized) news"] }
        lines += ["", "[sources]"] + sources
        try (lines.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: false, encoding: .utf8)
    }

    /// Writes `bytes` as a file of the workspace; returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// `aggregate run` on this workspace's feeds.conf, to its end.
    func run(_ extra: [String] = [], limit: TimeInterval = 90) throws -> ProgramRun {
        try ProgramRun(try TestPaths.aggregateBinary(), ["run", "--config", configPath] + extra, limit: limit)
    }

    /// Every output file's bytes by relative path.
    func outputFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let manager = FileManager.default
        guard manager.fileExists(atPath: output.path) else { return [:] }
        for name in try manager.subpathsOfDirectory(atPath: output.path) {
            var isDirectory: ObjCBool = false
            let path = output.appendingPathComponent(name).path
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return files
    }
}

/// Feed documents made at run time.
enum FeedText {
    /// An RSS 2.0 channel around `items` (already XML).
    static func rss(title: String = "Wire", link: String = "https://wire.example.com/", items: String, prolog: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(prolog)<rss version="2.0"><channel><title>\(title)</title><link>\(link)</link><description>News</description>
        \(items)
        </channel></rss>
        """
    }

    /// One RSS item with a guid, a link under `host` and a fixed date `day` of November 2026.
    static func item(_ n: Int, host: String = "wire.example.com", title: String? = nil, day: Int = 20, description: String = "Plain text.") -> String {
        let hour = n % 24
        return """
            <item><title>\(title ?? "Story number \(n) from \(host)")</title><link>https://\(host)/story/\(n)</link>\
            <guid>https://\(host)/story/\(n)</guid>\
            <pubDate>\(String(format: "%02d", day)) Nov 2026 \(String(format: "%02d", hour)):00:00 +0000</pubDate>\
            <description>\(description)</description></item>
            """
    }
}
