import Foundation
import Testing
import AggregateModel

/// `JSONEscaping` skips 16 bytes at a time; it must write what escaping a byte at a time writes.
@Suite struct JSONEscapingTests {
    static func reference(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case ..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        return out + [0x22]
    }

    @Test func agreesWithEscapingAByteAtATime() throws {
        let pieces = ["a", "<p class=\"x\">", "\\", "\n", "\r\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "中文", "😀", "\"", "  "]
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<next(30) {
                s += String(repeating: "x", count: next(12))
                s += pieces[next(pieces.count)]
            }
            var out: [UInt8] = []
            JSONEscaping.appendQuoted(s, to: &out)
            #expect(out == Self.reference(s), "\(s.debugDescription)")
            let decoded = try JSONSerialization.jsonObject(with: Data(out), options: [.fragmentsAllowed]) as? String
            #expect(decoded == s)
        }
    }
}
