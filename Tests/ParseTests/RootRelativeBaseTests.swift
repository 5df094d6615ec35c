import AggregateTestSupport
import Testing
@testable import AggregateParse

/// Root-relative links resolved by concatenation (`RootRelativeBase`) must come out as `safeURL` resolves them.
@Suite struct RootRelativeBaseTests {
    static let bases: [String?] = [
        "https://example.org/posts/1", "http://Example.org:8080", "HTTPS://news.example.net/a/b/?q=1#f", "Http://x.test?q#/f",
        "https://example.org#frag", "http://", "https://user:pw@host.example/a", "https://ex&ample.org/\"q\"", nil,
        "mailto:someone@example.org", "http:relative/path", "ftp://example.org/", "https://exämple.org/", "https:/one-slash",
    ]

    static let pieces = ["/", "a", "b.html", ".", "..", "?", "#", "q=1&r=2", "%20", ":", "//", "é", " ", "\t", "x\"y", "<", ";", "~"]

    static func link(_ random: inout SplitMix64) -> String {
        var link = random.below(8) == 0 ? "" : "/"
        for _ in 0..<random.below(7) { link += pieces[random.below(pieces.count)] }
        return link
    }

    @Test func resolvesAsSafeURLDoes() {
        var random = SplitMix64(seed: 42)
        var taken = 0
        for round in 0..<50_000 {
            let base = Self.bases[round % Self.bases.count]
            let link = Self.link(&random)
            guard let root = RootRelativeBase(base) else { continue }
            let bytes = Array(link.utf8)
            guard bytes.withUnsafeBufferPointer(RootRelativeBase.isPlainRootRelative) else { continue }
            taken += 1
            var short: [UInt8] = []
            bytes.withUnsafeBufferPointer { root.appendResolved($0, to: &short) }
            var long: [UInt8] = []
            if let resolved = HTMLSanitizer.safeURL(link, base: base) { HTMLEscaping.appendEscapedAttribute(resolved, to: &long) }
            #expect(short == long, "link \(link.debugDescription) base \(base ?? "none")")
            if short != long { return }
        }
        #expect(taken > 10_000, "only \(taken) links taken")
    }

    @Test(arguments: ["mailto:someone@example.org", "http:relative/path", "ftp://example.org/", "https://exämple.org/", "https:/one-slash"])
    func basesItLeavesToSafeURL(_ base: String) {
        #expect(RootRelativeBase(base) == nil)
    }

    @Test(arguments: ["", "a/b", "//host/x", "/./x", "/a/..", "/a b", "/a\tb", "/é", "/a/.?x"])
    func linksItLeavesToSafeURL(_ link: String) {
        #expect(!Array(link.utf8).withUnsafeBufferPointer(RootRelativeBase.isPlainRootRelative))
    }
}
