import AggregateConfig
import AggregateTestSupport
import Foundation
import Testing

@Test func shippedFeedsConfLoadsCleanly() throws {
    let path = TestPaths.packageRoot.appendingPathComponent("feeds.conf").path
    let config = try ConfigLoader.load(path: path)
    #expect(config.categories.map(\.slug) == ["china", "india", "pakistan", "political", "tech", "business", "usa", "sports"])
    #expect(config.sources.count >= 10)
    #expect(config.site.outputDirectory == TestPaths.packageRoot.appendingPathComponent("public").standardizedFileURL.path)
    #expect(config.site.cacheDirectory == TestPaths.packageRoot.appendingPathComponent("cache").standardizedFileURL.path)
    for source in config.sources {
        #expect(source.isLocalFile, "\(source.origin): shipped sources are the local seeds")
        #expect(FileManager.default.fileExists(atPath: source.location), "\(source.origin): \(source.location) is missing")
        #expect(source.feedURL?.contains(".example.") == true, "\(source.origin): credit URLs stay on example domains")
        #expect(source.siteURL?.contains(".example.") == true, "\(source.origin): credit URLs stay on example domains")
    }
    // Every category has at least one source, so every page of the demo site has items.
    let used = Set(config.sources.flatMap(\.categories))
    #expect(used == Set(config.categories.map(\.slug)))
}

@Test func loadReportsAMissingFile() throws {
    let folder = try TestPaths.temporaryDirectory("config")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("nope.conf").path
    #expect {
        try ConfigLoader.load(path: path)
    } throws: { error in
        guard case ConfigError.unreadable(let p, let reason) = error else { return false }
        return p == path && reason.contains("no such file")
    }
}

@Test func loadReportsAFileThatIsNotUTF8() throws {
    let folder = try TestPaths.temporaryDirectory("config")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("feeds.conf")
    try Data("[site]\ntitle = Caf\u{E9}\n".data(using: .isoLatin1)!).write(to: url)
    #expect {
        try ConfigLoader.load(path: url.path)
    } throws: { error in
        guard case ConfigError.unreadable(_, let reason) = error else { return false }
        return reason.contains("not UTF-8")
    }
}

@Test func loadResolvesPathsAgainstTheFilesFolder() throws {
    let folder = try TestPaths.temporaryDirectory("config")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("desk.conf")
    try Data((ConfigFixtures.minimal + "local/a.xml name=L categories=tech\n").utf8).write(to: url)
    let config = try ConfigLoader.load(path: url.path)
    #expect(config.sources.last?.location == folder.appendingPathComponent("local/a.xml").standardizedFileURL.path)
    #expect(config.site.outputDirectory == folder.appendingPathComponent("public").standardizedFileURL.path)
}
