import AggregateConfig
import AggregateCore
import AggregateParse
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// The README's main job: `aggregate run` on the shipped feeds.conf and seeds/, into a temporary folder.
@Suite(.serialized) struct ShippedConfigTests {
    /// A copy of the shipped configuration whose seeds/ is the package's own.
    func prepare() throws -> URL {
        let folder = try TestPaths.temporaryDirectory("aggregate-shipped")
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("feeds.conf"), to: folder.appendingPathComponent("feeds.conf"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("seeds"), withDestinationURL: TestPaths.seeds)
        return folder
    }

    @Test func runWritesEveryOutputValidForFeedparserAndAgainByteIdentical() throws {
        let folder = try prepare()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = try TestPaths.aggregateBinary()
        let configPath = folder.appendingPathComponent("feeds.conf").path
        let configuration = try ConfigLoader.load(path: configPath)
        #expect(configuration.sources.count >= 10)

        let first = try ProgramRun(binary, ["run", "--config", configPath])
        #expect(first.status == 0, "stderr: \(first.standardError)")
        #expect(first.standardError.isEmpty, "a successful run is silent: \(first.standardError)")

        let output = URL(fileURLWithPath: configuration.site.outputDirectory)
        let tree = try OutputTree(output)
        var expected = ["index.html", "sources.opml", "all.xml", "all.atom", "all.json", "all.html"]
        for category in configuration.categories {
            expected += ["xml", "atom", "json", "html"].map { "\(category.slug).\($0)" }
        }
        for name in expected { #expect(tree.files[name] != nil, "missing \(name)") }

        // Every category got items from its seeds, and feedparser reads each feed as the store holds it.
        let store = try Store(path: configuration.site.cacheDirectory + "/" + Pipeline.CacheFile.store)
        let counts = try store.itemCountsByCategory()
        let limit = configuration.site.itemsPerFeed
        let feeds = expected.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".atom") }
        let verdicts = try FeedparserCheck.check(feeds.map { output.appendingPathComponent($0).path })
        for name in feeds {
            let slug = String(name.split(separator: ".")[0])
            let verdict = try #require(verdicts[output.appendingPathComponent(name).path])
            #expect(verdict.bozo == 0, "\(name): \(verdict.error ?? "")")
            let held = slug == "all" ? try store.latestItems(category: nil, limit: limit).count : min(counts[slug] ?? 0, limit)
            #expect(verdict.entries == held, "\(name)")
            if slug != "all" { #expect(held > 0, "category \(slug) is empty") }
        }

        // Every JSON Feed follows the 1.1 rules: version, title, items with an id and content, RFC 3339 dates.
        for name in expected where name.hasSuffix(".json") {
            let object = try JSONSerialization.jsonObject(with: tree.files[name]?.bytes ?? Data()) as? [String: Any]
            #expect(object?["version"] as? String == "https://jsonfeed.org/version/1.1", "\(name)")
            #expect((object?["title"] as? String)?.isEmpty == false, "\(name)")
            #expect((object?["feed_url"] as? String)?.hasPrefix(configuration.site.baseURL) == true, "\(name)")
            for item in (object?["items"] as? [[String: Any]]) ?? [] {
                #expect((item["id"] as? String)?.isEmpty == false, "\(name)")
                #expect(item["content_html"] is String || item["content_text"] is String, "\(name)")
                for key in ["date_published", "date_modified"] {
                    if let date = item[key] as? String { #expect(ISO8601DateFormatter().date(from: date) != nil, "\(name): \(date)") }
                }
                #expect((item["_source"] as? [String: Any])?["name"] is String, "\(name)")
            }
        }

        // Provenance in every RSS item: <source url> and the visible Source link.
        let rss = try #require(tree.text("all.xml"))
        let parsed = try FeedParser.parse(Array(rss.utf8), url: configuration.site.baseURL + "all.xml").feed
        #expect(!parsed.entries.isEmpty)
        for entry in parsed.entries {
            #expect(entry.source?.url?.hasPrefix("http") == true, "\(entry.title ?? "")")
            #expect((entry.content ?? entry.summary ?? "").contains("Source link"), "\(entry.title ?? "")")
        }

        // The front page and a category page in a real browser: no console errors, the expected headlines.
        for page in ["index.html", "china.html"] {
            let browser = try HeadlessBrowser(loading: output.appendingPathComponent(page))
            #expect(browser.consoleMessages.isEmpty, "\(page): \(browser.consoleMessages)")
            let slug = page == "index.html" ? nil : "china"
            let titles = try store.latestItems(category: slug, limit: 5).map(\.title)
            #expect(!titles.isEmpty)
            for title in titles {
                let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                #expect(browser.dom.contains(escaped), "\(page) shows \(title)")
            }
        }

        // Nothing changed: the second run leaves every byte and every modification time as it was.
        let second = try ProgramRun(binary, ["run", "--config", configPath])
        #expect(second.status == 0, "stderr: \(second.standardError)")
        #expect(try OutputTree(output) == tree)
        #expect(try store.integrityProblem() == nil)
    }

    @Test func checkAcceptsTheShippedConfiguration() throws {
        let folder = try prepare()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try ProgramRun(try TestPaths.aggregateBinary(), ["check", "--config", folder.appendingPathComponent("feeds.conf").path])
        #expect(run.status == 0, "\(run.standardError)")
    }
}
