internal import CXMLShim

extension String {
    /// `bytes` as a String, checked by `axml_scan_utf8` (32 bytes at a time) instead of the standard
    /// library's validation; ill-formed bytes are replaced with U+FFFD, as `String(decoding:as:)` does.
    /// NOTE: the standard library checks non-ASCII text a character at a time (about 1.5 GB/s), and a
    /// third of a news corpus is non-ASCII: making Strings of the captured text was 8% of a parse.
    init(scanningUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        // Short strings are stored inline; the standard library's check costs little there.
        guard bytes.count > 32, #available(macOS 26, *) else {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        var nonASCII: Int32 = 0
        guard axml_scan_utf8(bytes.baseAddress, bytes.count, nil, &nonASCII) != 0 else {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        self = String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: nonASCII == 0))
    }

    init(scanningUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(scanningUTF8: $0) }
    }
}
