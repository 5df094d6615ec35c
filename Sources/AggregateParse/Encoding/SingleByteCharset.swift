/// A single-byte charset as a table of the UTF-8 of each byte, read once from iconv, so conversion
/// gives exactly what `Transcoder`'s iconv loop gives, without iconv's per-character work.
/// NOTE: 8% of the benchmark's feeds are windows-1252 or ISO-8859-1 (read as windows-1252); through
/// iconv (two conversion steps per character) they cost 3% of a parse without sanitizing.
struct SingleByteCharset: Sendable {
    /// Per byte: the UTF-8 bytes packed little-endian, with the count in the top byte; 0 when iconv
    /// rejects the byte.
    private let table: [UInt32]

    static let windows1252 = SingleByteCharset(iconvName: "WINDOWS-1252")
    static let iso885915 = SingleByteCharset(iconvName: "ISO-8859-15")

    /// The table for the charset iconv calls `charset`, when it is one of those kept here.
    static func named(_ charset: String) -> SingleByteCharset? {
        switch charset {
        case "WINDOWS-1252": return windows1252
        case "ISO-8859-15": return iso885915
        default: return nil
        }
    }

    private init?(iconvName: String) {
        var table = [UInt32](repeating: 0, count: 256)
        for byte in 0..<256 {
            guard let converted = Transcoder.iconvToUTF8([UInt8(byte)][...], from: iconvName) else { return nil }
            guard converted.invalid == 0, (1...3).contains(converted.bytes.count) else { continue }
            var packed = UInt32(converted.bytes.count) << 24
            for (k, b) in converted.bytes.enumerated() { packed |= UInt32(b) << (8 * UInt32(k)) }
            table[byte] = packed
        }
        self.table = table
    }

    /// `bytes` as UTF-8; bytes the charset does not define become U+FFFD and are counted.
    func toUTF8(_ bytes: ArraySlice<UInt8>) -> (bytes: [UInt8], invalid: Int) {
        var invalid = 0
        let out = bytes.withUnsafeBufferPointer { input in
            table.withUnsafeBufferPointer { table in
                // At most three UTF-8 bytes per byte.
                [UInt8](unsafeUninitializedCapacity: input.count * 3) { out, written in
                    guard let src = input.baseAddress, let dst = out.baseAddress else { return }
                    let count = input.count
                    var i = 0, o = 0
                    while i < count {
                        // Most of the text is ASCII: eight bytes at a time while none has its high bit set.
                        while i + 8 <= count {
                            let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 != 0 { break }
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: word, as: UInt64.self)
                            i += 8
                            o += 8
                        }
                        guard i < count else { break }
                        let b = src[i]
                        i += 1
                        if b < 0x80 {
                            dst[o] = b
                            o += 1
                            continue
                        }
                        var packed = table[Int(b)]
                        if packed == 0 {
                            invalid += 1
                            packed = 0x03BD_BFEF  // U+FFFD
                        }
                        for k in 0..<Int(packed >> 24) { dst[o + k] = UInt8(truncatingIfNeeded: packed >> (8 * UInt32(k))) }
                        o += Int(packed >> 24)
                    }
                    written = o
                }
            }
        }
        return (out, invalid)
    }
}
