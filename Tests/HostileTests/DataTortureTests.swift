import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// Floods of one guid, invalid UTF-8, control characters, pathological dates and mis-declared encodings:
/// the run finishes and every output stays valid UTF-8 and valid XML/JSON.
@Suite struct DataTortureTests {
    @Test func oneGuidFloodIsOneItem() throws {
        let workspace = try Workspace("guid-flood")
        defer { workspace.remove() }
        var items = ""
        for n in 0..<2000 {
            items += "<item><title>Same guid, version \(n)</title><link>https://flood.example.com/same</link><guid>same-guid</guid><pubDate>20 Nov 2026 10:00:00 +0000</pubDate><description>v\(n)</description></item>\n"
        }
        try workspace.write(Array(FeedText.rss(items: items + FeedText.item(1, host: "other.example.com")).utf8), to: "flood.xml")
        try workspace.writeConfig(categories: ["world"], sources: ["flood.xml  name=\"Flood\"  categories=world"])
        let run = try workspace.run()
        #expect(run.finished)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try OutputValidation.problems(in: workspace.output).isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.output.appendingPathComponent("world.json"))) as? [String: Any]
        let published = json?["items"] as? [[String: Any]] ?? []
        #expect(published.count == 2, "\(published.map { $0["title"] ?? "" })")
    }

