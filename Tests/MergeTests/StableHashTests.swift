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
            #expect(StableHash.wideHex(joining: parts, separator: 0x1F) == StableHash.wideHex(Array(parts.joined(separator: "\u{1F}").utf8)), "\(parts)")
        }
    }

    @Test func uuidJoiningIsTheUUIDOfTheJoinedString() {
        var random = SplitMix64(seed: 4321)
        for _ in 0..<3_000 {
            let parts = (0..<random.below(4)).map { _ in (0..<random.below(6)).map { _ in Self.pieces[random.below(Self.pieces.count)] }.joined() }
            #expect(StableHash.uuidURN(joining: parts, separator: 0x1F) == StableHash.uuidURN(parts.joined(separator: "\u{1F}")), "\(parts)")
        }
    }

    /// A body's hash, over four lanes and a tail: every length up to three blocks and a tail apart, and a bit
    /// flipped anywhere in bodies of lengths around the block size.
    @Test func wideHashesTellBodiesApart() {
        var hashes: Set<String> = []
        var count = 0
        for length in 0...100 {
            hashes.insert(StableHash.wideHex([UInt8](repeating: 0, count: length)))
            count += 1
        }
        for length in [1, 8, 31, 32, 33, 63, 64, 65, 96, 100] {
            let text = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0 * 7) }
            for position in 0..<length {
                for bit in 0..<8 {
                    var flipped = text
                    flipped[position] ^= 1 << bit
                    hashes.insert(StableHash.wideHex(flipped))
                    count += 1
                }
            }
        }
        #expect(hashes.count == count)
    }

    @Test func valuesStayTheSame() {
        // Stored in every store (item keys, content and body hashes): a change here would make every item
        // look changed and give it a new id.
        #expect(StableHash.hex("") == "6491124d515dab767e16d7c4bc2ff61b")
        #expect(StableHash.hex(joining: [], separator: 0x1F) == "6491124d515dab767e16d7c4bc2ff61b")
        #expect(StableHash.hex(joining: ["title", "https://example.org/a"], separator: 0x1F) == "d2a1712beb763347233e1b9595b6859d")
        #expect(StableHash.uuidURN("source\u{1F}https://example.org/a") == "urn:uuid:8773d70f-350b-87c0-9c87-1bbd3400d23a")
        // Body hashes, stored with each source: a change makes every source's next body look changed (parsed again).
        #expect(StableHash.wideHex([]) == "c9338edd27047d26644e490fa9a6f4a3")
        #expect(StableHash.wideHex(Array(String(repeating: "<rss version=\"2.0\"><channel/></rss>\n", count: 3).utf8)) == "b7bfe51dfc032eae59affb1da4a7ed66")
        // Content hashes (after a prefix), stored with each item: a change makes every item look changed.
        #expect(StableHash.wideHex(joining: ["title", "https://example.org/a"], separator: 0x1F) == "54e76f66e0283cbc0a82187a69559208")
        #expect(StableHash.wideHex(joining: [], separator: 0x1F) == StableHash.wideHex([]))
        // Longer inputs, and parts that begin and end inside the four lanes' 32-byte blocks.
        #expect(StableHash.wideHex((0..<1000).map { UInt8(truncatingIfNeeded: 0x20 + ($0 * 31) % 90) }) == "0186119e124482ad20b0e4a570d7a3f5")
        #expect(StableHash.wideHex(joining: [String(repeating: "a", count: 31), "bc", String(repeating: "é", count: 40), "", "x"], separator: 0x1F)
            == "f3a879aed7e4ac1573817e3fb914830f")
        #expect(StableHash.wideHex(joining: [String(repeating: "<p>", count: 11), String(repeating: "中", count: 21), String(repeating: "z", count: 64)], separator: 0x1F)
            == "2aafe357b55bcb55dd46831e10bdc8f4")
    }
}
