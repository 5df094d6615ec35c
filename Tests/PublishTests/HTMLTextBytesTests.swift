@testable import AggregateModel
import Testing

/// `HTMLText.textBytes` (text copied a run at a time) against the byte-by-byte walk it replaced.
@Suite struct HTMLTextBytesTests {
    /// The walk as it was (verbatim): each byte looked at, a space for each tag, `<script>` and `<style>` skipped whole.
    static func reference(_ html: String) -> [UInt8] {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "<") else {
                out.append(byte)
                i += 1
                continue
            }
            guard let close = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { break }
            if let skipTo = endOfRawTextElement(bytes, tagStart: i, tagEnd: close) {
                i = skipTo
            } else {
                i = close + 1
            }
            // A tag separates words (<p>, <br>); for inline ones (<b>) the extra space is harmless.
            out.append(UInt8(ascii: " "))
        }
        return out
    }

    /// For `<script>` and `<style>`, the index after their end tag: their contents are not text.
    private static func endOfRawTextElement(_ bytes: [UInt8], tagStart: Int, tagEnd: Int) -> Int? {
        for name in ["script", "style"] {
            let nameBytes = Array(name.utf8)
            guard tagStart + 1 + nameBytes.count <= tagEnd,
                zip(bytes[(tagStart + 1)...], nameBytes).allSatisfy({ $0 | 0x20 == $1 }) else { continue }
            let endTag = Array("</\(name)".utf8)
            var j = tagEnd + 1
            while j + endTag.count <= bytes.count {
                if zip(bytes[j...], endTag).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) {
                    let close = bytes[j...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1
                    return close + 1
                }
                j += 1
            }
            return bytes.count
        }
        return nil
    }

    static let pieces = [
        "<p>", "</p>", "<b>", "text", " ", "Дункакал", "<script>", "</script>", "<SCRIPT type=x>", "</Script>", "<style>",
        "</style>", "<s>", "<st>", "<sty", "<", ">", "&amp;", "<br/>", "a<b", "x>y", "<img src=a>", "\u{A0}", "中文",
    ]

    @Test func copiesTheTextAsTheWalkDid() {
        var state: UInt64 = 5
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<20_000 {
            let html = (0..<(next() % 12)).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            #expect(HTMLText.textBytes(html) == Self.reference(html), "\(html)")
        }
    }
}
