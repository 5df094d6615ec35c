internal import CXMLShim
#if canImport(Glibc)
import Glibc
#endif

/// Plain text out of a title that may hold markup or entities.
enum PlainText {
    /// Whitespace collapsed and trimmed.
    static func collapse(_ text: String) -> String { ByteText.collapsed(text) }

    /// Text of an HTML fragment: tags removed, entities decoded, whitespace collapsed.
    static func fromHTML(_ html: String) -> String {
        if !ByteText.contains(html, byte: UInt8(ascii: "<")) {
            return collapse(ByteText.contains(html, byte: UInt8(ascii: "&")) ? decodeEntities(html) : html)
        }
        let sink = Sink()
        var input: [UInt8] = Array("<div>".utf8)
        input.append(contentsOf: html.utf8)
        input.append(literal: "</div>")
        HTMLStream.parse(input, into: sink)
        return collapse(String(decoding: sink.out, as: UTF8.self))
    }

    /// True when a plain-text field seems to carry HTML markup or entity references.
    static func looksLikeHTML(_ text: String) -> Bool {
        ByteText.withBytes(text) { bytes in
            for i in bytes.indices {
                let b = bytes[i]
                if b == UInt8(ascii: "<"), i + 1 < bytes.count {
                    let n = bytes[i + 1]
                    if (n >= 0x61 && n <= 0x7A) || (n >= 0x41 && n <= 0x5A) || n == UInt8(ascii: "/") || n == UInt8(ascii: "!") { return true }
                } else if b == UInt8(ascii: "&") {
                    var j = i + 1
                    if j < bytes.count && bytes[j] == UInt8(ascii: "#") { j += 1 }
                    let start = j
                    while j < bytes.count, j - start < 32, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || (bytes[j] | 0x20 >= 0x61 && bytes[j] | 0x20 <= 0x7A) { j += 1 }
                    if j > start && j < bytes.count && bytes[j] == UInt8(ascii: ";") { return true }
                }
            }
            return false
        }
    }

    private final class Sink: HTMLEventSink {
        var out: [UInt8] = []
        var skipDepth = 0
        func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafePointer<UnsafePointer<CChar>?>?) {
            if skipDepth > 0 || strcmp(name, "script") == 0 || strcmp(name, "style") == 0 { skipDepth += 1; return }
            if strcmp(name, "br") == 0 || strcmp(name, "p") == 0 || strcmp(name, "div") == 0 || strcmp(name, "li") == 0 { out.append(0x20) }
        }
        func end(_ name: UnsafePointer<CChar>) {
            if skipDepth > 0 { skipDepth -= 1 }
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            if skipDepth == 0 { out.append(contentsOf: bytes) }
        }
    }
}

extension PlainText {
    /// HTML entities and character references decoded once (for doubly escaped feeds).
    static func decodeEntities(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "&"), let semi = bytes[i..<min(bytes.count, i + 40)].firstIndex(of: UInt8(ascii: ";")), semi > i + 1 else {
                out.append(b)
                i += 1
                continue
            }
            let name = bytes[(i + 1)..<semi]
            if name.first == UInt8(ascii: "#") {
                let digits = name.dropFirst()
                let hex = digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X")
                let text = String(decoding: hex ? digits.dropFirst() : digits, as: UTF8.self)
                if let v = UInt32(text, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(v), v != 0 {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                    i = semi + 1
                    continue
                }
            } else if let value = name.withUnsafeBufferPointer({ p in
                p.withMemoryRebound(to: CChar.self) { axml_html_entity_value($0.baseAddress, $0.count) }
            }) {
                out.append(contentsOf: String(cString: value).utf8)
                i = semi + 1
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
