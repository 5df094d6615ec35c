import AggregateModel
import AggregateParse
import AggregateTestSupport
import Foundation
import Testing

/// The parser fuzzer's findings (and the hand-written risky inputs beside them) replayed on every test run.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != "README.md" }.sorted()
    }

    @Test func thereAreFixtures() {
        #expect(Self.fixtures.count >= 6)
    }

    @Test(arguments: fixtures)
    func fixtureParsesSafely(name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        // A parse error is fine; a crash or unsafe HTML is not.
        guard let result = try? FeedParser.parse(bytes, url: "https://fuzz.example.org/feed.xml") else { return }
        var problems: [String] = []
        for html in ([result.feed.description] + result.feed.entries.flatMap { [$0.summary, $0.content] }).compactMap({ $0 }) {
            problems += ActiveContentScan.findings(inHTML: html)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func theReplayBinaryAcceptsEveryFixture() throws {
        let binary = try TestPaths.aggregateBinary().deletingLastPathComponent().appendingPathComponent("aggregate-fuzz")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "aggregate-fuzz is built by `swift build`")
        let run = try ProgramRun(binary, Self.fixtures.map { Self.folder.appendingPathComponent($0).path })
        #expect(run.status == 0, "\(run.standardError.prefix(2000))")
        #expect(run.standardOutput.contains("replayed \(Self.fixtures.count) input(s)"))
    }
}
