import AggregateTestSupport
import Testing
@testable import AggregateParse

/// The byte searches behind the sanitizer's shortcuts agree with the standard library's.
@Suite struct ByteTextTests {
    static let pieces = ["&", "l", "t", ";", "&lt;", "&#60;", "<", ">", "a", "é", "中", " ", "&l", "&lt"]

    @Test func searchesAgreeWithTheStandardLibrary() {
        var random = SplitMix64(seed: 7)
        var found = 0
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<random.below(12) { s += Self.pieces[random.below(Self.pieces.count)] }
            for needle: StaticString in ["&lt;", "&#60;"] {
                let expected = s.utf8.firstRange(of: Array("\(needle)".utf8)) != nil
                #expect(ByteText.contains(s, needle) == expected, "\(s.debugDescription) \(needle)")
                if expected { found += 1 }
            }
            for byte in [UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: ">")] {
                #expect(ByteText.contains(s, byte: byte) == s.utf8.contains(byte), "\(s.debugDescription) \(byte)")
            }
        }
        #expect(found > 1_000)
    }
}
