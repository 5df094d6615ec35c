import ArgumentParser
import Testing
@testable import AggregateCLI

/// `parse` with many paths is read apart from ArgumentParser's repeated-argument handling; it must read
/// every command line the way ArgumentParser does, or leave it to ArgumentParser.
@Suite struct ManyPathsTests {
    static let lines: [[String]] = [
        ["--json", "a.xml", "b.xml"], ["a.xml", "--json", "b.xml", "c.xml"], ["--jobs", "2", "a.xml", "b.xml"],
        ["--jobs=3", "--json", "a.xml", "2"], ["--json", "--jobs", "2", "2", "3"], ["--allow-private-networks", "x", "y"],
        ["--json", "--", "-a.xml", "--json", "b"], ["a", "--", "b", "c"], ["--json", "a.xml"], ["a", "b", "--jobs", "4"],
        ["--jobs", "0", "a", "b"], ["--jobs", "two", "a", "b"], ["--jobs"], ["a", "b", "--jobs"], ["--help", "a", "b"],
        ["-h", "a", "b"], ["--bogus", "a", "b"], ["a", "b", "-x"], ["--json", "--json", "a", "b"], ["--jobs", "-1", "a", "b"],
        ["https://example.org/feed.xml", "b.xml"], ["", "b.xml"],
    ]

    @Test(arguments: lines)
    func readsAsArgumentParserDoes(_ line: [String]) {
        let full = try? ParseCommand.parse(line)
        guard let fast = ManyPaths.command(for: line) else {
            // Left to ArgumentParser: fine whatever it makes of the line.
            return
        }
        #expect(full != nil, "taken apart, but ArgumentParser rejects \(line)")
        guard let full else { return }
        #expect(fast.paths == full.paths)
        #expect(fast.json == full.json)
        #expect(fast.jobs == full.jobs)
        #expect(fast.allowPrivateNetworks == full.allowPrivateNetworks)
    }

    @Test func takesTheUsualManyPathsLine() {
        let paths = (0..<5_000).map { "feed-\($0).xml" }
        let command = ManyPaths.command(for: ["--json"] + paths)
        #expect(command?.paths == paths)
        #expect(command?.json == true)
    }

    @Test func leavesOneFileAndHelpToArgumentParser() {
        #expect(ManyPaths.command(for: ["--json", "a.xml"]) == nil)
        #expect(ManyPaths.command(for: ["--help", "a.xml", "b.xml"]) == nil)
        #expect(ManyPaths.command(for: ["--jobs", "0", "a.xml", "b.xml"]) == nil)
    }
}
