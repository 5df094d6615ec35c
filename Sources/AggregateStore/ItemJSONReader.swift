import AggregateModel
import Foundation

extension ItemJSON {
    /// The item `bytes` hold, read without `JSONDecoder`; nil for anything this reader does not take exactly as
    /// JSONDecoder would (escaped or repeated keys, numbers it may round otherwise, invalid text...), which the
    /// caller then hands to JSONDecoder: it reads those or says why not.
    /// NOTE: JSONDecoder took ~300,000 instructions an item, 7% of the merging thread's on a cold run (every
    /// lookup of a stored item, and the publication's input); most of what is left is checking the text's UTF-8.
    static func decode(_ bytes: [UInt8]) -> Item? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer)
            guard let item = reader.item(), reader.atEnd() else { return nil }
            return item
        }
    }
}

/// A strict reader of the JSON that `Item`'s synthesized `Codable` reads: any key order and white space, null or
/// absent optionals, unknown keys skipped. Fails (nil or false) on anything else.
private struct Reader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// Text of a string with escapes, reused from one string to the next.
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: the Item schema

    mutating func item() -> Item? {
        var key: String?, title: String?, link: String?, published: Date?, updated: Date?, firstSeen: Date?
        var author: String?, summary: String?, content: String?, image: String?, tags: [String]?, categories: [String]?
        var enclosures: [Enclosure]?, provenance: Provenance?, alsoReportedBy: [Credit]?
        var fields = Fields()
        let read = members { r, name in
            switch name {
            case "alsoReportedBy": fields.once(0) && r.required(&alsoReportedBy) { $0.array { $0.credit() } }
            case "author": fields.once(1) && r.optional(&author) { $0.string() }
            case "categories": fields.once(2) && r.required(&categories) { $0.array { $0.string() } }
            case "content": fields.once(3) && r.optional(&content) { $0.string() }
            case "enclosures": fields.once(4) && r.required(&enclosures) { $0.array { $0.enclosure() } }
            case "firstSeen": fields.once(5) && r.required(&firstSeen) { $0.date() }
            case "image": fields.once(6) && r.optional(&image) { $0.string() }
            case "key": fields.once(7) && r.required(&key) { $0.string() }
            case "link": fields.once(8) && r.optional(&link) { $0.string() }
            case "provenance": fields.once(9) && r.required(&provenance) { $0.provenance() }
            case "published": fields.once(10) && r.optional(&published) { $0.date() }
            case "summary": fields.once(11) && r.optional(&summary) { $0.string() }
            case "tags": fields.once(12) && r.required(&tags) { $0.array { $0.string() } }
            case "title": fields.once(13) && r.required(&title) { $0.string() }
            case "updated": fields.once(14) && r.optional(&updated) { $0.date() }
            default: r.skipValue(depth: 1)
            }
        }
        guard read, let key, let title, let firstSeen, let tags, let enclosures, let provenance, let alsoReportedBy,
              let categories else { return nil }
        return Item(
            key: key, title: title, link: link, published: published, updated: updated, firstSeen: firstSeen, author: author,
            summary: summary, content: content, tags: tags, enclosures: enclosures, image: image, provenance: provenance,
            alsoReportedBy: alsoReportedBy, categories: categories)
    }

    private mutating func credit() -> Credit? {
        var sourceID: String?, name: String?, feedURL: String?, siteURL: String?, link: String?
        var fields = Fields()
        let read = members { r, key in
            switch key {
            case "feedURL": fields.once(0) && r.optional(&feedURL) { $0.string() }
            case "link": fields.once(1) && r.optional(&link) { $0.string() }
            case "name": fields.once(2) && r.required(&name) { $0.string() }
            case "siteURL": fields.once(3) && r.optional(&siteURL) { $0.string() }
            case "sourceID": fields.once(4) && r.required(&sourceID) { $0.string() }
            default: r.skipValue(depth: 3)
            }
        }
        guard read, let sourceID, let name else { return nil }
        return Credit(sourceID: sourceID, name: name, feedURL: feedURL, siteURL: siteURL, link: link)
    }

    private mutating func provenance() -> Provenance? {
        var source: Credit?, originalID: String?, originalAuthor: String?, upstream: Credit?
        var fields = Fields()
        let read = members { r, key in
            switch key {
            case "originalAuthor": fields.once(0) && r.optional(&originalAuthor) { $0.string() }
            case "originalID": fields.once(1) && r.optional(&originalID) { $0.string() }
            case "source": fields.once(2) && r.required(&source) { $0.credit() }
            case "upstream": fields.once(3) && r.optional(&upstream) { $0.credit() }
            default: r.skipValue(depth: 2)
            }
        }
        guard read, let source else { return nil }
        return Provenance(source: source, originalID: originalID, originalAuthor: originalAuthor, upstream: upstream)
    }

    private mutating func enclosure() -> Enclosure? {
        var url: String?, type: String?, length: Int?
        var fields = Fields()
        let read = members { r, key in
            switch key {
            case "length": fields.once(0) && r.optional(&length) { $0.integer() }
            case "type": fields.once(1) && r.optional(&type) { $0.string() }
            case "url": fields.once(2) && r.required(&url) { $0.string() }
            default: r.skipValue(depth: 3)
            }
        }
        guard read, let url else { return nil }
        return Enclosure(url: url, type: type, length: length)
    }

    /// `Date`'s own decoding: seconds since 2001-01-01.
    private mutating func date() -> Date? {
        double().map { Date(timeIntervalSinceReferenceDate: $0) }
    }

    // MARK: members and values

    /// Which members an object had: JSONDecoder takes the first of repeated keys, this reader leaves them to it.
    private struct Fields {
        private var seen: UInt32 = 0

        mutating func once(_ field: UInt32) -> Bool {
            let bit: UInt32 = 1 << field
            guard seen & bit == 0 else { return false }
            seen |= bit
            return true
        }
    }

    /// A non-optional member's value: null is an error.
    private mutating func required<T>(_ slot: inout T?, _ read: (inout Reader) -> T?) -> Bool {
        slot = read(&self)
        return slot != nil
    }

    /// An optional member's value: null leaves it nil, as `decodeIfPresent` does.
    private mutating func optional<T>(_ slot: inout T?, _ read: (inout Reader) -> T?) -> Bool {
        if literal("null") { return true }
        slot = read(&self)
        return slot != nil
    }

    /// An object whose keys are plain (unescaped) text; `member` reads each value.
    private mutating func members(_ member: (inout Reader, Name) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let name = name(), take(UInt8(ascii: ":")), member(&self, name) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func array<T>(_ element: (inout Reader) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var values: [T] = []
        if take(UInt8(ascii: "]")) { return values }
        repeat {
            guard let value = element(&self) else { return nil }
            values.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? values : nil
    }

    /// Any JSON value, checked and skipped: a member of a later or earlier schema.
    private mutating func skipValue(depth: Int) -> Bool {
        skipSpace()
        guard i < bytes.count, depth < 32 else { return false }
        switch bytes[i] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return members { r, _ in r.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return array { r in r.skipValue(depth: depth + 1) ? true : nil } != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number() != nil
        }
    }

    // MARK: tokens

    /// A member name: the bytes between the quotes of a key without escapes.
    struct Name {
        let bytes: UnsafeBufferPointer<UInt8>

        static func ~= (pattern: StaticString, name: Name) -> Bool {
            pattern.utf8CodeUnitCount == name.bytes.count
                && memcmp(pattern.utf8Start, name.bytes.baseAddress!, name.bytes.count) == 0
        }
    }

    private mutating func name() -> Name? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var j = start
        while j < bytes.count {
            let byte = bytes[j]
            if byte == UInt8(ascii: "\"") {
                i = j + 1
                return Name(bytes: UnsafeBufferPointer(rebasing: bytes[start..<j]))
            }
            // An escaped key may spell a known one: JSONDecoder unescapes it.
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            j += 1
        }
        return nil
    }

    mutating func atEnd() -> Bool {
        skipSpace()
        return i == bytes.count
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard bytes.count - i >= count, memcmp(bytes.baseAddress! + i, word.utf8Start, count) == 0 else { return false }
        i += count
        return true
    }

    /// A string: valid UTF-8 without control characters, escapes as JSON has them (a surrogate only in a pair).
    private mutating func string() -> String? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        i = plainText(from: start)
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            i += 1
            return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
        case UInt8(ascii: "\\"):
            return escapedString(from: start)
        default:
            return nil
        }
    }

    /// Where the plain text from `start` ends: at a quote, a backslash, a control character or the end.
    private func plainText(from start: Int) -> Int {
        JSONEscaping.firstSpecialByte(bytes.baseAddress!, count: bytes.count, from: start)
    }

    /// The rest of a string from its first escape at `i`; `start` is where its text began.
    private mutating func escapedString(from start: Int) -> String? {
        scratch.removeAll(keepingCapacity: true)
        var run = start
        while i < bytes.count {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                return String(validating: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard unescape() else { return nil }
            default:
                return nil
            }
            run = i
            i = plainText(from: i)
        }
        return nil
    }

    /// Appends the character of the escape at `i` to `scratch`.
    private mutating func unescape() -> Bool {
        guard i + 1 < bytes.count else { return false }
        let escape = bytes[i + 1]
        i += 2
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard var value = hex4() else { return false }
            if (0xD800...0xDBFF).contains(value) {
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return false }
                i += 2
                guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return false }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(value) {
                return false
            }
            guard let scalar = Unicode.Scalar(value) else { return false }
            scratch.append(contentsOf: UTF8.encode(scalar)!)
        default:
            return false
        }
        return true
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - i >= 4 else { return nil }
        var value: UInt32 = 0
        for byte in bytes[i..<(i + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        i += 4
        return value
    }

    /// A number as JSON spells it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as `digits` times ten to
    /// the `exponent` when it has at most 19 significant digits (`exact`).
    private struct Number {
        var range: Range<Int>
        var negative = false
        var digits: UInt64 = 0
        var exponent = 0
        var exact = true
        var isInteger = true
    }

    private mutating func number() -> Number? {
        skipSpace()
        var number = Number(range: i..<i)
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            number.negative = true
            i += 1
        }
        var significant = 0
        /// Reads a run of digits (at least one) into `number`; returns how many there were.
        func digits() -> Int {
            let first = i
            while i < bytes.count, case let digit = bytes[i] &- UInt8(ascii: "0"), digit < 10 {
                if number.digits != 0 || digit != 0 {
                    significant += 1
                    if significant > 19 { number.exact = false } else { number.digits = number.digits * 10 + UInt64(digit) }
                }
                i += 1
            }
            return i - first
        }
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[number.range.lowerBound + (number.negative ? 1 : 0)] != UInt8(ascii: "0") else {
            return nil
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            number.isInteger = false
            i += 1
            let fractionDigits = digits()
            guard fractionDigits > 0 else { return nil }
            number.exponent = -fractionDigits
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            number.isInteger = false
            i += 1
            var negativeExponent = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                negativeExponent = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0, count = 0
            while i < bytes.count, case let digit = bytes[i] &- UInt8(ascii: "0"), digit < 10 {
                value = min(value * 10 + Int(digit), 1_000_000)
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            number.exponent += negativeExponent ? -value : value
        }
        number.range = number.range.lowerBound..<i
        return number
    }

    private mutating func integer() -> Int? {
        guard let number = number(), number.isInteger, number.exact, !(number.negative && number.digits == 0),
              number.digits <= UInt64(Int.max) else { return nil }
        return number.negative ? -Int(number.digits) : Int(number.digits)
    }

    /// Exact for significands below 2^53 and powers of ten up to 22 (one rounding of two exact doubles, as
    /// strtod would round); otherwise the standard library's parser, correctly rounded like JSONDecoder's.
    private mutating func double() -> Double? {
        guard let number = number() else { return nil }
        var value: Double
        if number.exact, number.digits < 1 << 53, (-22...22).contains(number.exponent) {
            value = Double(number.digits)
            if number.exponent < 0 {
                value /= Self.powersOfTen[-number.exponent]
            } else {
                value *= Self.powersOfTen[number.exponent]
            }
            if number.negative { value = -value }
        } else {
            guard let parsed = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[number.range]), as: UTF8.self)) else { return nil }
            value = parsed
        }
        // JSONDecoder refuses a number out of range, too large or too small (not zero, yet read as zero).
        guard value.isFinite, value != 0 || number.digits == 0 && number.exact else { return nil }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