    /// Bytes that are not UTF-8, and characters XML 1.0 forbids, in a document that says it is UTF-8.
    static func brokenBytes() -> [UInt8] {
        let bad: [[UInt8]] = [
            [0xFF, 0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80],
            [0x01, 0x08, 0x0B, 0x0C, 0x1F], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF], [0xC2, 0x85], [0x00],
        ]
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Broken ".utf8) + [0xFF]
        bytes += Array("</title><link>https://broken.example.com/</link>".utf8)
        for (n, sequence) in bad.enumerated() {
            bytes += Array("<item><title>Broken \(n) ".utf8) + sequence + Array(" end</title><link>https://broken.example.com/\(n)</link><guid>b\(n)</guid>".utf8)
            bytes += Array("<pubDate>20 Nov 2026 10:00:00 +0000</pubDate><author>a".utf8) + sequence + Array("@example.com (Name".utf8) + sequence + Array(")</author>".utf8)
            bytes += Array("<category>c".utf8) + sequence + Array("</category>".utf8)
            bytes += Array("<description>&lt;p title=\"".utf8) + sequence + Array("\"&gt;text ".utf8) + sequence + Array(" &amp;#1; &amp;#xFFFE; &amp;#0;&lt;/p&gt;</description></item>".utf8)
        }
        bytes += Array("</channel></rss>".utf8)
        return bytes
    }

    static let pathologicalDates = [
        "Sat, 01 Jan 0000 00:00:00 +0000", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "Fri, 31 Dec 99999 23:59:59 +0000", "+275760-09-13T00:00:00Z", "-0001-01-01T00:00:00Z", "20 Nov 2026 10:00:00 -2359",
        "20 Nov 2026 10:00:00 +9999", "2026-11-20T10:00:00-23:59", "2026-11-20T10:00:00+99:99", "2026-13-45T25:61:61Z",
        "Thu, 01 Jan 1970 00:00:00 -0000", "1969-12-31T23:59:59Z", "99999999999999999999", "-1", "2026-11-20T10:00:00.99999999999999999999Z",
        "Mon, 20 Nov 2026 10:00:00 GMT+25", "0", "",
    ]

    static func pathologicalDatesFeed() -> [UInt8] {
        var items = ""
        for (n, date) in pathologicalDates.enumerated() {
            items += "<item><title>Date \(n)</title><link>https://dates.example.com/\(n)</link><guid>d\(n)</guid><pubDate>\(date)</pubDate><dc:date>\(date)</dc:date></item>\n"
        }
        return Array(FeedText.rss(items: items).replacingOccurrences(of: "<rss version=\"2.0\">", with: "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">").utf8)
    }

    static func pathologicalDatesAtom() -> [UInt8] {
        var entries = ""
        for (n, date) in pathologicalDates.enumerated() {
            entries += "<entry><title>Atom date \(n)</title><link href=\"https://adates.example.com/\(n)\"/><id>urn:d:\(n)</id><updated>\(date)</updated><published>\(date)</published></entry>\n"
        }
        return Array("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Dates</title><id>urn:d</id><updated>9999-12-31T23:59:59Z</updated>\(entries)</feed>".utf8)
    }

    /// Documents whose declared encoding is not what their bytes are.
    static func misdeclared() -> [(name: String, bytes: [UInt8])] {
        let utf8Text = "Ünïcödé – 新华网 – اردو"
        // (Each has its own title and link: the same headline or link from two sources would be one story.)
        func rss(_ name: String, _ declaration: String, _ title: [UInt8]) -> [UInt8] {
            Array("<?xml version=\"1.0\" encoding=\"\(declaration)\"?><rss version=\"2.0\"><channel><title>Enc</title><link>https://enc.example.com/</link><item><title>\(name) says \(declaration) ".utf8)
                + title + Array("</title><link>https://enc.example.com/\(name)</link><guid>enc-\(name)</guid><pubDate>20 Nov 2026 10:00:00 +0000</pubDate></item></channel></rss>".utf8)
        }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>LE</title><item><title>UTF-16 \(utf8Text)</title><link>https://enc.example.com/le</link><guid>le</guid></item></channel></rss>".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return [
            ("latin1-says-utf8", rss("latin1-says-utf8", "UTF-8", [0x43, 0x61, 0x66, 0xE9, 0x20, 0xFC, 0x62, 0x65, 0x72])),
            ("utf8-says-latin1", rss("utf8-says-latin1", "ISO-8859-1", Array(utf8Text.utf8))),
            ("utf8-says-utf16", rss("utf8-says-utf16", "UTF-16", Array(utf8Text.utf8))),
            ("utf8-says-unknown", rss("utf8-says-unknown", "x-no-such-charset", Array(utf8Text.utf8))),
            ("utf8-says-ebcdic", rss("utf8-says-ebcdic", "EBCDIC-US", Array(utf8Text.utf8))),
            ("cp1252-says-koi8", rss("cp1252-says-koi8", "KOI8-R", [0x93, 0x71, 0x94, 0x20, 0x80, 0x99])),
            ("utf16le-bom-says-utf8", utf16),
            ("gb2312-bytes-says-utf8", rss("gb2312-bytes-says-utf8", "UTF-8", [0xD0, 0xC2, 0xBB, 0xAA, 0xCD, 0xF8])),
        ]
    }

    @Test func brokenBytesDatesAndEncodingsGiveValidOutputs() throws {
        let workspace = try Workspace("data")
        defer { workspace.remove() }
        try workspace.write(Self.brokenBytes(), to: "broken.xml")
        try workspace.write(Self.pathologicalDatesFeed(), to: "dates.xml")
        try workspace.write(Self.pathologicalDatesAtom(), to: "dates.atom")
        var sources = [
            "broken.xml  name=\"Broken\"  categories=world",
            "dates.xml  name=\"Dates\"  categories=world",
            "dates.atom  name=\"Atom Dates\"  categories=world",
        ]
        for (name, bytes) in Self.misdeclared() {
            try workspace.write(bytes, to: "\(name).xml")
            sources.append("\(name).xml  name=\"\(name)\"  categories=world")
        }
        try workspace.writeConfig(categories: ["world"], sources: sources)
        let run = try workspace.run()
        #expect(run.finished)
        // EBCDIC over UTF-8 bytes reads as nothing at all: that source fails, named, and the rest goes on.
        #expect(run.status == 1, "\(run.standardError)")
        let failed = run.standardError.split(separator: "\n").filter { $0.hasPrefix("aggregate: FAIL ") }
        #expect(failed.count == 1 && failed.first?.contains("utf8-says-ebcdic") == true, "\(failed)")
        // One "parse:" prefix, then the location, then the reason.
        #expect(failed.first?.components(separatedBy: "parse: ").count == 2, "\(failed)")
        let problems = try OutputValidation.problems(in: workspace.output)
        #expect(problems.isEmpty, "\(problems.prefix(20))")

        // Every item is there, whatever its bytes or dates.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.output.appendingPathComponent("world.json"))) as? [String: Any]
        let items = json?["items"] as? [[String: Any]] ?? []
        let expected = 11 + 2 * Self.pathologicalDates.count + Self.misdeclared().count - 1
        #expect(items.count == expected, "\(items.count) of \(expected): \(items.compactMap { $0["title"] as? String }.sorted())")
        // Dates in the outputs are well formed: RFC 3339 with a four-digit year.
        let atom = try String(contentsOf: workspace.output.appendingPathComponent("world.atom"), encoding: .utf8)
        let rfc3339 = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$"#)
        for match in atom.matches(of: try Regex(#"<(updated|published)>([^<]*)</"#)) {
            let value = String(match.output[2].substring ?? "")
            #expect(value.wholeMatch(of: rfc3339) != nil, "Atom date \(value)")
        }
        for item in items {
            for key in ["date_published", "date_modified"] {
                guard let value = item[key] as? String else { continue }
                #expect(value.wholeMatch(of: rfc3339) != nil, "JSON \(key) \(value)")
            }
        }
        let rss = try String(contentsOf: workspace.output.appendingPathComponent("world.xml"), encoding: .utf8)
        let rfc822 = try Regex(#"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d ([+-]\d{4}|GMT|UT|Z)$"#)
        for match in rss.matches(of: try Regex(#"<(pubDate|lastBuildDate)>([^<]*)</"#)) {
            let value = String(match.output[2].substring ?? "")
            #expect(value.wholeMatch(of: rfc822) != nil, "RSS date \(value)")
        }
    }
}
