extension HTMLText {
    /// The string with white space (Unicode White_Space) trimmed and each run of it made one space.
    /// NOTE: on UTF-8 bytes, the white space beyond ASCII known by its bytes: scalar by scalar, with the Unicode
    /// property looked up for every letter of a non-Latin title, it was 300 instructions a character.
    public static func collapseWhitespace(_ string: String) -> String {
        if let collapsed = string.utf8.withContiguousStorageIfAvailable(collapseWhitespace) { return collapsed }
        var native = string
        return native.withUTF8(collapseWhitespace)
    }

    private static func collapseWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let space = byte < 0x80 ? (byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0) : whiteSpaceLength(bytes, at: i)
            if space > 0 {
                pendingSpace = true
                i += space
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length of the white-space scalar that the non-ASCII byte at `i` starts, or 0: U+0085, U+00A0, U+1680,
    /// U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, the White_Space scalars beyond ASCII
    /// (`Unicode.Scalar.Properties.isWhitespace`; a test checks every scalar).
    static func whiteSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let count = bytes.count
        switch bytes[i] {
        case 0xC2:
            return i + 1 < count && (bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0) ? 2 : 0
        case 0xE1:
            return i + 2 < count && bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard i + 2 < count else { return 0 }
            let (second, third) = (bytes[i + 1], bytes[i + 2])
            if second == 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            return i + 2 < count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }
}
