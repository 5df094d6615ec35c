@testable import AggregateModel
import AggregateTestSupport
import Testing

/// `HTMLText.wordCount` (each byte's kind from a table, runs of letters passed over) against the walk it replaced.
@Suite struct HTMLWordCountTests {
    /// The count as it was (verbatim): each byte tested against the cases.
    static func reference(_ html: String) -> Int {
        HTMLText.textBytes(html).withUnsafeBufferPointer { bytes in
            var words = 0
            var inWord = false
            var hasLetter = false
            var i = 0
            func endWord() {
                if inWord, hasLetter { words += 1 }
                inWord = false
                hasLetter = false
            }
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                    endWord()
                case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0xA0:
                    endWord()
                    i += 1
                case UInt8(ascii: "&"):
                    let end = bytes[i...].prefix(12).firstIndex(of: UInt8(ascii: ";"))
                    if let end {
                        let name = bytes[(i + 1)..<end]
                        if name.elementsEqual("nbsp".utf8) || name.elementsEqual("#160".utf8) {
                            endWord()
                        } else {
                            inWord = true
                        }
                        i = end
                    } else {
                        inWord = true
                    }
                default:
                    inWord = true
                    if byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                        hasLetter = true
                    }
                }
                i += 1
            }
            endWord()
            return words
        }
    }

    static let pieces = [
        "<p>", "</p>", "<b>", "text", "Word", "42", " ", "\t", "\n", "\r", "\u{0C}", "\u{0B}", "-", "—", "@", "[", "`", "{", "_",
        "&amp;", "&nbsp;", "&#160;", "&", ";", "&nbsp", "&#xA0;", "&verylongname;", "\u{A0}", "\u{C2}", "¢", "é", "Дункакал", "中文",
        "<script>x y</script>", "<style>p{}</style>", "a<b", "x>y", "<br/>",
    ]

    @Test func countsAsTheWalkDid() {
        var random = SplitMix64(seed: 308)
        var texts = ["", " ", "a", "&", "&nbsp;", "\u{A0}", "a\u{A0}b", "a&nbsp;b", "a&#160;b", "- -", "x—y", "\u{C2}", "a\u{C2}"]
        for _ in 0..<20_000 {
            texts.append((0..<Int.random(in: 0...14, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined())
        }
        // Every byte value alone and between letters: the table's kinds against the cases.
        for byte in 0...255 where byte < 0x80 {
            let scalar = String(Unicode.Scalar(UInt8(byte)))
            texts += [scalar, "a" + scalar + "b", " " + scalar + " "]
        }
        for html in texts {
            #expect(HTMLText.wordCount(html) == Self.reference(html), "\(html.debugDescription)")
        }
    }
}
