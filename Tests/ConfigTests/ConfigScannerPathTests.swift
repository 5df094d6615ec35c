@testable import AggregateConfig
import AggregateTestSupport
import Foundation
import Testing

/// The byte paths of the line scanner (ASCII lines) against the Character paths, on generated and tricky lines.

/// Pieces lines are made of: mostly ASCII (the byte path), with a few non-ASCII ones (the Character path must
/// still be taken: a combining mark after `"` or `#`, Unicode white space).
private let pieces: [String] = [
    "\"", "\\", "#", "=", " ", "  ", "\t", "\u{0B}", "\u{0C}", "a", "feed", "x=y", "name=", "/", ":", "http:", "https://x/#top",
    ",", ".", "~", "-", "+", "1", "é", "\u{301}", "\u{A0}", "\u{3000}", "\u{85}", "😀", "\u{FEFF}",
]

private func generatedLines(count: Int, seed: UInt64) -> [String] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let asciiOnly = Int.random(in: 0..<4, using: &random) != 0
        let alphabet = asciiOnly ? pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : pieces
        return (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
    }
}

private let trickyLines: [String] = [
    "", " ", "#", " # c", "a#b", "a #b", "\"#\" x", "\"a\\\"#\" # c", "\"unterminated", "\"a\\n\"", "x\"y\"z", "\"\" a",
    "/f.xml name=\"Al Jazeera\" categories=a,b", "/f.xml name = \"X\"", "/f.xml name= X", "/f.xml =x", "a==b", "\"a=b\"=c",
    "\t/f.xml\tname=x\t", "\u{0B}x\u{0C}", "x \"#\u{301}\"", "a #\u{301}b", "\"\u{301} x", "a\u{A0}b", "a\u{3000}#b", "\\", "\"\\\\\"",
]

private func scanned(_ line: Substring, onCharacters: Bool) -> Result<[ConfigLineScanner.Token], ConfigLineScanner.ScanError> {
    Result { () throws(ConfigLineScanner.ScanError) -> [ConfigLineScanner.Token] in
        try onCharacters ? ConfigLineScanner.tokensOnCharacters(line) : ConfigLineScanner.tokens(line)
    }
}

@Test func asciiLinesScanAsCharactersDo() {
    var asciiLines = 0
    for text in trickyLines + generatedLines(count: 20_000, seed: 20261130) {
        // A slice of a longer string, as the parser hands lines: offsets are not from the start of the text.
        let whole = "[sources]\n" + text + "\nnext"
        let line = whole.split(separator: "\n", omittingEmptySubsequences: false)[1]
        if line.utf8.allSatisfy({ $0 < 0x80 }) { asciiLines += 1 }
        let stripped = ConfigLineScanner.stripComment(line), reference = ConfigLineScanner.stripCommentOnCharacters(line)
        #expect(stripped == reference && stripped.startIndex == reference.startIndex && stripped.endIndex == reference.endIndex, "\(text.debugDescription)")
        #expect(scanned(stripped, onCharacters: false) == scanned(stripped, onCharacters: true), "\(text.debugDescription)")
        #expect(scanned(line, onCharacters: false) == scanned(line, onCharacters: true), "\(text.debugDescription)")
        for token in (try? ConfigLineScanner.tokensOnCharacters(line)) ?? [] {
            #expect(ScalarValues.hasScheme(token.text) == ScalarValues.hasSchemeOnCharacters(token.text), "\(token.text.debugDescription)")
        }
        #expect(ScalarValues.hasScheme(text) == ScalarValues.hasSchemeOnCharacters(text), "\(text.debugDescription)")
        #expect(ConfigLineScanner.commaSeparated(text) == text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }
    // Most lines take the byte path; the rest check that a non-ASCII line still takes the Character one.
    #expect(asciiLines > 14_000)
}

@Test func schemesAreFoundAsCharactersFindThem() {
    for text in ["http://x", "HTTPS://x", "ftp:x", "a+b-c.d:x", "1a:x", ":x", "a:", "a b:x", "/a:b", "a", "", "é:x", "a\u{301}:x", "a:\u{301}x", "a#:x"] {
        #expect(ScalarValues.hasScheme(text) == ScalarValues.hasSchemeOnCharacters(text), "\(text.debugDescription)")
    }
}

@Test func linesSplitAsCharactersSplitThem() {
    var random = SplitMix64(seed: 7)
    let parts = ["a", "b c", "\n", "\r", "\r\n", "\n\r", "\u{301}", "é", "\u{FEFF}", "#", ""]
    var texts = ["", "\n", "\r\n", "\r", "a", "a\n", "\n\n", "\r\r\n\n", "a\r\n\u{301}b", "a\n\u{301}", "é\r\nx"]
    for _ in 0..<5_000 {
        texts.append((0..<Int.random(in: 0...10, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined())
    }
    for text in texts {
        let body = Substring(text)
        let reference = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let lines = ConfigLineScanner.lines(body)
        #expect(lines.map(String.init) == reference.map(String.init), "\(text.debugDescription)")
        #expect(lines.map(\.startIndex) == reference.map(\.startIndex) && lines.map(\.endIndex) == reference.map(\.endIndex), "\(text.debugDescription)")
    }
}

@Test func plainPathsResolveAsURLsDo() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plain-path-\(getpid())")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub dir"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let directories = [folder.path, "/srv/desk", "/", "/srv//desk", "/srv/./desk", "/srv/desk/..", "/srv/dé", "/srv/a b"]
    let parts = ["a", "feed.xml", "sub dir", "/", "//", ".", "..", "...", ".x", "~", "%20", "é", "\t", "?", "#", ":", " "]
    var random = SplitMix64(seed: 11)
    var paths = ["", "/", "~", "~/x", "~x", ".", "..", "./a", "a/.", "a/..", "a//b", "a/", "/tmp", "/tmp/", "sub dir", "sub dir/", "a/...", "/a/.b/..c"]
    for _ in 0..<3_000 {
        paths.append((0..<Int.random(in: 1...6, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined())
    }
    var plainOnes = 0
    for directory in directories {
        let base = URL(fileURLWithPath: directory + "/feeds.conf").standardizedFileURL.deletingLastPathComponent()
        let plain = PlainPath(directory: base.path)
        for path in paths {
            guard let resolved = plain.resolved(path) else { continue }
            plainOnes += 1
            #expect(resolved == URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path, "\(directory) \(path.debugDescription)")
        }
    }
    #expect(plainOnes > 2_000)
    #expect(PlainPath(directory: "/srv/desk").resolved("a/../b") == nil)
    #expect(PlainPath(directory: "/srv/desk").resolved("/a/b.xml") == "/a/b.xml")
    #expect(PlainPath(directory: "/srv/desk").resolved("a/b.xml") == "/srv/desk/a/b.xml")
}
