/// A strict scan of HTML (a whole page or a fragment) for anything that could run script, submit, embed
/// or overlay in a browser. Used by the hostile-input tests and the parser fuzzer on what `aggregate`
/// republishes; it is deliberately stricter than a browser needs (a raw `<` inside an attribute value,
/// any `style`, any `on…` attribute are findings), so that a finding is worth a look even when harmless.
public enum ActiveContentScan {
    /// Elements that never belong in a republished page or item.
    public static let forbiddenElements: Set<String> = [
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
        "textarea", "select", "option", "svg", "math", "base", "noscript", "template", "portal", "xmp",
        "plaintext", "listing", "noembed", "noframes", "style", "isindex", "keygen", "dialog", "canvas",
        "param", "xml", "import",
    ]

    /// Attributes whose value is a URL a browser may load or follow.
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "poster", "cite", "data", "background", "srcset", "lowsrc",
        "dynsrc", "longdesc", "xlink:href", "ping", "codebase", "manifest", "icon",
    ]

    /// One line per finding (`<img onerror=…>`, `javascript: URL in href`); empty when the HTML is clean.
    /// `page` allows the head elements a whole page needs (`meta`, `link` to a stylesheet or feed).
    public static func findings(inHTML html: String, page: Bool = false) -> [String] {
        var findings: [String] = []
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "!") || bytes[j] == UInt8(ascii: "?") {
                // Comments, doctype, processing instructions, CDATA: nothing inside may look like a tag.
                let end = find(bytes, ">", from: j) ?? bytes.count
                let inner = lower(bytes[j..<end])
                if !inner.hasPrefix("!doctype html") {
                    findings.append("markup declaration or comment <\(inner.prefix(40))>")
                }
                i = end + 1
                continue
            }
            if j < bytes.count, bytes[j] == UInt8(ascii: "/") { j += 1 }
            let nameStart = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            if j == nameStart {
                // "<" followed by no name is text to a browser ("a < b" escaped badly, still inert).
                i += 1
                continue
            }
            let name = lower(bytes[nameStart..<j])
            let (attributes, end) = readAttributes(bytes, from: j)
            i = end + 1
            if bytes[nameStart - 1] == UInt8(ascii: "/") { continue }
            if forbiddenElements.contains(name) || name.contains(":") {
                findings.append("element <\(name)>")
            }
            if name == "meta" {
                if !page || attributes.contains(where: { $0.name == "http-equiv" }) { findings.append("element <meta> \(attributes.map(\.name))") }
            }
            if name == "link" {
                let rel = attributes.first { $0.name == "rel" }?.value.lowercased() ?? ""
                if !page || !["stylesheet", "alternate", "canonical"].contains(rel) { findings.append("element <link rel=\"\(rel)\">") }
            }
            for attribute in attributes {
                findings.append(contentsOf: check(attribute, in: name))
            }
        }
        return findings
    }

    /// Findings for a URL an item links to (`link`, `url`, `href` of a feed): only http and https pass.
    public static func findings(inLink link: String) -> [String] {
        let cleaned = normalizedURL(link)
        if cleaned.hasPrefix("http://") || cleaned.hasPrefix("https://") { return [] }
        return ["link is not http(s): \(link.prefix(80))"]
    }

    private static func check(_ attribute: (name: String, value: String, unquoted: Bool), in element: String) -> [String] {
        var findings: [String] = []
        let name = attribute.name
        if name.hasPrefix("on") { findings.append("event handler \(name) on <\(element)>") }
        if name == "style" { findings.append("style attribute on <\(element)>") }
        if name == "srcdoc" || name == "formaction" || name == "xmlns" || name.contains(":") && name != "xml:lang" {
            findings.append("attribute \(name) on <\(element)>")
        }
        if name == "http-equiv" { findings.append("http-equiv on <\(element)>") }
        if name.contains("<") || name.contains("\"") || name.contains("'") || name.contains("`") {
            findings.append("malformed attribute name \(name.prefix(20)) on <\(element)>")
        }
        // Old browsers took backticks for quotes: unquoted `x`onerror=… was two attributes to them.
        if attribute.unquoted && attribute.value.contains("`") { findings.append("backtick in unquoted attribute \(name) of <\(element)>") }
        if attribute.value.utf8.contains(UInt8(ascii: "<")) {
            findings.append("raw < in attribute \(name) of <\(element)>")
        }
        if urlAttributes.contains(name) || name.hasSuffix("src") || name.hasSuffix("href") {
            let url = normalizedURL(decodeEntities(attribute.value))
            for scheme in ["javascript:", "vbscript:", "data:", "livescript:", "mocha:", "file:", "jar:", "feed:"] where url.hasPrefix(scheme) {
                findings.append("\(scheme) URL in \(name) of <\(element)>")
            }
        }
        return findings
    }

    /// Lower-cased, without the control characters, spaces and tabs browsers skip inside a scheme.
    private static func normalizedURL(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars where scalar.value > 0x20 && scalar.value != 0x7F {
            out.unicodeScalars.append(scalar)
        }
        return out.lowercased()
    }

    /// Character references browsers decode inside attribute values (enough of them to unmask a scheme).
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[rest.index(after: amp)...]
            var reference = ""
            var cursor = rest.startIndex
            while cursor < rest.endIndex, reference.count < 32, rest[cursor].isLetter || rest[cursor].isNumber || rest[cursor] == "#" {
                reference.append(rest[cursor])
                cursor = rest.index(after: cursor)
            }
            var scalar: Unicode.Scalar?
            if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
                scalar = UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if reference.hasPrefix("#") {
                scalar = UInt32(reference.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                let named: [String: Unicode.Scalar] = [
                    "colon": ":", "tab": "\t", "newline": "\n", "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'",
                    "sol": "/", "lpar": "(", "rpar": ")", "period": ".",
                ]
                scalar = named[reference.lowercased()]
            }
            if let scalar {
                out.unicodeScalars.append(scalar)
                rest = rest[cursor...]
                if rest.first == ";" { rest = rest.dropFirst() }
            } else {
                out += "&"
            }
        }
        return out + rest
    }

    /// Attributes of a tag from just after its name to its closing `>`, with the index of that `>`.
    private static func readAttributes(_ bytes: [UInt8], from start: Int) -> ([(name: String, value: String, unquoted: Bool)], Int) {
        var attributes: [(name: String, value: String, unquoted: Bool)] = []
        var i = start
        func skipSpace() { while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") { i += 1 } }
        while true {
            skipSpace()
            guard i < bytes.count else { return (attributes, bytes.count) }
            if bytes[i] == UInt8(ascii: ">") { return (attributes, i) }
            let nameStart = i
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "="),
                bytes[i] != UInt8(ascii: "/") || i == nameStart {
                i += 1
            }
            let name = lower(bytes[nameStart..<i])
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            var value = ""
            var unquoted = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                i += 1
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                    let quote = bytes[i]
                    let valueStart = i + 1
                    i = valueStart
                    while i < bytes.count, bytes[i] != quote { i += 1 }
                    value = String(decoding: bytes[valueStart..<min(i, bytes.count)], as: UTF8.self)
                    i += 1
                } else {
                    let valueStart = i
                    unquoted = true
                    while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                    value = String(decoding: bytes[valueStart..<i], as: UTF8.self)
                }
            }
            if !name.isEmpty { attributes.append((name, value, unquoted)) }
        }
    }

    private static func find(_ bytes: [UInt8], _ character: Unicode.Scalar, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: character) { return i }
            i += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    private static func lower(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
