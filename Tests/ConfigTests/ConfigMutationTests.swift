import AggregateConfig
import AggregateTestSupport
import Foundation
import Testing

/// Damaged copies of the shipped file: each either loads or yields problems on lines that exist.
@Test func damagedFilesGiveProblemsOnRealLines() throws {
    let original = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("feeds.conf"), encoding: .utf8)
    let pieces: [String] = ["\"", "#", "=", "[", "]", "\\", " ", "\n", "x", ",", "all", "[sources]\n", "\r\n", "é", "\u{FEFF}"]
    var random = SplitMix64(seed: 20261129)
    var failures = 0
    for _ in 0..<400 {
        var chars = Array(original)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = Int.random(in: 0..<chars.count, using: &random)
            if Bool.random(using: &random) {
                chars.remove(at: at)
            } else {
                chars.insert(contentsOf: pieces.randomElement(using: &random)!, at: at)
            }
        }
        let text = String(chars)
        let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).count
        do {
            _ = try ConfigLoader.parse(text, path: "/srv/desk/feeds.conf")
        } catch {
            guard case .invalid(let problems) = error else { Issue.record("parse threw \(error)"); continue }
            failures += 1
            #expect(!problems.isEmpty)
            for problem in problems {
                #expect((1...max(lineCount, 1)).contains(problem.line), "\(problem) is outside 1...\(lineCount)")
                #expect(!problem.message.isEmpty)
            }
        }
    }
    // Most damage must be noticed; a parser that accepted everything would pass the loop above.
    #expect(failures > 200)
}
