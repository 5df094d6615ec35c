internal import CXMLShim

/// The short way through the HTML most feeds carry: markup that libxml2's HTML parser reads exactly as
/// written (allowed elements, properly nested and closed, quoted or plain attributes, known references)
/// is sanitized in one pass over the bytes, with the same rules and the same output as the libxml2 path.
/// At the first thing outside that subset it gives up (nil) and `HTMLSanitizer` takes the libxml2 path:
/// the subset only decides how fast, never what comes out (tests compare both paths on the corpus and
/// on mutations of it).
enum FastSanitizer {
    static func sanitize(_ html: String, base: String?) -> String? {
        ByteText.withBytes(html) { input -> String? in
            var scanner = Scanner(input: input, base: base)
            guard scanner.run() else { return nil }
            // NOTE: the output is the input's bytes in order, ASCII markup and encoded scalars: well-formed
            // UTF-8 whenever the input is, and a String's always is. So it is not checked again.
            guard #available(macOS 26, *) else { return String(decoding: scanner.out, as: UTF8.self) }
            return String(copying: UTF8Span(unchecked: scanner.out.span, isKnownASCII: false))
        }
    }

    /// "scheme://authority" of an http(s) base, which a path-absolute reference ("/a/b") is appended to.
    struct BaseOrigin {
        let bytes: [UInt8]

        init?(_ base: String?) {
            guard let base, let scheme = URLResolver.scheme(of: base), scheme == "http" || scheme == "https" else { return nil }
            let all = Array(base.utf8)
            var i = scheme.utf8.count + 1
            guard i + 1 < all.count, all[i] == UInt8(ascii: "/"), all[i + 1] == UInt8(ascii: "/") else { return nil }
            i += 2
            let start = i
            while i < all.count && all[i] != UInt8(ascii: "/") && all[i] != UInt8(ascii: "?") && all[i] != UInt8(ascii: "#") { i += 1 }
            guard i > start else { return nil }
            bytes = Array(scheme.utf8) + Array("://".utf8) + all[start..<i]
        }
    }

    /// The attributes kept; facts: 0 kept as they are, 1 a URL, 2 the URL of an image's source.
    static let attributes = NameTable(HTMLSanitizer.allowedAttributes + HTMLSanitizer.urlAttributes) { n in
        let urls = n - HTMLSanitizer.allowedAttributes.count
        return urls < 0 ? 0 : HTMLSanitizer.urlAttributes[urls] == "src" ? 2 : 1
    }

    static let img = HTMLSanitizer.allowedElements.firstIndex(of: "img")!
}

private let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&"), semicolon = UInt8(ascii: ";")
private let slash = UInt8(ascii: "/"), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), equals = UInt8(ascii: "=")

@inline(__always) private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) private func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A }
/// Characters libxml2's HTML name reader takes after the first.
@inline(__always) private func isNameChar(_ b: UInt8) -> Bool {
    isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ":") || b == UInt8(ascii: ".")
}

private let ones: UInt64 = 0x0101_0101_0101_0101
private let highs: UInt64 = 0x8080_8080_8080_8080

@inline(__always) private func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
    let x = word ^ (ones &* UInt64(byte))
    return (x &- ones) & ~x & highs != 0
}

/// True when one of the eight bytes may be '<', '&', '>', 0xEF or a control (tab and line feed included).
@inline(__always) private func mayNeedAttention(_ word: UInt64) -> Bool {
    (word &- 0x2020_2020_2020_2020) & ~word & highs != 0
        || hasByte(word, lt) || hasByte(word, amp) || hasByte(word, gt) || hasByte(word, 0xEF)
}

/// A C0 control other than tab and line feed (carriage returns too: libxml2 may fold them), or the
/// start of U+FFFE/U+FFFF, which libxml2's HTML parser drops: the libxml2 path decides those.
@inline(__always) private func isUnsafeAt(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = p[i]
    if b < 0x20 { return b != 0x09 && b != 0x0A }
    if b == 0xEF { return i + 2 < p.count && p[i + 1] == 0xBF && p[i + 2] >= 0xBE }
    return false
}

