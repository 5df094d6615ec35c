/// Allow-list HTML sanitizer on libxml2's HTML parser: what is republished can show text, links,
/// images and media, and nothing that runs, overlays or phones home through a script URL.
enum HTMLSanitizer {
    /// `html` with only allowed elements and attributes, URLs made absolute against `base`.
    static func sanitize(_ html: String, base: String?) -> String {
        if !html.utf8.contains(UInt8(ascii: "<")) && !html.utf8.contains(UInt8(ascii: "&")) {
            return html.utf8.contains(UInt8(ascii: ">")) ? HTMLEscaping.escape(html) : html
        }
        let sink = Sink(base: base)
        // A wrapper keeps libxml2 from inventing <p> or <html> around top-level text.
        var input: [UInt8] = Array("<div>".utf8)
        input.reserveCapacity(html.utf8.count + 12)
        input.append(contentsOf: html.utf8)
        input.append(contentsOf: "</div>".utf8)
        HTMLStream.parse(input, into: sink)
        return sink.finish()
    }

    /// Kept with their allowed attributes.
    static let allowedElements: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote",
        "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
        "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp",
        "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
    ]

    /// Removed together with everything inside them: executable, embedding, interactive or invisible.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
        "noframes", "template", "svg", "math", "input", "button", "select", "textarea", "option", "head",
        "title", "meta", "link", "base", "param", "canvas", "dialog", "portal", "xml",
    ]

    static let allowedAttributes: Set<String> = [
        "alt", "title", "lang", "dir", "width", "height", "colspan", "rowspan", "align", "valign", "datetime",
        "start", "reversed", "type", "scope", "abbr", "span", "controls", "loop", "muted", "preload", "label",
        "kind", "srclang", "summary", "headers", "value",
    ]

    /// Attributes holding a URL: kept only for http, https and mailto, made absolute.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]

    /// A URL fit to republish, absolute when a base is known, or nil.
    static func safeURL(_ raw: String, base: String?) -> String? {
        // Browsers ignore tabs and newlines inside URLs ("java\nscript:"), so the check must too.
        var cleaned = raw
        if raw.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            cleaned = String(decoding: raw.utf8.filter { !($0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }, as: UTF8.self)
        }
        let resolved = URLResolver.resolve(cleaned, against: base)
        if URLResolver.schemeLength(resolved) == nil {
            // Still relative (no base known); a colon before any slash would make it a scheme.
            return resolved.isEmpty ? nil : resolved
        }
        return URLResolver.isSafeAbsolute(resolved) ? resolved : nil
    }

    private final class Sink: HTMLEventSink {
        let base: String?
        var out: [UInt8] = []
        var skipDepth = 0
        var depth = 0
        var open: [String] = []

        init(base: String?) { self.base = base }

        func start(_ name: String, _ attributes: [(String, String)]) {
            depth += 1
            if skipDepth > 0 {
                if !HTMLEscaping.voidElements.contains(name) { skipDepth += 1 }
                return
            }
            if depth == 1 { return }  // our wrapper
            if HTMLSanitizer.droppedWithContent.contains(name) {
                if !HTMLEscaping.voidElements.contains(name) { skipDepth = 1 }
                return
            }
            guard HTMLSanitizer.allowedElements.contains(name) else { return }
            var kept: [(String, String)] = []
            var hasSource = false
            for (attribute, value) in attributes {
                if HTMLSanitizer.urlAttributes.contains(attribute) {
                    if let url = HTMLSanitizer.safeURL(value, base: base) {
                        kept.append((attribute, url))
                        if attribute == "src" { hasSource = true }
                    }
                } else if HTMLSanitizer.allowedAttributes.contains(attribute) {
                    kept.append((attribute, value))
                }
            }
            if name == "img" && !hasSource { return }
            out.append(UInt8(ascii: "<"))
            out.append(contentsOf: name.utf8)
            for (attribute, value) in kept {
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: attribute.utf8)
                out.append(contentsOf: "=\"".utf8)
                HTMLEscaping.appendEscapedAttribute(value, to: &out)
                out.append(UInt8(ascii: "\""))
            }
            out.append(UInt8(ascii: ">"))
            if !HTMLEscaping.voidElements.contains(name) { open.append(name) }
        }

        func end(_ name: String) {
            defer { depth -= 1 }
            if skipDepth > 0 {
                if !HTMLEscaping.voidElements.contains(name) { skipDepth -= 1 }
                return
            }
            guard let i = open.lastIndex(of: name) else { return }
            while open.count > i {
                let closing = open.removeLast()
                out.append(contentsOf: "</".utf8)
                out.append(contentsOf: closing.utf8)
                out.append(UInt8(ascii: ">"))
            }
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard skipDepth == 0 else { return }
            HTMLEscaping.appendEscapedText(bytes, to: &out)
        }

        func finish() -> String {
            while let closing = open.popLast() {
                out.append(contentsOf: "</".utf8)
                out.append(contentsOf: closing.utf8)
                out.append(UInt8(ascii: ">"))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
