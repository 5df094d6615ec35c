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

    @Test func byteWriterWritesWhatAnArrayWould() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var writer = ByteWriter(capacity: random.below(40))
            var array: [UInt8] = []
            for _ in 0..<random.below(300) {
                switch random.below(4) {
                case 0:
                    let byte = UInt8(random.below(256))
                    writer.append(byte)
                    array.append(byte)
                case 1:
                    let run = (0..<random.below(70)).map { _ in UInt8(random.below(256)) }
                    run.withUnsafeBufferPointer { writer.append(contentsOf: $0) }
                    array.append(contentsOf: run)
                case 2:
                    writer.append(literal: "&amp;")
                    array.append(contentsOf: Array("&amp;".utf8))
                default:
                    let mark = random.below(array.count + 1)
                    writer.truncate(to: mark)
                    array.removeSubrange(mark...)
                }
            }
            #expect(writer.count == array.count)
            #expect(writer.withBytes { Array($0) } == array)
        }
    }
}
