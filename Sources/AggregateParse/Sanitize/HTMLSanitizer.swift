/// Allow-list HTML sanitizer on libxml2's HTML parser: what is republished can show text, links,
/// images and media, and nothing that runs, overlays or phones home through a script URL.
enum HTMLSanitizer {
    /// `html` with only allowed elements and attributes, URLs made absolute against `base`.
    static func sanitize(_ html: String, base: String?) -> String {
        // Text without tags needs no parser (libxml2's HTML parser is several times slower per byte
        // than its XML parser): decode the references, escape again.
        if !ByteText.contains(html, byte: UInt8(ascii: "<")) {
            let hasAmpersand = ByteText.contains(html, byte: UInt8(ascii: "&"))
            if !hasAmpersand && !ByteText.contains(html, byte: UInt8(ascii: ">")) { return html }
            return HTMLEscaping.escape(hasAmpersand ? PlainText.decodeEntities(html) : html)
        }
        if fastPath, let fast = FastSanitizer.sanitize(html, base: base) { return fast }
        let sink = Sink(base: base)
        // A wrapper keeps libxml2 from inventing <p> or <html> around top-level text.
        var input: [UInt8] = []
        input.reserveCapacity(html.utf8.count + 12)
        input.append(literal: "<div>")
        input.append(contentsOf: html.utf8)
        input.append(literal: "</div>")
        sink.out.reserveCapacity(html.utf8.count)
        HTMLStream.parse(input, into: sink)
        return sink.finish()
    }

    /// Whether markup libxml2 reads as written takes the short way (`FastSanitizer`); tests turn it off
    /// to compare both ways.
    @TaskLocal static var fastPath = true

    /// Kept with their allowed attributes.
    static let allowedElements: [String] = [
        "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote",
        "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
        "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp",
        "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
    ]

