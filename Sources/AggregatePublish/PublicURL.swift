/// Absolute URLs of the published files, and the check that a URL from an item may be republished.
struct PublicURL {
    /// The site's base URL, ending in `/`.
    let base: String

    init(baseURL: String) {
        base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// The public URL of a file in the output folder.
    func url(_ relativePath: String) -> String { base + relativePath }

    /// True for an absolute `http(s)` URL without white space: the only links the outputs carry.
    static func isAbsoluteHTTP(_ string: String?) -> Bool {
        guard let string else { return false }
        if let answer = string.utf8.withContiguousStorageIfAvailable(isAbsoluteHTTPASCII), let answer { return answer }
        return isAbsoluteHTTPByCharacters(string)
    }

    /// `isAbsoluteHTTP` by Characters: what the byte check must agree with, and what answers for non-ASCII text.
    static func isAbsoluteHTTPByCharacters(_ string: String) -> Bool {
        let lower = string.prefix(8).lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = string.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = string.dropFirst(7)
        } else {
            return false
        }
        guard let first = rest.first, first != "/" else { return false }
        return !string.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    }

    /// The string when it is an absolute `http(s)` URL, else nil.
    static func absolute(_ string: String?) -> String? {
        isAbsoluteHTTP(string) ? string : nil
    }

    /// `isAbsoluteHTTP` on the bytes of an ASCII string, where each byte is a Character (but CR LF, white space
    /// either way); nil for any other string, left to the Characters.
    /// NOTE: by Characters, the check was 20,000 instructions a URL; every item has a few, in every output.
    static func isAbsoluteHTTPASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var clean = true
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
                clean = false
            }
        }
        func lowercased(_ index: Int) -> UInt8 {
            let byte = bytes[index]
            return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
        }
        func starts(with prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            return bytes.count >= count && (0..<count).allSatisfy { lowercased($0) == prefix.utf8Start[$0] }
        }
        let rest = starts(with: "https://") ? 8 : starts(with: "http://") ? 7 : nil
        guard let rest, rest < bytes.count, bytes[rest] != UInt8(ascii: "/") else { return false }
        return clean
    }
}
