import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// The XML bombs through `aggregate run`, beside a good source: the run ends, the good items are all
/// published, each hostile document is read within bounds and what was cut is in the run report.
@Suite struct XMLBombRunTests {
    @Test func bombsBesideAGoodSourceEndAndTheGoodItemsArePublished() throws {
        let workspace = try Workspace("bombs")
        defer { workspace.remove() }
        let probe = try TestHTTPServer { _ in .ok("<p>LEAKED</p>") }
        defer { probe.stop() }
        let (secretPath, secret) = try XMLBombTests.secretFile()
        try workspace.write(Array(FeedText.rss(title: "Good", link: "https://good.example.com/", items: (1...4).map { FeedText.item($0, host: "good.example.com") }.joined()).utf8), to: "good.xml")
        try workspace.write(XMLBombs.deepNesting(depth: 100_000), to: "deep.xml")
        try workspace.write(XMLBombs.deepEscapedHTML(depth: 100_000), to: "deephtml.xml")
        try workspace.write(XMLBombs.hugeAttribute(megabytes: 50), to: "huge.xml")
        try workspace.write(XMLBombs.manyItems(200_000), to: "flood.xml")
        try workspace.write(XMLBombs.externalEntities(secretFile: secretPath, probe: probe.url("")), to: "xxe.xml")
        try workspace.write(XMLBombs.xinclude(secretFile: secretPath, probe: probe.url("")), to: "xinclude.xml")
        try workspace.writeConfig(
            categories: ["world", "good"],
            sources: [
                // (Its own category: in `world` the flood's undated, so newest, items would fill every place.)
                "good.xml  name=\"Good\"  categories=good",
                "deep.xml  name=\"Deep\"  categories=world",
                "deephtml.xml  name=\"Deep HTML\"  categories=world",
                "huge.xml  name=\"Huge Attribute\"  categories=world",
                "flood.xml  name=\"Flood\"  categories=world",
                "xxe.xml  name=\"XXE\"  categories=world",
                "xinclude.xml  name=\"XInclude\"  categories=world",
            ],
            site: ["max_size = 64MiB", "items_per_feed = 100"])
        let run = try workspace.run(limit: 120)
        #expect(run.finished)
        #expect(run.status == 0, "\(run.standardError)")
        let report = try #require(RunReportFile.read(from: workspace.cache.appendingPathComponent("last-run.json").path))
        let byName = Dictionary(uniqueKeysWithValues: report.sources.map { ($0.name, $0) })
        #expect(byName["Good"]?.new == 4)
        #expect(byName["Flood"]?.warnings.contains { $0.contains("200000 items") } == true, "\(byName["Flood"]?.warnings ?? [])")
        #expect(byName["Huge Attribute"]?.warnings.isEmpty == false)
        #expect(byName["XXE"]?.warnings.contains { $0.contains("secret") } == true)
        #expect(probe.requests.isEmpty)

        let problems = try OutputValidation.problems(in: workspace.output)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        for (path, data) in try workspace.outputFiles() {
            #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(path) leaks the file")
            #expect(data.count < 8 << 20, "\(path) is \(data.count) bytes")
        }
        let all = try String(contentsOf: workspace.output.appendingPathComponent("good.xml"), encoding: .utf8)
        for n in 1...4 { #expect(all.contains("<link>https://good.example.com/story/\(n)</link>")) }
        print("bombs run: \(String(format: "%.1f", run.seconds)) s, peak \(run.maxResidentKiB / 1024) MiB")
    }

    @Test
    func entityBombsBesideAGoodSourceEnd() throws {
        let workspace = try Workspace("entity-bombs")
        defer { workspace.remove() }
        try workspace.write(Array(FeedText.rss(title: "Good", link: "https://good.example.com/", items: (1...4).map { FeedText.item($0, host: "good.example.com") }.joined()).utf8), to: "good.xml")
        try workspace.write(XMLBombs.billionLaughs(), to: "laughs.xml")
        try workspace.write(XMLBombs.quadraticBlowup(), to: "quadratic.xml")
        try workspace.writeConfig(
            categories: ["world", "good"],
            sources: [
                "good.xml  name=\"Good\"  categories=good",
                "laughs.xml  name=\"Laughs\"  categories=world",
                "quadratic.xml  name=\"Quadratic\"  categories=world",
            ])
        let run = try workspace.run(limit: 60)
        #expect(run.finished)
        #expect(run.status == 0, "\(run.standardError)")
        let report = try #require(RunReportFile.read(from: workspace.cache.appendingPathComponent("last-run.json").path))
        for source in report.sources where source.name != "Good" {
            #expect(source.warnings.contains { $0.contains("declares entities") }, "\(source.name): \(source.warnings)")
        }
        #expect(try OutputValidation.problems(in: workspace.output).isEmpty)
        for (path, data) in try workspace.outputFiles() {
            #expect(!String(decoding: data, as: UTF8.self).contains("lollollol"), "\(path)")
            #expect(data.count < 1 << 20, "\(path) is \(data.count) bytes")
        }
        let good = try String(contentsOf: workspace.output.appendingPathComponent("good.xml"), encoding: .utf8)
        for n in 1...4 { #expect(good.contains("<link>https://good.example.com/story/\(n)</link>")) }
    }
}