    /// Removed together with everything inside them: executable, embedding, interactive or invisible.
    static let droppedWithContent: [String] = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
        "noframes", "template", "svg", "math", "input", "button", "select", "textarea", "option", "head",
        "title", "meta", "link", "base", "param", "canvas", "dialog", "portal", "xml", "area", "map", "keygen",
    ]

    static let allowedAttributes: [String] = [
        "alt", "title", "lang", "dir", "width", "height", "colspan", "rowspan", "align", "valign", "datetime",
        "start", "reversed", "type", "scope", "abbr", "span", "controls", "loop", "muted", "preload", "label",
        "kind", "srclang", "summary", "headers", "value",
    ]

    /// Attributes holding a URL: kept only for http, https and mailto, made absolute.
    static let urlAttributes: [String] = ["href", "src", "cite", "poster"]

    private enum ElementRule {
        case keep(name: [UInt8], isVoid: Bool)
        case drop
    }

    // Immutable tables keyed by packed names: lookups allocate nothing and are safe from any thread.
    private static let elementRules: [PackedName: ElementRule] = {
        var table: [PackedName: ElementRule] = [:]
        for name in allowedElements { table[PackedName(name)!] = .keep(name: Array(name.utf8), isVoid: HTMLEscaping.voidElements.contains(name)) }
        for name in droppedWithContent { table[PackedName(name)!] = .drop }
        return table
    }()

    /// The attributes kept, for both ways; facts: 0 kept as they are, 1 a URL, 2 the URL of an image's source.
    static let attributes = NameTable(allowedAttributes + urlAttributes) { n in
        let urls = n - allowedAttributes.count
        return urls < 0 ? 0 : urlAttributes[urls] == "src" ? 2 : 1
    }

    /// Writes ` name="value"` for the allowed attribute numbered `n`, a URL resolved against `base`; false
    /// (nothing written) for a URL not fit to republish. Both ways write attributes through it.
    /// `root` is `RootRelativeBase(base)`, made once per fragment.
    static func appendAttribute<Out: ByteSink & ~Copyable>(
        _ n: Int, value: UnsafeBufferPointer<UInt8>, base: String?, root: RootRelativeBase?, to out: inout Out
    ) -> Bool {
        var resolved: String?
        // Most links are already absolute http(s) URLs: those are kept as they are, without making Strings
        // (safeURL would return them unchanged).
        if attributes.facts(n) != 0 && !URLResolver.isPlainSafeAbsolute(value) {
            if let root, RootRelativeBase.isPlainRootRelative(value) {
                appendName(n, to: &out)
                root.appendResolved(value, to: &out)
                out.append(UInt8(ascii: "\""))
                return true
            }
            guard let url = safeURL(String(decoding: value, as: UTF8.self), base: base) else { return false }
            resolved = url
        }
        appendName(n, to: &out)
        if let resolved {
            HTMLEscaping.appendEscapedAttribute(resolved, to: &out)
        } else {
            HTMLEscaping.appendEscapedAttribute(value, to: &out)
        }
        out.append(UInt8(ascii: "\""))
        return true
    }

    /// ` name="`
    private static func appendName<Out: ByteSink & ~Copyable>(_ n: Int, to out: inout Out) {
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: attributes.name(n))
        out.append(literal: "=\"")
    }

    private static let imgKey = PackedName("img")!

    /// A URL fit to republish, absolute when a base is known, or nil.
    static func safeURL(_ raw: String, base: String?) -> String? {
        // Browsers ignore tabs and newlines inside URLs ("java\nscript:"), so the check must too.
        var cleaned = raw
        if raw.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            cleaned = String(decoding: raw.utf8.filter { !($0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }, as: UTF8.self)
        }
        let resolved = URLResolver.resolve(cleaned, against: base)
        if URLResolver.schemeLength(resolved) == nil {
            // Still relative (no base known): no scheme, nothing to run.
            return resolved.isEmpty ? nil : resolved
        }
        return URLResolver.isSafeAbsolute(resolved) ? resolved : nil
    }

    private final class Sink: HTMLEventSink {
        let base: String?
        var out: [UInt8] = []
        /// Depth inside an element dropped with its content (libxml2 pairs every start with an end).
        var skipDepth = 0
        var sawWrapper = false
        /// Names of the elements written and not yet closed.
        var open: [[UInt8]] = []
        var openKeys: [PackedName] = []

        let root: RootRelativeBase?

        init(base: String?) {
            self.base = base
            root = RootRelativeBase(base)
        }

        func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafePointer<UnsafePointer<CChar>?>?) {
            if skipDepth > 0 {
                skipDepth += 1
                return
            }
            if !sawWrapper {
                sawWrapper = true  // our own <div>
                return
            }
            guard let key = PackedName(name), let rule = HTMLSanitizer.elementRules[key] else { return }
            guard case .keep(let tag, let isVoid) = rule else {
                skipDepth = 1
                return
            }
            let mark = out.count
            out.append(UInt8(ascii: "<"))
            out.append(contentsOf: tag)
            var hasSource = false
            if let attributes {
                var i = 0
                while let attributeName = attributes[i] {
                    defer { i += 2 }
                    guard let value = attributes[i + 1],
                          let n = HTMLSanitizer.attributes.number(lowercasing: attributeName) else { continue }
                    let length = strlen(value)
                    let written = value.withMemoryRebound(to: UInt8.self, capacity: length) {
                        HTMLSanitizer.appendAttribute(n, value: UnsafeBufferPointer(start: $0, count: length), base: base, root: root, to: &out)
                    }
                    if written && HTMLSanitizer.attributes.facts(n) == 2 { hasSource = true }
                }
            }
            if key == HTMLSanitizer.imgKey && !hasSource {
                out.removeSubrange(mark...)
                return
            }
            out.append(UInt8(ascii: ">"))
            if !isVoid {
                open.append(tag)
                openKeys.append(key)
            }
        }

        func end(_ name: UnsafePointer<CChar>) {
            if skipDepth > 0 {
                skipDepth -= 1
                return
            }
            guard let key = PackedName(name), let i = openKeys.lastIndex(of: key) else { return }
            while open.count > i {
                let closing = open.removeLast()
                openKeys.removeLast()
                out.append(literal: "</")
                out.append(contentsOf: closing)
                out.append(UInt8(ascii: ">"))
            }
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard skipDepth == 0 else { return }
            HTMLEscaping.appendEscapedText(bytes, to: &out)
        }

        func finish() -> String {
            while let closing = open.popLast() {
                out.append(literal: "</")
                out.append(contentsOf: closing)
                out.append(UInt8(ascii: ">"))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// For the fuzzer: the same parse with every fragment sanitized the libxml2 way, to compare with the
/// short way's (`FastSanitizer`) on inputs nobody wrote by hand.
@_spi(Fuzzing) public enum SanitizerWays {
    public static func libxml2Only<T>(_ body: () throws -> T) rethrows -> T {
        try HTMLSanitizer.$fastPath.withValue(false, operation: body)
    }
}
