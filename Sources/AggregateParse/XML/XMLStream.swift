internal import CXMLShim

/// A name as libxml2 interned it: namespace plus local name.
struct XMLName {
    let ns: XMLNamespace
    let local: String

    func `is`(_ ns: XMLNamespace, _ local: String) -> Bool { self.ns == ns && self.local == local }
}

/// The attributes of one start tag; values are read only when asked for.
struct XMLAttributes {
    fileprivate let raw: UnsafePointer<UnsafePointer<CChar>?>?
    let count: Int
    // NOTE: attributes live only during the start callback, while the stream is parsing; a checked
    // unowned reference cost an atomic increment and decrement per attribute lookup.
    fileprivate unowned(unsafe) let stream: XMLStream

    /// The value of the attribute `local` in namespace `ns` (no namespace by default).
    func value(_ local: String, _ ns: XMLNamespace = .none) -> String? {
        guard let raw else { return nil }
        for i in 0..<count {
            guard let namePointer = raw[i * 5], Self.equals(namePointer, local) else { continue }
            if stream.namespace(raw[i * 5 + 2]) != ns { continue }
            return valueAt(i)
        }
        return nil
    }

    /// `pointer` (NUL-terminated) compared with the bytes of `name`, without a String or a lookup.
    private static func equals(_ pointer: UnsafePointer<CChar>, _ name: String) -> Bool {
        var k = 0
        for c in name.utf8 {
            if UInt8(bitPattern: pointer[k]) != c { return false }
            k += 1
        }
        return pointer[k] == 0
    }

