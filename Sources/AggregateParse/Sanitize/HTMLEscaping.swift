/// Escaping for HTML output, on UTF-8 bytes.
enum HTMLEscaping {
    /// Elements without an end tag.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    static func appendEscapedText<Out: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout Out) {
        // Copy the runs between special characters in one go.
        var runStart = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") else { continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            runStart = i + 1
            switch b {
            case UInt8(ascii: "&"): out.append(literal: "&amp;")
            case UInt8(ascii: "<"): out.append(literal: "&lt;")
            default: out.append(literal: "&gt;")
            }
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    static func appendEscapedText(_ string: String, to out: inout [UInt8]) {
        var s = string
        s.withUTF8 { appendEscapedText($0, to: &out) }
    }

    static func appendEscapedAttribute<Out: ByteSink & ~Copyable>(_ string: String, to out: inout Out) {
        var copy = string
        copy.withUTF8 { appendEscapedAttribute($0, to: &out) }
    }

    static func appendEscapedAttribute<Out: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout Out) {
        // Copy the runs between special characters in one go.
        var runStart = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b <= UInt8(ascii: ">"), b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") else { continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            runStart = i + 1
            switch b {
            case UInt8(ascii: "&"): out.append(literal: "&amp;")
            case UInt8(ascii: "<"): out.append(literal: "&lt;")
            case UInt8(ascii: ">"): out.append(literal: "&gt;")
            default: out.append(literal: "&quot;")
            }
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    /// Plain text as HTML.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        appendEscapedText(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
