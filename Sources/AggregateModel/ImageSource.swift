import Foundation

extension HTMLText {
    /// The `src` of the first `<img>` of an HTML fragment, entities decoded.
    /// NOTE: searched in the UTF-8 bytes where they decide as the Characters would (`ImageSearch`): the search by
    /// Characters through Foundation was a million instructions an item on a cold run (a quarter of publishing).
    public static func firstImageSource(_ html: String) -> String? {
        let outcome = html.utf8.withContiguousStorageIfAvailable { ImageSearch(bytes: $0).run() }
        switch outcome {
        case .source(let value)?: return decodeEntities(value)
        case .noImage?: return nil
        case .undecided?, nil: return firstImageSourceByCharacters(html)
        }
    }

    /// `firstImageSource` by Characters (grapheme clusters), with Foundation's case-insensitive search: what the
    /// byte search must agree with, and what answers when it cannot tell.
    static func firstImageSourceByCharacters(_ html: String) -> String? {
        var searchRange = html.startIndex..<html.endIndex
        while let open = html.range(of: "<img", options: .caseInsensitive, range: searchRange) {
            guard let close = html[open.upperBound...].firstIndex(of: ">") else { return nil }
            let tag = html[open.upperBound..<close]
            if let value = attribute("src", in: tag) { return decodeEntities(value) }
            searchRange = close..<html.endIndex
        }
        return nil
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        var rest = tag[...]
        while let found = rest.range(of: name, options: .caseInsensitive) {
            var cursor = found.upperBound
            rest = tag[found.upperBound...]
            // NOTE: a name inside the tag's first Character (a Prepend scalar such as U+0600 joined to its `s`) has no
            // Character before it: asking for one stopped the program. It does not start an attribute either.
            if found.lowerBound != tag.startIndex, tag.distance(from: tag.startIndex, to: found.lowerBound) == 0 { continue }
            // The name must start an attribute (`data-src` is not `src`).
            let before = found.lowerBound == tag.startIndex ? " " : tag[tag.index(before: found.lowerBound)]
            guard before.isWhitespace else { continue }
            while cursor < tag.endIndex, tag[cursor].isWhitespace { cursor = tag.index(after: cursor) }
            guard cursor < tag.endIndex, tag[cursor] == "=" else { continue }
            cursor = tag.index(after: cursor)
            while cursor < tag.endIndex, tag[cursor].isWhitespace { cursor = tag.index(after: cursor) }
            guard cursor < tag.endIndex else { return nil }
            let quote = tag[cursor]
            if quote == "\"" || quote == "'" {
                let start = tag.index(after: cursor)
                let end = tag[start...].firstIndex(of: quote) ?? tag.endIndex
                return String(tag[start..<end])
            }
            // Unquoted values end at white space (HTML: `<img src=a/b.png>` keeps its slashes).
            let end = tag[cursor...].firstIndex(where: { $0.isWhitespace }) ?? tag.endIndex
            return String(tag[cursor..<end])
        }
        return nil
    }
}

/// `firstImageSourceByCharacters` on UTF-8 bytes, answering only where bytes and Characters agree: each byte it
/// decides on (`<img`, `>`, `src`, white space, `=`, quotes) is ASCII between ASCII bytes, so a Character alone
/// (only non-ASCII scalars join an ASCII one: combining marks after it, Prepend before it); and no ſ, which
/// Foundation's case-insensitive search takes for `s`, comes before its answer.
/// Anything else is `undecided`, and the Characters decide.
struct ImageSearch {
    enum Outcome {
        case source(String)
        case noImage
        case undecided
    }

    let bytes: UnsafeBufferPointer<UInt8>

