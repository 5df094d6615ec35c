/// A JSON document with object keys in the order they were written, so output bytes never vary.
enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// A value already serialized at the indentation it is written at (an item written once for several feeds).
    case written([UInt8])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let l), .string(let r)): return l == r
        case (.int(let l), .int(let r)): return l == r
        case (.bool(let l), .bool(let r)): return l == r
        case (.array(let l), .array(let r)): return l == r
        case (.object(let l), .object(let r)): return l.map(\.0) == r.map(\.0) && l.map(\.1) == r.map(\.1)
        case (.written(let l), .written(let r)): return l == r
        default: return false
        }
    }

    /// Pretty-printed with two-space indentation and a final newline.
    func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// `serialized()` as UTF-8.
    func serializedBytes() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// Appends the value as it is written `indent` levels deep (its first line is not indented: the caller
    /// wrote what comes before it on that line).
    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let string): Self.writeString(string, into: &out)
        case .int(let int): out.append(contentsOf: String(int).utf8)
        case .bool(let bool): bool ? out.append(literal: "true") : out.append(literal: "false")
        case .array(let values):
            guard !values.isEmpty else { out.append(literal: "[]"); return }
            out.append(literal: "[\n")
            for (index, value) in values.enumerated() {
                Self.indent(indent + 1, into: &out)
                value.write(into: &out, indent: indent + 1)
                index == values.count - 1 ? out.append(literal: "\n") : out.append(literal: ",\n")
            }
            Self.indent(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out.append(literal: "{}"); return }
            out.append(literal: "{\n")
            for (index, (key, value)) in members.enumerated() {
                Self.indent(indent + 1, into: &out)
                Self.writeString(key, into: &out)
                out.append(literal: ": ")
                value.write(into: &out, indent: indent + 1)
                index == members.count - 1 ? out.append(literal: "\n") : out.append(literal: ",\n")
            }
            Self.indent(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        case .written(let bytes):
            out.append(contentsOf: bytes)
        }
    }

    private static func indent(_ level: Int, into out: inout [UInt8]) {
        for _ in 0..<level { out.append(literal: "  ") }
    }

    /// Byte-wise over UTF-8: what needs escaping is ASCII, or U+2028/2029 (E2 80 A8/A9); runs without any are
    /// copied whole.
    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        string.withUTF8Bytes { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var run = 0
            var i = EscapeScan.next(base, count, from: 0, EscapeScan.JSONString.self)
            while i < count {
                if run < i { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run)) }
                let byte = base[i]
                switch byte {
                case UInt8(ascii: "\""): out.append(literal: "\\\"")
                case UInt8(ascii: "\\"): out.append(literal: "\\\\")
                case 0x0A: out.append(literal: "\\n")
                case 0x0D: out.append(literal: "\\r")
                case 0x09: out.append(literal: "\\t")
                case 0x00..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(literal: "\\u00")
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 0xF)])
                // U+2028/2029 are legal JSON but break JavaScript string literals of consumers that eval it.
                case 0xE2 where i + 2 < count && base[i + 1] == 0x80 && (base[i + 2] == 0xA8 || base[i + 2] == 0xA9):
                    base[i + 2] == 0xA8 ? out.append(literal: "\\u2028") : out.append(literal: "\\u2029")
                    i += 2
                default: out.append(byte)
                }
                run = i + 1
                i = EscapeScan.next(base, count, from: run, EscapeScan.JSONString.self)
            }
            if run < count { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: count - run)) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
