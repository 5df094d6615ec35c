/// A JSON value.
enum JSONValue {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var string: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        default: return nil
        }
    }

    var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var number: Double? {
        switch self {
        case .number(let n): return n
        case .string(let s): return Double(s)
        default: return nil
        }
    }
}

/// A JSON reader that recovers what it can from broken documents, as feed readers must: raw control
/// characters in strings, trailing commas, and truncation (open strings, arrays and objects are closed
/// at the end of input). Each recovery is reported.
struct LenientJSON {
    private let bytes: [UInt8]
    private var i = 0
    private(set) var problems: [String] = []
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one document; nil when the input does not even start a JSON value.
    static func parse(_ bytes: [UInt8]) -> (value: JSONValue?, problems: [String]) {
        var parser = LenientJSON(bytes)
        parser.skipSpace()
        guard parser.i < bytes.count else { return (nil, ["empty JSON document"]) }
        let value = parser.value()
        parser.skipSpace()
        if parser.i < bytes.count { parser.problem("extra content after the JSON document ignored") }
        return (value, parser.problems)
    }

    private mutating func problem(_ message: String) {
        let text = "JSON: \(message) (byte \(i))"
        if !problems.contains(text) && problems.count < 20 { problems.append(text) }
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func value() -> JSONValue? {
        skipSpace()
        guard i < bytes.count else {
            problem("document ends early")
            return nil
        }
        depth += 1
        defer { depth -= 1 }
        guard depth < 512 else {
            problem("nesting too deep")
            i = bytes.count
            return nil
        }
        switch bytes[i] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return .string(string())
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default:
            if bytes[i] == UInt8(ascii: "-") || isDigit(bytes[i]) { return number() }
            problem("unexpected character")
            return nil
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
        let w = Array(word.utf8)
        if i + w.count <= bytes.count && Array(bytes[i..<(i + w.count)]) == w {
            i += w.count
            return value
        }
        problem("unexpected word")
        i += 1
        return nil
    }

    private mutating func number() -> JSONValue {
        let start = i
        while i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")
                || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { i += 1 }
        return .number(Double(String(decoding: bytes[start..<i], as: UTF8.self)) ?? 0)
    }

    private mutating func string() -> String {
        i += 1  // opening quote
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { problem("bad \\u escape"); continue }
                    if scalar >= 0xD800 && scalar < 0xDC00, i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        if let low = hex4(), low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                    }
                    let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: String(Character(s)).utf8)
                default: out.append(e)
                }
                continue
            }
            if b < 0x20 { problem("raw control character in a string") }
            out.append(b)
            i += 1
        }
        problem("document ends inside a string")
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
        i += 4
        return v
    }

    private mutating func object() -> JSONValue {
        i += 1
        var members: [String: JSONValue] = [:]
        while true {
            skipSpace()
            guard i < bytes.count else {
                problem("document ends inside an object")
                return .object(members)
            }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "\"") else {
                problem("expected a property name")
                // Skip to the end of this object as best we can.
                while i < bytes.count, bytes[i] != UInt8(ascii: "}") && bytes[i] != UInt8(ascii: "\"") { i += 1 }
                continue
            }
            let key = string()
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") { i += 1 } else { problem("expected ':'") }
            if let v = value() { members[key] = v }
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { problem("trailing comma in an object") }
            }
        }
    }

    private mutating func array() -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        while true {
            skipSpace()
            guard i < bytes.count else {
                problem("document ends inside an array")
                return .array(items)
            }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            let before = i
            if let v = value() { items.append(v) }
            if i == before { i += 1 }
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { problem("trailing comma in an array") }
            }
        }
    }
}
