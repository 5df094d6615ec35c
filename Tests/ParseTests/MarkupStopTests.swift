import AggregateTestSupport
import CXMLShim
import Testing

/// The vector search for the sanitizer's next markup byte (`axml_markup_stop`) against the byte-at-a-time
/// one, with every kind of stop at every offset of the 16-byte blocks.
@Suite struct MarkupStopTests {
    static let pieces: [[UInt8]] = [
        Array("text ".utf8), Array("中文".utf8), [0x3C], [0x26], [0x3E], [0xEF, 0xBC, 0x8C], [0x09], [0x0A], [0x0D], [0x00],
        [0x1F], [0x20], [0x7F], [0xFF], [0x3B], [0x3D], Array("abcdefghijklmnopq".utf8),
    ]

    static func stop(_ bytes: [UInt8], scalar: Bool) -> Int {
        bytes.withUnsafeBufferPointer { p in scalar ? axml_markup_stop_scalar(p.baseAddress, p.count) : axml_markup_stop(p.baseAddress, p.count) }
    }

    @Test func agreesWithTheScalarSearch() {
        var random = SplitMix64(seed: 16)
        var stopsInside = 0
        for _ in 0..<50_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(12) { bytes += Self.pieces[random.below(Self.pieces.count)] }
            let expected = Self.stop(bytes, scalar: true)
            #expect(Self.stop(bytes, scalar: false) == expected, "\(bytes)")
            if expected < bytes.count { stopsInside += 1 }
            let first = bytes.firstIndex { $0 == 0x3C || $0 == 0x26 || $0 == 0x3E || $0 == 0xEF || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) }
            #expect(expected == first ?? bytes.count)
        }
        #expect(stopsInside > 10_000)
    }
}
