@testable import AggregateModel
import Testing

/// `HTMLText.collapseWhitespace` on bytes against the scalar walk it replaced.
@Suite struct WhiteSpaceTests {
    /// The walk as it was (verbatim): scalar by scalar, Unicode's White_Space property for those beyond ASCII.
    static func reference(_ string: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in string.unicodeScalars {
            let isSpace = scalar.value < 0x80
                ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)
                : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The bytes known as white space are those of the scalars Unicode (as this toolchain has it) calls so.
    @Test func knowsEveryWhiteSpaceScalar() {
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(Character(scalar)).utf8)
            let length = bytes.withUnsafeBufferPointer { HTMLText.whiteSpaceLength($0, at: 0) }
            #expect((length == bytes.count) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
            #expect(length == 0 || length == bytes.count)
        }
    }

    static let pieces = [
        " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}",
        "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{3001}", "\u{FEFF}", "—", "a", "Дункакал", "中文", "e\u{301}",
        "👍🏽", "x", "\u{E2}", "\u{1E9A}",
    ]

    @Test func collapsesAsTheScalarWalkDid() {
        var state: UInt64 = 3
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<20_000 {
            let text = (0..<(next() % 10)).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            #expect(Array(HTMLText.collapseWhitespace(text).utf8) == Array(Self.reference(text).utf8), "\(text.debugDescription)")
        }
    }
}