    func run() -> Outcome {
        var from = 0
        while let open = tagStart(from: from) {
            guard isLone(open), isLone(open + 3) else { return .undecided }
            guard let close = index(of: UInt8(ascii: ">"), from: open + 4) else { return checked(.noImage, upTo: bytes.count) }
            guard isLone(close) else { return .undecided }
            switch source(in: (open + 4)..<close) {
            case .found(let value):
                return checked(.source(String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self)), upTo: close)
            case .absent:
                from = close + 1
            case .undecided:
                return .undecided
            }
        }
        return checked(.noImage, upTo: bytes.count)
    }

    private enum Attribute {
        case found(Range<Int>)
        case absent
        case undecided
    }

    /// The `src` value of the tag whose attributes are `tag` (the bytes between `<img` and `>`).
    private func source(in tag: Range<Int>) -> Attribute {
        var from = tag.lowerBound
        while let name = attributeName(in: from..<tag.upperBound) {
            guard isLone(name), isLone(name + 2) else { return .undecided }
            from = name + 3
            // The name must start an attribute (`data-src` is not `src`): white space or the tag's start before it.
            if name > tag.lowerBound {
                let before = bytes[name - 1]
                guard Self.isSpace(before) else { continue }
                guard before != 0x20 || bytes[name - 2] < 0x80 else { return .undecided }
            }
            guard var cursor = skipSpace(from: name + 3, to: tag.upperBound) else { return .undecided }
            guard cursor < tag.upperBound, bytes[cursor] == UInt8(ascii: "=") else { continue }
            guard isLone(cursor), let value = skipSpace(from: cursor + 1, to: tag.upperBound) else { return .undecided }
            cursor = value
            guard cursor < tag.upperBound else { return .absent }
            let quote = bytes[cursor]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard isLone(cursor) else { return .undecided }
                let start = cursor + 1
                let end = index(of: quote, from: start, to: tag.upperBound) ?? tag.upperBound
                guard end == tag.upperBound || isLone(end) else { return .undecided }
                return .found(start..<end)
            }
            // Unquoted values end at white space; a non-ASCII byte may be white space (no-break space) or join.
            var end = cursor
            while end < tag.upperBound, !Self.isSpace(bytes[end]) {
                guard bytes[end] < 0x80 else { return .undecided }
                end += 1
            }
            return .found(cursor..<end)
        }
        return .absent
    }

    /// After ASCII white space from `start`: nil at a non-ASCII byte (other white space, or a mark joining the
    /// space before it).
    private func skipSpace(from start: Int, to end: Int) -> Int? {
        var k = start
        while k < end {
            let byte = bytes[k]
            guard byte < 0x80 else { return nil }
            guard Self.isSpace(byte) else { return k }
            k += 1
        }
        return k
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: the ASCII white space of `Character`.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// True when the byte at `k` is ASCII between ASCII bytes (or the ends): a Character alone, or CR LF.
    /// Controls never join another scalar but CR LF (white space either way).
    private func isLone(_ k: Int) -> Bool {
        let byte = bytes[k]
        guard byte < 0x80 else { return false }
        return byte < 0x20 || ((k == 0 || bytes[k - 1] < 0x80) && (k + 1 == bytes.count || bytes[k + 1] < 0x80))
    }

    /// The next `<img`, in any case.
    private func tagStart(from start: Int) -> Int? {
        var k = start
        while let open = index(of: UInt8(ascii: "<"), from: k) {
            if open + 3 < bytes.count, bytes[open + 1] | 0x20 == UInt8(ascii: "i"), bytes[open + 2] | 0x20 == UInt8(ascii: "m"),
               bytes[open + 3] | 0x20 == UInt8(ascii: "g") {
                return open
            }
            k = open + 1
        }
        return nil
    }

    /// The next `src`, in any case, within `range`.
    private func attributeName(in range: Range<Int>) -> Int? {
        var k = range.lowerBound
        while k + 3 <= range.upperBound {
            if bytes[k] | 0x20 == UInt8(ascii: "s"), bytes[k + 1] | 0x20 == UInt8(ascii: "r"), bytes[k + 2] | 0x20 == UInt8(ascii: "c") {
                return k
            }
            k += 1
        }
        return nil
    }

    private func index(of byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard start < end, let found = memchr(bytes.baseAddress! + start, Int32(byte), end - start) else { return nil }
        return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// `outcome`, unless an ſ (U+017F, C5 BF) comes before `end`: the one scalar Foundation's case-insensitive
    /// search takes for an ASCII letter of `<img` or `src` (for `s`; see ImageSourceTests).
    private func checked(_ outcome: Outcome, upTo end: Int) -> Outcome {
        var k = 0
        while let lead = index(of: 0xC5, from: k, to: end) {
            if lead + 1 < bytes.count, bytes[lead + 1] == 0xBF { return .undecided }
            k = lead + 1
        }
        return outcome
    }
}