    fileprivate func valueAt(_ i: Int) -> String {
        guard let raw, let start = raw[i * 5 + 3], let end = raw[i * 5 + 4] else { return "" }
        let length = end - start
        let source = UnsafeBufferPointer(start: UnsafeRawPointer(start).assumingMemoryBound(to: UInt8.self), count: length)
        let value = String(decoding: source, as: UTF8.self)
        // Without entity substitution (never enabled here) libxml2 leaves '&' in attribute values as
        // the character reference "&#38;"; every other reference is already resolved.
        guard source.contains(UInt8(ascii: "&")) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(length)
        var bytes = value.utf8[...]
        let reference = Array("&#38;".utf8)
        while let first = bytes.first {
            if first == UInt8(ascii: "&") && bytes.starts(with: reference) {
                out.append(first)
                bytes = bytes.dropFirst(reference.count)
            } else {
                out.append(first)
                bytes = bytes.dropFirst()
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every attribute as (qualified name, value), for re-serializing nested markup.
    fileprivate func all() -> [(String, String)] {
        guard let raw else { return [] }
        var out: [(String, String)] = []
        for i in 0..<count {
            guard let namePointer = raw[i * 5] else { continue }
            var name = stream.name(namePointer)
            if let prefix = raw[i * 5 + 1] { name = stream.name(prefix) + ":" + name }
            out.append((name, valueAt(i)))
        }
        return out
    }
}

/// How the text of an element is collected for its handler.
enum CaptureMode {
    /// Not collected; child elements are reported to the handler.
    case none
    /// Character data only; child tags are dropped, their text kept.
    case text
    /// The text is HTML source (escaped HTML in RSS, Atom `type="html"`); raw child elements, which
    /// publishers sometimes put there unescaped, are serialized back as markup.
    case html
    /// Inline XHTML (Atom `type="xhtml"`): everything is markup; the wrapping `div` is dropped.
    case xhtml
}

/// What a format parser does with the stream of elements.
protocol XMLEventHandler: AnyObject {
    /// An element starts outside any capture; `base` is the URL in effect for it (xml:base, document).
    func start(_ name: XMLName, _ attributes: XMLAttributes, depth: Int, base: String?) -> CaptureMode
    /// The element ends; `text` holds what was captured when `start` asked for it.
    func end(_ name: XMLName, depth: Int, text: String?)
}

/// Drives libxml2's SAX2 parser over UTF-8 bytes and hands elements to a format handler.
/// NOTE: no tree is built; only the text of the element being captured is held.
final class XMLStream {
    // NOTE: these are touched on every element event; the callbacks never overlap (one parse per
    // stream, on one thread), so the dynamic exclusivity checks (a runtime call each) are left out.
    @exclusivity(unchecked) private var names = InternedNames<String>(slots: 64, placeholder: "")
    @exclusivity(unchecked) private var namespaces = InternedNames<XMLNamespace>(slots: 16, placeholder: .none)
    /// The open elements.
    @exclusivity(unchecked) private var stack: [XMLName] = []
    /// The `xml:base` in effect from the element at `depth` down (rare: most documents have none).
    @exclusivity(unchecked) private var bases: [(depth: Int, base: String)] = []
    @exclusivity(unchecked) private var capture: CaptureMode = .none
    @exclusivity(unchecked) private var captureDepth = 0
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var droppedWrapperDiv = false
    private let documentURL: String?
    let warnings: WarningLog
    /// Decides what the stream is on its first element; returns nil to stop the parse.
    private let route: (XMLName, XMLAttributes) -> XMLEventHandler?
    @exclusivity(unchecked) private var handler: XMLEventHandler?
    private(set) var rootName: XMLName?
    /// `prefix:local` of the root as written, for messages.
    private(set) var rootQualifiedName: String?

    init(documentURL: String?, warnings: WarningLog, route: @escaping (XMLName, XMLAttributes) -> XMLEventHandler?) {
        self.documentURL = documentURL
        self.warnings = warnings
        self.route = route
    }

    /// Parses `bytes` (UTF-8) to the end, or until the router declines the root element.
    func parse(_ bytes: [UInt8]) {
        var callbacks = axml_xml_callbacks(
            // The stream outlives the parse (withExtendedLifetime below): no retain per event.
            start: { ctx, local, prefix, uri, count, attrs in
                Unmanaged<XMLStream>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.didStart(local!, prefix, uri, Int(count), attrs) }
            },
            end: { ctx, _, _, _, text, length in
                let pending = UnsafeBufferPointer(start: UnsafeRawPointer(text)?.assumingMemoryBound(to: UInt8.self), count: Int(length))
                return Unmanaged<XMLStream>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.didEnd(pending) }
            },
            text: { ctx, bytes, length in
                Unmanaged<XMLStream>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.didText(bytes!, Int(length)) }
            },
            message: { ctx, kind, line, text in
                Unmanaged<XMLStream>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.didMessage(kind, Int(line), text) }
            }
        )
        let context = Unmanaged.passUnretained(self).toOpaque()
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = axml_xml_parse(chars.baseAddress, Int32(chars.count), &callbacks, context)
            }
        }
        // NOTE: truncated documents leave elements open; closing them keeps the entry in flight.
        if handler != nil && !stack.isEmpty {
            while !stack.isEmpty { _ = didEnd(UnsafeBufferPointer(start: nil, count: 0)) }
        }
        withExtendedLifetime(self) {}
    }

    fileprivate func name(_ pointer: UnsafePointer<CChar>) -> String {
        names.value(for: pointer) { String(cString: $0) }
    }

    fileprivate func namespace(_ pointer: UnsafePointer<CChar>?) -> XMLNamespace {
        guard let pointer else { return .none }
        return namespaces.value(for: pointer) { XMLNamespace(uri: String(cString: $0)) }
    }

    private func didStart(
        _ local: UnsafePointer<CChar>, _ prefix: UnsafePointer<CChar>?, _ uri: UnsafePointer<CChar>?,
        _ count: Int, _ attrs: UnsafeMutablePointer<UnsafePointer<CChar>?>?
    ) -> Int32 {
        let xmlName = XMLName(ns: namespace(uri), local: name(local))
        let attributes = XMLAttributes(raw: UnsafePointer(attrs), count: count, stream: self)
        if capture != .none {
            stack.append(xmlName)
            serializeStart(xmlName, attributes)
            return wantText
        }
        var base = bases.last?.base ?? documentURL
        stack.append(xmlName)
        if count > 0, let xmlBase = attributes.value("base", .xml) {
            let resolved = URLResolver.resolve(xmlBase, against: base)
            bases.append((stack.count, resolved))
            base = resolved
        }
        if handler == nil {
            rootName = xmlName
            rootQualifiedName = prefix.map { name($0) + ":" + xmlName.local } ?? xmlName.local
            guard let chosen = route(xmlName, attributes) else { return Int32(AXML_STOP) }
            handler = chosen
        }
        let mode = handler!.start(xmlName, attributes, depth: stack.count, base: base)
        if mode != .none {
            capture = mode
            captureDepth = stack.count
            droppedWrapperDiv = false
            buffer.removeAll(keepingCapacity: true)
        }
        return wantText
    }

    /// For the C side: whether character data from here on is captured.
    private var wantText: Int32 { capture == .none ? 0 : Int32(AXML_WANT_TEXT) }

    private func didEnd(_ pending: UnsafeBufferPointer<UInt8>) -> Int32 {
        // Text that ends a capture with nothing gathered before it is the whole text: it becomes the
        // String without going through the buffer.
        let whole = (capture == .text || capture == .html) && stack.count == captureDepth && buffer.isEmpty
        if !whole && !pending.isEmpty { appendText(pending) }
        guard let top = stack.popLast() else { return wantText }
        if let last = bases.last, last.depth > stack.count { bases.removeLast() }
        if capture != .none {
            if stack.count >= captureDepth {
                serializeEnd(top)
                return wantText
            }
            let text = whole ? String(scanningUTF8: pending) : String(scanningUTF8: buffer)
            capture = .none
            buffer.removeAll(keepingCapacity: true)
            handler?.end(top, depth: stack.count + 1, text: text)
            return wantText
        }
        handler?.end(top, depth: stack.count + 1, text: nil)
        return wantText
    }

    private func didText(_ bytes: UnsafePointer<CChar>, _ length: Int) {
        bytes.withMemoryRebound(to: UInt8.self, capacity: length) { p in
            appendText(UnsafeBufferPointer(start: p, count: length))
        }
    }

    private func appendText(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard capture != .none else { return }
        let nested = stack.count > captureDepth
        if capture == .xhtml || (capture == .html && nested) {
            HTMLEscaping.appendEscapedText(chunk, to: &buffer)
        } else {
            buffer.append(contentsOf: chunk)
        }
    }

    private func serializeStart(_ name: XMLName, _ attributes: XMLAttributes) {
        guard capture == .html || capture == .xhtml else { return }
        // The xhtml wrapper div is not part of the content (RFC 4287 §3.1.1.3).
        if capture == .xhtml && stack.count == captureDepth + 1 && name.local == "div" && buffer.allSatisfy(isSpace) {
            buffer.removeAll(keepingCapacity: true)
            droppedWrapperDiv = true
            return
        }
        buffer.append(UInt8(ascii: "<"))
        buffer.append(contentsOf: name.local.utf8)
        for (attribute, value) in attributes.all() {
            buffer.append(UInt8(ascii: " "))
            buffer.append(contentsOf: attribute.utf8)
            buffer.append(literal: "=\"")
            HTMLEscaping.appendEscapedAttribute(value, to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: ">"))
    }

    private func serializeEnd(_ name: XMLName) {
        guard capture == .html || capture == .xhtml else { return }
        if droppedWrapperDiv && stack.count == captureDepth {
            droppedWrapperDiv = false
            return
        }
        if HTMLEscaping.voidElements.contains(name.local) { return }
        buffer.append(literal: "</")
        buffer.append(contentsOf: name.local.utf8)
        buffer.append(UInt8(ascii: ">"))
    }

    private func didMessage(_ kind: Int32, _ line: Int, _ text: UnsafePointer<CChar>?) {
        let message = text.map { String(cString: $0) } ?? ""
        switch UInt32(kind) {
        case AXML_HTML_ENTITY.rawValue:
            warnings.add("line \(line): undeclared HTML entity &\(message); read as its character")
        case AXML_ENTITY_DECLARED.rawValue:
            _ = message
            warnings.add("the document declares entities in its DTD; they are not expanded (their references stay empty)")
        case AXML_WARNING.rawValue:
            warnings.add("line \(line): XML warning: \(trimmed(message))")
        default:
            warnings.add("line \(line): not well-formed, recovered: \(trimmed(message))")
        }
    }

    private func trimmed(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}

