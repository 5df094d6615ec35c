@testable import AggregateStore
import Testing

/// `ByteHash` tells apart what the identities table tells apart: bytes, with their length. A shared hash only costs
/// a first run a query, so these hold it to being rare, not impossible.
struct ByteHashTests {
    func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { ByteHash.hash($0, seed: seed) }
    }

    @Test func sameBytesSameHashAnywhereInMemory() {
        let text = Array("https://example.org/2026/11/01/a-story-of-some-length".utf8)
        // Read from an address that is not a multiple of eight.
        let padded = [UInt8](repeating: 0xAA, count: 3) + text
        let shifted = padded.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[3...]), seed: 7) }
        #expect(shifted == hash(text, seed: 7))
        #expect(hash(text, seed: 7) != hash(text, seed: 8))
    }

    /// Every length from empty to three words and a tail: zeros added, the last byte changed, a bit flipped anywhere.
    @Test func lengthsTailsAndSingleBitsHashApart() {
        var hashes: Set<UInt64> = []
        var count = 0
        for length in 0...27 {
            let zeros = [UInt8](repeating: 0, count: length)
            hashes.insert(hash(zeros))
            count += 1
            let text = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
            for position in 0..<length {
                for bit in 0..<8 {
                    var flipped = text
                    flipped[position] ^= 1 << bit
                    hashes.insert(hash(flipped))
                    count += 1
                }
            }
        }
        #expect(hashes.count == count)
    }

    /// Identities as a run makes them, numbered as a large store would hold: no two share a hash.
    @Test func realisticIdentitiesHashApart() {
        var hashes: Set<UInt64> = []
        var count = 0
        for n in 0..<100_000 {
            for value in ["https://news.example.org/2026/11/\(n % 30)/story-\(n)", "src-\(n % 1_000)\u{1F}tag:example.org,2026:\(n)"] {
                hashes.insert(hash(Array(value.utf8)))
                count += 1
            }
        }
        #expect(hashes.count == count)
    }
}
