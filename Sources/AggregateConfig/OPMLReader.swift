import Foundation

/// A small, tolerant reader of OPML: it looks only at `<outline …>` elements and their attributes.
///
/// OPML is flat attribute data, so a full XML parser is not needed here (and this module must not link
/// a second XML stack). Comments, CDATA, processing instructions and the DOCTYPE are skipped; unknown
/// entities and stray `&` are kept as text, as feed readers' exports often contain them.
struct OPMLReader {
    struct Element {
        var attributes: [String: String]
        var line: Int
    }

    enum Event {
        case open(Element)       // `<outline …>` with children to come
        case empty(Element)      // `<outline …/>`
        case close               // `</outline>`
    }

    private(set) var sawOPMLRoot = false
    private(set) var events: [Event] = []
    /// Where the markup could not be read; reading stopped there.
    private(set) var damage: (line: Int, message: String)?

    init(_ text: String) {
        let chars = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        func advance(to end: Int) {
            while i < end && i < chars.count {
                if chars[i] == "\n" { line += 1 }
                i += 1
            }
        }
        func find(_ needle: String, from start: Int) -> Int? {
            let n = Array(needle.unicodeScalars)
            var j = start
            while j + n.count <= chars.count {
                if chars[j] == n[0], (0..<n.count).allSatisfy({ chars[j + $0] == n[$0] }) { return j }
                j += 1
            }
            return nil
        }
        func startsWith(_ prefix: String, at j: Int) -> Bool {
            let p = Array(prefix.unicodeScalars)
            return j + p.count <= chars.count && (0..<p.count).allSatisfy { chars[j + $0] == p[$0] }
        }

        while i < chars.count {
            guard chars[i] == "<" else {
                advance(to: i + 1)
                continue
            }
            let skips: [(String, String)] = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">")]
            if let (open, close) = skips.first(where: { startsWith($0.0, at: i) }) {
                guard let end = find(close, from: i + open.unicodeScalars.count) else {
                    damage = (line, "\(open) is never closed with \(close)")
                    return
                }
                advance(to: end + close.unicodeScalars.count)
                continue
            }
            let tagLine = line
            // Read the tag up to its '>', honouring quoted attribute values that may contain '>'.
            var j = i + 1
            var quote: Unicode.Scalar? = nil
            while j < chars.count {
                let c = chars[j]
                if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { break }
                j += 1
            }
            guard j < chars.count else {
                damage = (tagLine, "a tag is never closed with '>'")
                return
            }
            let tag = String(String.UnicodeScalarView(chars[(i + 1)..<j]))
            advance(to: j + 1)
            handle(tag, line: tagLine)
        }
    }

    private mutating func handle(_ tag: String, line: Int) {
        if tag.hasPrefix("/") {
            if Self.localName(tag.dropFirst().trimmingCharacters(in: .whitespaces)) == "outline" { events.append(.close) }
            return
        }
        var body = Substring(tag)
        let selfClosing = body.hasSuffix("/")
        if selfClosing { body = body.dropLast() }
        let nameEnd = body.firstIndex(where: { $0.isWhitespace }) ?? body.endIndex
        let name = Self.localName(String(body[..<nameEnd]))
        if name == "opml" { sawOPMLRoot = true }
        guard name == "outline" else { return }
        let element = Element(attributes: Self.attributes(body[nameEnd...]), line: line)
        events.append(selfClosing ? .empty(element) : .open(element))
    }

    /// Lower-cased name without a namespace prefix: `OUTLINE`, `opml:outline` → `outline`.
    static func localName(_ name: String) -> String {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        return local.lowercased()
    }

    /// `name="value"` and `name='value'` pairs; names lower-cased, since exports differ (`xmlUrl`, `xmlurl`).
    static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        func skipSpace() { while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) } }
        while true {
            skipSpace()
            guard index < text.endIndex else { break }
            let nameStart = index
            while index < text.endIndex, !text[index].isWhitespace, text[index] != "=" { index = text.index(after: index) }
            let name = text[nameStart..<index].lowercased()
            skipSpace()
            guard index < text.endIndex, text[index] == "=" else { continue }
            index = text.index(after: index)
            skipSpace()
            guard index < text.endIndex else { break }
            let value: Substring
            if text[index] == "\"" || text[index] == "'" {
                let quote = text[index]
                let start = text.index(after: index)
                let end = text[start...].firstIndex(of: quote) ?? text.endIndex
                value = text[start..<end]
                index = end < text.endIndex ? text.index(after: end) : end
            } else {
                // NOTE: unquoted values are not XML, but hand-edited OPML files have them.
                let start = index
                while index < text.endIndex, !text[index].isWhitespace { index = text.index(after: index) }
                value = text[start..<index]
            }
            if result[name] == nil { result[name] = XMLEntities.decode(value) }
        }
        return result
    }

    /// Text from OPML bytes: UTF-8 unless a BOM or the XML declaration says otherwise.
    static func decode(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        if let range = head.range(of: "encoding="), head[..<range.lowerBound].contains("<?xml") {
            let declared = head[range.upperBound...].dropFirst().prefix(while: { $0 != "\"" && $0 != "'" })
            switch declared {
            case "iso-8859-1", "latin1", "latin-1", "us-ascii": return String(data: data, encoding: .isoLatin1)
            case "windows-1252", "cp1252": return String(data: data, encoding: .windowsCP1252)
            default: break
            }
        }
        if let text = String(data: data, encoding: .utf8) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        // NOTE: some exporters write Windows-1252 while declaring nothing; read it rather than refuse.
        return String(data: data, encoding: .windowsCP1252)
    }
}
