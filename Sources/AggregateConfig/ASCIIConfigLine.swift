/// `ConfigLineScanner`'s work on the bytes of a line that is all ASCII, where a byte is a Character.
///
/// Each function answers nil for a line holding any other byte: the caller scans its Characters then.
/// On ASCII, `Character.isWhitespace` holds for exactly the bytes 0x09–0x0D and 0x20.
enum ASCIIConfigLine {
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The line without its comment and surrounding white space, or nil when it is not all ASCII.
    static func stripComment(_ line: Substring) -> Substring? {
        let bounds: (Int, Int)?? = line.utf8.withContiguousStorageIfAvailable { bytes in
            guard isASCII(bytes) else { return nil }
            var inQuotes = false
            var escaped = false
            var afterSpace = true
            var end = bytes.count
            for (offset, byte) in bytes.enumerated() {
                if inQuotes {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inQuotes = false }
                } else if byte == UInt8(ascii: "\"") {
                    inQuotes = true
                } else if byte == UInt8(ascii: "#"), afterSpace {
                    end = offset
                    break
                }
                afterSpace = isSpace(byte)
            }
            return trimmed(bytes, 0, end)
        }
        guard let bounds, let (start, end) = bounds else { return nil }
        let utf8 = line.utf8
        return line[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }

    /// The white-space-separated words of a line (comment already stripped), or nil when it is not all ASCII.
    static func tokens(_ line: Substring) throws(ConfigLineScanner.ScanError) -> [ConfigLineScanner.Token]? {
        let scanned: Result<[ConfigLineScanner.Token], ConfigLineScanner.ScanError>?? = line.utf8.withContiguousStorageIfAvailable { bytes in
            guard isASCII(bytes) else { return nil }
            return Result { () throws(ConfigLineScanner.ScanError) -> [ConfigLineScanner.Token] in try tokens(bytes) }
        }
        guard let scanned, let scanned else { return nil }
        return try scanned.get()
    }

    private static func tokens(_ bytes: UnsafeBufferPointer<UInt8>) throws(ConfigLineScanner.ScanError) -> [ConfigLineScanner.Token] {
        var result: [ConfigLineScanner.Token] = []
        var text: [UInt8] = []
        var inToken = false
        var equalsOffset: Int? = nil
        var wasQuoted = false
        var inQuotes = false
        var escaped = false
        func endToken() {
            if inToken { result.append(ConfigLineScanner.Token(text: String(decoding: text, as: UTF8.self), equalsOffset: equalsOffset, wasQuoted: wasQuoted)) }
            text.removeAll(keepingCapacity: true)
            inToken = false
            equalsOffset = nil
            wasQuoted = false
        }
        for byte in bytes {
            if inQuotes {
                if escaped {
                    guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { throw .badEscape(Character(Unicode.Scalar(byte))) }
                    text.append(byte)
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inQuotes = false
                } else {
                    text.append(byte)
                }
                continue
            }
            if isSpace(byte) {
                endToken()
                continue
            }
            inToken = true
            if byte == UInt8(ascii: "\"") {
                inQuotes = true
                wasQuoted = true
            } else {
                if byte == UInt8(ascii: "="), equalsOffset == nil { equalsOffset = text.count }
                text.append(byte)
            }
        }
        if inQuotes { throw .unterminatedQuote }
        endToken()
        return result
    }

    /// True when `text` starts with a URL scheme (`ScalarValues.hasScheme`), or nil when it is not all ASCII.
    static func hasScheme(_ text: String) -> Bool? {
        let answer: Bool?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard isASCII(bytes) else { return nil }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            guard isLetter(bytes[0]) else { return false }
            return bytes[..<colon].allSatisfy {
                isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
            }
        }
        return answer ?? nil
    }

    /// The pieces of `text` between commas, empty ones kept, or nil when it is not all ASCII.
    static func commaSeparated(_ text: String) -> [String]? {
        let pieces: [String]?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard isASCII(bytes) else { return nil }
            return bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
        return pieces ?? nil
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start, end = end
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }
}
