internal import CXMLShim

/// One pass of `FastSanitizer` over a fragment: text, tags and comments here, attribute values, URLs and
/// references in FastScanner+Values.swift.
struct FastScanner: ~Copyable {
    let p: UnsafeBufferPointer<UInt8>
    let base: String?
    let root: RootRelativeBase?
    let nesting = HTMLNesting.shared
    let elements = HTMLNesting.shared.elements
    var i = 0
    var out: ByteWriter
    /// Elements written and not closed yet.
    var open: [Int] = []
    /// An attribute value: where it is in the input when it holds no reference, else decoded in `value`.
    var valueRange: Range<Int>?
    var value: [UInt8] = []
    /// Attribute names of the current tag, for libxml2's rule that a repeated attribute is dropped.
    var names: [Range<Int>] = []

    init(input: UnsafeBufferPointer<UInt8>, base: String?) {
        self.p = input
        self.base = base
        root = RootRelativeBase(base)
        // Relative links grow when resolved; most fragments fit at once.
        out = ByteWriter(capacity: input.count + input.count / 4 + 64)
    }

    mutating func run() -> Bool {
        let n = p.count
        while i < n {
            let start = i
            // Runs of ordinary text are copied as they are; their end is found 16 bytes at a time.
            i += axml_markup_stop(p.baseAddress! + i, n - i)
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i])) }
            guard i < n else { break }
            switch p[i] {
            case MarkupBytes.lt:
                guard markup() else { return false }
            case MarkupBytes.amp:
                guard let decoded = reference() else { return false }
                appendText(decoded)
            case MarkupBytes.gt:
                out.append(literal: "&gt;")
                i += 1
            default:
                if MarkupBytes.isUnsafeAt(p, i) { return false }
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
            case "&": out.append(literal: "&amp;")
            case "<": out.append(literal: "&lt;")
            case ">": out.append(literal: "&gt;")
            default: for byte in UTF8.encode(scalar)! { out.append(byte) }
            }
        }
    }

    private mutating func markup() -> Bool {
        let n = p.count
        guard i + 1 < n else { return false }
        let c = p[i + 1]
        if c == MarkupBytes.slash { return endTag() }
        if c == UInt8(ascii: "!") { return comment() }
        if MarkupBytes.isLetter(c) { return startTag() }
        return false
    }

    private mutating func comment() -> Bool {
        let n = p.count
        guard i + 3 < n, p[i + 2] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-") else { return false }
        var j = i + 4
        // "<!-->" and "<!--->" are read differently by parsers; the libxml2 path decides.
        guard j < n, p[j] != MarkupBytes.gt, !(p[j] == UInt8(ascii: "-") && j + 1 < n && p[j + 1] == MarkupBytes.gt) else { return false }
        while j + 2 < n {
            if p[j] == UInt8(ascii: "-") && p[j + 1] == UInt8(ascii: "-") {
                guard p[j + 2] == MarkupBytes.gt else { return false }
                i = j + 3
                return true
            }
            if MarkupBytes.isUnsafeAt(p, j) { return false }
            j += 1
        }
        return false
    }

    private mutating func endTag() -> Bool {
        let n = p.count
        var j = i + 2
        let nameStart = j
        guard j < n, MarkupBytes.isLetter(p[j]), let top = open.last else { return false }
        while j < n && (MarkupBytes.isLetter(p[j]) || isDigit(p[j])) { j += 1 }
        // Only the innermost open element may end here: its name, in any case.
        let name = elements.name(top)
        guard j - nameStart == name.count else { return false }
        for k in 0..<name.count where p[nameStart + k] | 0x20 != name[k] { return false }
        while j < n && MarkupBytes.isBlank(p[j]) { j += 1 }
        guard j < n, p[j] == MarkupBytes.gt else { return false }
        open.removeLast()
        out.append(literal: "</")
        out.append(contentsOf: name)
        out.append(MarkupBytes.gt)
        i = j + 1
        return true
    }

    /// Past the content of a raw-text element and its end tag, written exactly `</name>` in any case; false
    /// for anything libxml2 might read otherwise (another spelling of the end tag, an unsafe byte, no end).
    private mutating func skipRawText(_ element: Int) -> Bool {
        let n = p.count
        let name = elements.name(element)
        var j = i
        while j < n {
            let b = p[j]
            if b == MarkupBytes.lt && j + 1 < n && p[j + 1] == MarkupBytes.slash {
                // libxml2 ends the content at the first "</" followed by the name, in any case.
                var k = 0
                while k < name.count && j + 2 + k < n && p[j + 2 + k] | 0x20 == name[k] { k += 1 }
                if k == name.count {
                    guard j + 2 + k < n, p[j + 2 + k] == MarkupBytes.gt else { return false }
                    i = j + 3 + k
                    return true
                }
                // Content that starts with "</" is read as an end tag before any raw text.
                if j == i { return false }
            } else if MarkupBytes.isUnsafeAt(p, j) {
                return false
            }
            j += 1
        }
        return false
    }

    private mutating func startTag() -> Bool {
        let n = p.count
        var j = i + 1
        let nameStart = j
        while j < n && (MarkupBytes.isLetter(p[j]) || isDigit(p[j])) { j += 1 }
        let nameEnd = j
        guard j < n, MarkupBytes.isBlank(p[j]) || p[j] == MarkupBytes.gt || p[j] == MarkupBytes.slash,
              let element = elements.number(lowercasing: p, nameStart..<nameEnd) else { return false }
        let kind = nesting.kind(element)
        guard kind != .other, open.count < 64,
              nesting.isPlain(parent: open.last ?? nesting.wrapper, child: element) else { return false }
        let mark = out.count
        out.append(MarkupBytes.lt)
        out.append(contentsOf: elements.name(element))
        names.removeAll(keepingCapacity: true)
        var hasSource = false
        var selfClosing = false
        while true {
            while j < n && MarkupBytes.isBlank(p[j]) { j += 1 }
            guard j < n else { return false }
            if p[j] == MarkupBytes.gt {
                j += 1
                break
            }
            if p[j] == MarkupBytes.slash {
                guard j + 1 < n, p[j + 1] == MarkupBytes.gt else { return false }
                selfClosing = true
                j += 2
                break
            }
            guard MarkupBytes.isLetter(p[j]) else { return false }
            let attributeStart = j
            while j < n && MarkupBytes.isNameChar(p[j]) { j += 1 }
            let attributeName = attributeStart..<j
            guard attributeName.count <= 64, !isRepeated(attributeName) else { return false }
            names.append(attributeName)
            while j < n && MarkupBytes.isBlank(p[j]) { j += 1 }
            // A bare attribute has no value: the sanitizer drops it.
            guard j < n, p[j] == MarkupBytes.equals else { continue }
            j += 1
            while j < n && MarkupBytes.isBlank(p[j]) { j += 1 }
            guard attributeValue(&j) else { return false }
            guard let attribute = HTMLSanitizer.attributes.number(lowercasing: p, attributeName) else { continue }
            let written: Bool
            if let valueRange {
                written = HTMLSanitizer.appendAttribute(attribute, value: UnsafeBufferPointer(rebasing: p[valueRange]), base: base, root: root, to: &out)
            } else {
                written = value.withUnsafeBufferPointer {
                    HTMLSanitizer.appendAttribute(attribute, value: $0, base: base, root: root, to: &out)
                }
            }
            if written && HTMLSanitizer.attributes.facts(attribute) == 2 { hasSource = true }
        }
        i = j
        if kind == .rawText {
            out.truncate(to: mark)
            // "<script/>": libxml2 ends it at once; the libxml2 path writes what that means.
            return !selfClosing && skipRawText(element)
        }
        if element == FastSanitizer.img && !hasSource {
            out.truncate(to: mark)
            return true
        }
        out.append(MarkupBytes.gt)
        if kind == .container {
            // "<p/>": libxml2 ends it at once; the libxml2 path writes what that means.
            guard !selfClosing else { return false }
            open.append(element)
        }
        return true
    }
}
