import AggregateModel
import AggregateTestSupport
import Testing

/// Hashes are stored (item keys, content and body hashes): the streaming form must give the same value.
@Suite struct StableHashTests {
    static let pieces = ["", "a", "é", "中文", "<p>Body</p>", "0123456789abcdef", "x y", "\u{1F}", String(repeating: "w", count: 37)]

    @Test func joiningIsHashingTheJoinedString() {
        var random = SplitMix64(seed: 1234)
        for _ in 0..<3_000 {
            var parts: [String] = []
            for _ in 0..<random.below(9) {
                var part = ""
                for _ in 0..<random.below(6) { part += Self.pieces[random.below(Self.pieces.count)] }
                parts.append(part)
            }
            #expect(StableHash.hex(joining: parts, separator: 0x1F) == StableHash.hex(parts.joined(separator: "\u{1F}")), "\(parts)")
        }
    }

    @Test func uuidJoiningIsTheUUIDOfTheJoinedString() {
        var random = SplitMix64(seed: 4321)
        for _ in 0..<3_000 {
            let parts = (0..<random.below(4)).map { _ in (0..<random.below(6)).map { _ in Self.pieces[random.below(Self.pieces.count)] }.joined() }
            #expect(StableHash.uuidURN(joining: parts, separator: 0x1F) == StableHash.uuidURN(parts.joined(separator: "\u{1F}")), "\(parts)")
        }
    }

    @Test func valuesStayTheSame() {
        // Stored in every store (item keys, content and body hashes): a change here would make every item
        // look changed and give it a new id.
        #expect(StableHash.hex("") == "6491124d515dab767e16d7c4bc2ff61b")
        #expect(StableHash.hex(joining: [], separator: 0x1F) == "6491124d515dab767e16d7c4bc2ff61b")
        #expect(StableHash.hex(joining: ["title", "https://example.org/a"], separator: 0x1F) == "d2a1712beb763347233e1b9595b6859d")
        #expect(StableHash.uuidURN("source\u{1F}https://example.org/a") == "urn:uuid:8773d70f-350b-87c0-9c87-1bbd3400d23a")
    }
}
