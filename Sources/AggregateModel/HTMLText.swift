import Foundation

/// Plain text out of the (already sanitized) HTML of items: summaries, reading time, image discovery.
public enum HTMLText {
    /// The text of an HTML fragment: tags removed, entities decoded, white space collapsed.
    /// At most `limit` characters of the text.
    public static func plainText(_ html: String, limit: Int) -> String {
        let text = plainText(html)
        return text.count > limit ? String(text.prefix(limit)) : text
    }

    public static func plainText(_ html: String) -> String {
        collapseWhitespace(decodeEntities(String(decoding: textBytes(html), as: UTF8.self)))
    }

    /// The UTF-8 bytes of an HTML fragment outside its tags, a space for each tag.
    /// Works on bytes: every byte that matters here is ASCII, and it is many times faster than walking
    /// Characters over the full content of every item.
    static func textBytes(_ html: String) -> [UInt8] {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let count = bytes.count
        // Text is copied a run at a time, from one tag to the next (memchr): byte by byte, this was most of the
        // work of a reading time.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            func next(_ byte: UInt8, from start: Int) -> Int? {
                memchr(base + start, Int32(byte), count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }
            while i < count {
                let open = next(UInt8(ascii: "<"), from: i) ?? count
                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: open - i))
                i = open
                guard i < count, let close = next(UInt8(ascii: ">"), from: i) else { break }
                if let skipTo = endOfRawTextElement(bytes, tagStart: i, tagEnd: close) {
                    i = skipTo
                } else {
                    i = close + 1
                }
                // A tag separates words (<p>, <br>); for inline ones (<b>) the extra space is harmless.
                out.append(UInt8(ascii: " "))
            }
        }
        return out
    }

    /// For `<script>` and `<style>`, the index after their end tag: their contents are not text.
    private static func endOfRawTextElement(_ bytes: [UInt8], tagStart: Int, tagEnd: Int) -> Int? {
        // Both names start with `s`: other tags end here, before the names' bytes are made (twice a tag).
        guard tagStart + 1 < tagEnd, bytes[tagStart + 1] | 0x20 == UInt8(ascii: "s") else { return nil }
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

    /// Words of an HTML fragment's text: runs between white space holding a letter or digit (not a lone dash).
    public static func wordCount(_ html: String) -> Int {
        // Counted on bytes: a word is a run between white space holding an ASCII letter or digit or any
        // non-ASCII character; `&nbsp;` and U+00A0 separate words, other references are not words alone.
        // NOTE: each byte's kind read from a table, and a run of letters passed over in a tight loop: testing each
        // byte against the cases took 87,000 instructions an item (26.8 million for the 308 items of a cold run
        // over 1,000 feeds; 18.9 million now).
        textBytes(html).withUnsafeBufferPointer { bytes in
            var words = 0
            var inWord = false
            var hasLetter = false
            var i = 0
            let count = bytes.count
            func endWord() {
                if inWord, hasLetter { words += 1 }
                inWord = false
                hasLetter = false
            }
            wordByteKinds.withUnsafeBufferPointer { kinds in
                while i < count {
                    let kind = kinds[Int(bytes[i])]
                    switch kind {
                    case WordByte.letter:
                        inWord = true
                        hasLetter = true
                        i += 1
                        while i < count, kinds[Int(bytes[i])] == WordByte.letter { i += 1 }
                        continue
                    case WordByte.space:
                        endWord()
                    case WordByte.nbspLead where i + 1 < count && bytes[i + 1] == 0xA0:
                        endWord()
                        i += 1
                    case WordByte.nbspLead:
                        inWord = true
                        hasLetter = true
                    case WordByte.ampersand:
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
                    }
                    i += 1
                }
            }
            endWord()
            return words
        }
    }

    /// What a byte is to `wordCount`.
    private enum WordByte {
        /// Inside a word, without making it one (punctuation).
        static let other: UInt8 = 0
        /// An ASCII letter or digit, or a byte of a non-ASCII character: the run is a word.
        static let letter: UInt8 = 1
        /// Between words.
        static let space: UInt8 = 2
        static let ampersand: UInt8 = 3
        /// 0xC2: with 0xA0 after it, U+00A0 (between words); else a byte of a non-ASCII character.
        static let nbspLead: UInt8 = 4
    }

    private static let wordByteKinds: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: return WordByte.space
        case 0xC2: return WordByte.nbspLead
        case Int(UInt8(ascii: "&")): return WordByte.ampersand
        case 0x80...0xFF, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return WordByte.letter
        default: return WordByte.other
        }
    }

    /// Decodes the character references a sanitizer leaves: named basics and numeric ones.
    public static func decodeEntities(_ string: String) -> String {
        CharacterReferences.decode(string[...]) { name in decode(entity: name).map { String(Character($0)) } }
    }

    private static let named: [Substring: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "rsquo": "\u{2019}", "lsquo": "\u{2018}",
        "rdquo": "\u{201D}", "ldquo": "\u{201C}", "copy": "\u{A9}",
    ]

    private static func decode(entity name: Substring) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        }
        return named[name]
    }
}
