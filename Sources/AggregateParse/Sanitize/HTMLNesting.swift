import Synchronization

/// Which elements, and which parent–child pairs of them, libxml2's HTML parser reads exactly as written:
/// no element closed or opened behind the document's back, text kept as it is. `FastSanitizer` may only
/// take the short way through markup made of those. The answers are probed on the linked libxml2 itself
/// (its auto-closing tables differ between versions), each pair once per process, when first met.
final class HTMLNesting: Sendable {
    static let shared = HTMLNesting()

    enum Kind: UInt8 {
        /// Not taken by the fast path.
        case other
        /// Has content and an end tag; libxml2 keeps both as written.
        case container
        /// No content; libxml2 ends it at once, and the sanitizer writes no end tag.
        case void
        /// Dropped with its content, which libxml2 reads as raw text up to its end tag (`<script>`, `<style>`).
        case rawText
    }

    /// Elements dropped with their content that the short way skips: embeds and trackers bring them into
    /// real feeds' HTML (a tweet's `<script async src=…>`), and each sent its fragment the libxml2 way.
    static let rawTextElements = ["script", "style"]

    /// The elements the sanitizer keeps, then `rawTextElements`; each one's facts are its `Kind`.
    let elements: NameTable
    let wrapper: Int
    /// parent * count + child → 0 not probed yet, 1 read as written, 2 not.
    private let pairs: Mutex<[UInt8]>

    private init() {
        let names = HTMLSanitizer.allowedElements + Self.rawTextElements
        let kinds = HTMLSanitizer.allowedElements.map(Self.probeKind) + Self.rawTextElements.map(Self.probeRawText)
        elements = NameTable(names) { kinds[$0].rawValue }
        wrapper = names.firstIndex(of: "div")!
        pairs = Mutex([UInt8](repeating: 0, count: names.count * names.count))
    }

    func kind(_ element: Int) -> Kind { Kind(rawValue: elements.facts(element))! }

    /// True when `child` directly inside `parent` (a container) is read as written.
    func isPlain(parent: Int, child: Int) -> Bool {
        let slot = parent * elements.count + child
        let known = pairs.withLock { $0[slot] }
        if known != 0 { return known == 1 }
        let plain = Self.probePair(parent: String(decoding: elements.name(parent), as: UTF8.self),
                                   child: String(decoding: elements.name(child), as: UTF8.self), childKind: kind(child))
        pairs.withLock { $0[slot] = plain ? 1 : 2 }
        return plain
    }

    private static func probeKind(_ name: String) -> Kind {
        if HTMLEscaping.voidElements.contains(name) {
            let events = Recorder.events(of: "<div><\(name)>\n x</div>")
            return events == ["<div", "<\(name)", ">\(name)", "t\n x", ">div"] ? .void : .other
        }
        let events = Recorder.events(of: "<div><\(name)>\n x</\(name)></div>")
        return events == ["<div", "<\(name)", "t\n x", ">\(name)", ">div"] ? .container : .other
    }

    /// Raw text: markup and references inside are text, up to the first `</name`.
    private static func probeRawText(_ name: String) -> Kind {
        let events = Recorder.events(of: "<div><\(name)>\n a<b>&amp;c</p>d</\(name)>x</div>")
        return events == ["<div", "<\(name)", "t\n a<b>&amp;c</p>d", ">\(name)", "tx", ">div"] ? .rawText : .other
    }

    private static func probePair(parent: String, child: String, childKind: Kind) -> Bool {
        switch childKind {
        case .other:
            return false
        case .rawText:
            let events = Recorder.events(of: "<div><\(parent)><\(child)>x</\(child)>y</\(parent)></div>")
            return events == ["<div", "<\(parent)", "<\(child)", "tx", ">\(child)", "ty", ">\(parent)", ">div"]
        case .void:
            let events = Recorder.events(of: "<div><\(parent)><\(child)>x</\(parent)></div>")
            return events == ["<div", "<\(parent)", "<\(child)", ">\(child)", "tx", ">\(parent)", ">div"]
        case .container:
            let events = Recorder.events(of: "<div><\(parent)><\(child)>x</\(child)></\(parent)></div>")
            return events == ["<div", "<\(parent)", "<\(child)", "tx", ">\(child)", ">\(parent)", ">div"]
        }
    }

    /// libxml2's events as "<name", ">name" and "ttext" (consecutive text joined).
    private final class Recorder: HTMLEventSink {
        var events: [String] = []

        static func events(of html: String) -> [String] {
            let recorder = Recorder()
            HTMLStream.parse(Array(html.utf8), into: recorder)
            return recorder.events
        }

        func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafePointer<UnsafePointer<CChar>?>?) {
            events.append("<" + String(cString: name))
        }

        func end(_ name: UnsafePointer<CChar>) {
            events.append(">" + String(cString: name))
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            let text = String(decoding: bytes, as: UTF8.self)
            if let last = events.last, last.hasPrefix("t") {
                events[events.count - 1] = last + text
            } else {
                events.append("t" + text)
            }
        }
    }
}