private struct Scanner {
    let p: UnsafeBufferPointer<UInt8>
    let base: String?
    /// The base's origin, worked out at the first relative URL (most content has none).
    var origin: FastSanitizer.BaseOrigin??
    let nesting = HTMLNesting.shared
    let elements = HTMLNesting.shared.elements
    let attributes = FastSanitizer.attributes
    var i = 0
    var out: [UInt8] = []
    /// Elements written and not closed yet.
    var open: [Int] = []
    /// An attribute value, references decoded.
    var value: [UInt8] = []
    /// Attribute names of the current tag, for libxml2's rule that a repeated attribute is dropped.
    var names: [Range<Int>] = []

    init(input: UnsafeBufferPointer<UInt8>, base: String?) {
        self.p = input
        self.base = base
        out.reserveCapacity(input.count + input.count / 8 + 16)
    }

    mutating func run() -> Bool {
        let n = p.count
        while i < n {
            let start = i
            // Runs of ordinary text are copied as they are; they are found eight bytes at a time.
            let base = UnsafeRawPointer(p.baseAddress!)
            scan: while i < n {
                while i + 8 <= n && !mayNeedAttention(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
                let stop = min(n, i + 8)
                while i < stop {
                    let b = p[i]
                    if b == lt || b == amp || b == gt || b == 0xEF || (b < 0x20 && b != 0x09 && b != 0x0A) { break scan }
                    i += 1
                }
            }
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i])) }
            guard i < n else { break }
            switch p[i] {
            case lt:
                guard markup() else { return false }
            case amp:
                guard let decoded = reference() else { return false }
                appendText(decoded)
            case gt:
                out.append(contentsOf: "&gt;".utf8)
                i += 1
            default:
                if isUnsafeAt(p, i) { return false }
                out.append(p[i])
                i += 1
            }
        }
        return open.isEmpty
    }

    private mutating func appendText(_ decoded: Decoded) {
        switch decoded {
        case .literal(let range):
            HTMLEscaping.appendEscapedText(UnsafeBufferPointer(rebasing: p[range]), to: &out)
        case .scalar(let scalar):
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            default: out.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
    }

    private mutating func markup() -> Bool {
        let n = p.count
        guard i + 1 < n else { return false }
        let c = p[i + 1]
        if c == slash { return endTag() }
        if c == UInt8(ascii: "!") { return comment() }
        if isLetter(c) { return startTag() }
        return false
    }

    private mutating func comment() -> Bool {
        let n = p.count
        guard i + 3 < n, p[i + 2] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-") else { return false }
        var j = i + 4
        // "<!-->" and "<!--->" are read differently by parsers; the libxml2 path decides.
        guard j < n, p[j] != gt, !(p[j] == UInt8(ascii: "-") && j + 1 < n && p[j + 1] == gt) else { return false }
        while j + 2 < n {
            if p[j] == UInt8(ascii: "-") && p[j + 1] == UInt8(ascii: "-") {
                guard p[j + 2] == gt else { return false }
                i = j + 3
                return true
            }
            if isUnsafeAt(p, j) { return false }
            j += 1
        }
        return false
    }

    private mutating func endTag() -> Bool {
        let n = p.count
        var j = i + 2
        let nameStart = j
        guard j < n, isLetter(p[j]), let top = open.last else { return false }
        while j < n && (isLetter(p[j]) || isDigit(p[j])) { j += 1 }
        // Only the innermost open element may end here: its name, in any case.
        let name = elements.name(top)
        guard j - nameStart == name.count else { return false }
        for k in 0..<name.count where p[nameStart + k] | 0x20 != name[k] { return false }
        while j < n && isBlank(p[j]) { j += 1 }
        guard j < n, p[j] == gt else { return false }
        open.removeLast()
        out.append(contentsOf: "</".utf8)
        out.append(contentsOf: name)
        out.append(gt)
        i = j + 1
        return true
    }

    private mutating func startTag() -> Bool {
        let n = p.count
        var j = i + 1
        let nameStart = j
        while j < n && (isLetter(p[j]) || isDigit(p[j])) { j += 1 }
        let nameEnd = j
        guard j < n, isBlank(p[j]) || p[j] == gt || p[j] == slash,
              let element = elements.number(lowercasing: p, nameStart..<nameEnd) else { return false }
        let kind = nesting.kind(element)
        guard kind != .other, open.count < 64,
              nesting.isPlain(parent: open.last ?? nesting.wrapper, child: element) else { return false }
        let mark = out.count
        out.append(lt)
        out.append(contentsOf: elements.name(element))
        names.removeAll(keepingCapacity: true)
        var hasSource = false
        var selfClosing = false
        while true {
            while j < n && isBlank(p[j]) { j += 1 }
            guard j < n else { return false }
            if p[j] == gt {
                j += 1
                break
            }
            if p[j] == slash {
                guard j + 1 < n, p[j + 1] == gt else { return false }
                selfClosing = true
                j += 2
                break
            }
            guard isLetter(p[j]) else { return false }
            let attributeStart = j
            while j < n && isNameChar(p[j]) { j += 1 }
            let attributeName = attributeStart..<j
            guard attributeName.count <= 64, !isRepeated(attributeName) else { return false }
            names.append(attributeName)
            while j < n && isBlank(p[j]) { j += 1 }
            // A bare attribute has no value: the sanitizer drops it.
            guard j < n, p[j] == equals else { continue }
            j += 1
            while j < n && isBlank(p[j]) { j += 1 }
            guard attributeValue(&j) else { return false }
            guard let attribute = attributes.number(lowercasing: p, attributeName) else { continue }
            let name = attributes.name(attribute)
            switch attributes.facts(attribute) {
            case 0:
                appendAttribute(name, value)
            default:
                guard let resolved = url() else { return false }
                if attributes.facts(attribute) == 2 { hasSource = true }
                out.append(0x20)
                out.append(contentsOf: name)
                out.append(contentsOf: "=\"".utf8)
                if let origin = resolved { out.append(contentsOf: origin.bytes) }
                value.withUnsafeBufferPointer { HTMLEscaping.appendEscapedAttribute($0, to: &out) }
                out.append(quote)
            }
        }
        i = j
        if element == FastSanitizer.img && !hasSource {
            out.removeSubrange(mark...)
            return true
        }
        out.append(gt)
        if kind == .container {
            // "<p/>": libxml2 ends it at once; the libxml2 path writes what that means.
            guard !selfClosing else { return false }
            open.append(element)
        }
        return true
    }

    private func isRepeated(_ name: Range<Int>) -> Bool {
        for other in names where other.count == name.count {
            var same = true
            for k in 0..<name.count where (p[other.lowerBound + k] | 0x20) != (p[name.lowerBound + k] | 0x20) {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    private mutating func appendAttribute(_ name: UnsafeBufferPointer<UInt8>, _ value: [UInt8]) {
        out.append(0x20)
        out.append(contentsOf: name)
        out.append(contentsOf: "=\"".utf8)
        value.withUnsafeBufferPointer { HTMLEscaping.appendEscapedAttribute($0, to: &out) }
        out.append(quote)
    }

    /// The value (quoted, or plain up to a blank or '>'), references decoded, into `value`.
    private mutating func attributeValue(_ j: inout Int) -> Bool {
        let n = p.count
        value.removeAll(keepingCapacity: true)
        guard j < n else { return false }
        let delimiter = p[j]
        let quoted = delimiter == quote || delimiter == apostrophe
        if quoted { j += 1 }
        while true {
            guard j < n else { return false }
            let b = p[j]
            if quoted {
                if b == delimiter {
                    j += 1
                    return true
                }
            } else {
                if isBlank(b) || b == gt { return !value.isEmpty }
                if b == lt || b == quote || b == apostrophe || b == equals || b == UInt8(ascii: "`") { return false }
            }
            if b == amp {
                let saved = i
                i = j
                defer { i = saved }
                guard let decoded = reference() else { return false }
                switch decoded {
                case .literal(let range): value.append(contentsOf: UnsafeBufferPointer(rebasing: p[range]))
                case .scalar(let scalar): value.append(contentsOf: UTF8.encode(scalar)!)
                }
                j = i
                continue
            }
            if isUnsafeAt(p, j) { return false }
            value.append(b)
            j += 1
        }
    }

    /// How a URL attribute's `value` is written: as it is (nil inside), after the base's origin
    /// (`.some(origin)`), or not at all by this path (nil: the libxml2 path decides).
    private mutating func url() -> FastSanitizer.BaseOrigin?? {
        let bytes = value
        let isPlain = bytes.withUnsafeBufferPointer { URLResolver.isPlainSafeAbsolute($0) }
        if isPlain { return .some(nil) }
        guard let first = bytes.first else { return nil }
        for b in bytes where b <= 0x20 || b == 0x7F || b == UInt8(ascii: "\\") { return nil }
        // A scheme of any other kind, or a reference that is not "/path": the libxml2 path.
        guard first == slash, bytes.count == 1 || bytes[1] != slash else { return nil }
        guard !hasDotSegment(bytes) else { return nil }
        guard let base else { return .some(nil) }
        if origin == nil { origin = .some(FastSanitizer.BaseOrigin(base)) }
        guard let found = origin! else { return nil }
        return .some(found)
    }

    /// True when the path (before '?' or '#') has a "." or ".." segment, which resolving would remove.
    private func hasDotSegment(_ bytes: [UInt8]) -> Bool {
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "?") || b == UInt8(ascii: "#") { return false }
            if b == slash {
                var m = k + 1
                while m < bytes.count && bytes[m] == UInt8(ascii: ".") { m += 1 }
                let dots = m - k - 1
                if dots == 1 || dots == 2 {
                    if m == bytes.count { return true }
                    let next = bytes[m]
                    if next == slash || next == UInt8(ascii: "?") || next == UInt8(ascii: "#") { return true }
                }
            }
            k += 1
        }
        return false
    }

    enum Decoded {
        /// Bytes of the input kept as they are ("&", "&name", "&name;" when the name is unknown).
        case literal(Range<Int>)
        case scalar(Unicode.Scalar)
    }

    /// A reference at `i` ('&'), read as libxml2's HTML parser reads it; nil when this path leaves it
    /// to libxml2 (numeric references without ';' or out of range, names running into non-ASCII).
    private mutating func reference() -> Decoded? {
        let n = p.count
        let start = i
        guard i + 1 < n else { return nil }
        let c = p[i + 1]
        if c == UInt8(ascii: "#") {
            var j = i + 2
            let hex = j < n && (p[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < n && j - digitsStart < 8 {
                let d = p[j]
                if isDigit(d) {
                    value = value * (hex ? 16 : 10) + UInt32(d - 0x30)
                } else if hex && (d | 0x20) >= 0x61 && (d | 0x20) <= 0x66 {
                    value = value * 16 + UInt32((d | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                j += 1
            }
            guard j > digitsStart, j < n, p[j] == semicolon, isPlainCharacter(value),
                  let scalar = Unicode.Scalar(value) else { return nil }
            i = j + 1
            return .scalar(scalar)
        }
        let nameStart = i + 1
        guard isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else {
            // No name: a lone '&'. A name starting beyond ASCII goes to the libxml2 path.
            guard c < 0x80 else { return nil }
            i += 1
            return .literal(start..<start + 1)
        }
        var j = nameStart + 1
        while j < n && isNameChar(p[j]) { j += 1 }
        guard j < n, p[j] < 0x80 else { return nil }
        if p[j] == semicolon {
            let code = p.baseAddress!.advanced(by: nameStart).withMemoryRebound(to: CChar.self, capacity: j - nameStart) {
                axml_html_parser_entity($0, j - nameStart)
            }
            if code > 0, isPlainCharacter(UInt32(code)), let scalar = Unicode.Scalar(UInt32(code)) {
                i = j + 1
                return .scalar(scalar)
            }
            if code > 0 { return nil }
        }
        // Unknown name or no ';': the text stays as written (the ';', if any, is read as text next).
        i = j
        return .literal(start..<j)
    }

    private func isPlainCharacter(_ value: UInt32) -> Bool {
        if value < 0x20 { return value == 0x09 || value == 0x0A }
        if value >= 0x7F && value <= 0x9F { return false }
        if value >= 0xD800 && value <= 0xDFFF { return false }
        return value != 0xFFFE && value != 0xFFFF && value < 0x110000
    }
}
