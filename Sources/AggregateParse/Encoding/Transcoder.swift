#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversion to UTF-8 through the C library's iconv (every charset feeds use: ISO-8859-x,
/// windows-125x, KOI8-R, GB18030, Big5, Shift_JIS, EUC-JP/KR, UTF-16).
enum Transcoder {
    /// `bytes` in `charset` as UTF-8; nil when iconv does not know the charset. Bytes that are not
    /// valid in the charset become U+FFFD and are counted in `invalid`.
    static func toUTF8(_ bytes: ArraySlice<UInt8>, from charset: String) -> (bytes: [UInt8], invalid: Int)? {
        if let table = SingleByteCharset.named(charset) { return table.toUTF8(bytes) }
        return iconvToUTF8(bytes, from: charset)
    }

    /// `toUTF8` through iconv.
    static func iconvToUTF8(_ bytes: ArraySlice<UInt8>, from charset: String) -> (bytes: [UInt8], invalid: Int)? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var invalid = 0
        var produced = 0
        var input = Array(bytes)
        input.withUnsafeMutableBufferPointer { inBuffer in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while inLeft > 0 {
                if output.count - produced < 16 { output.append(contentsOf: repeatElement(0, count: output.count)) }
                let result: Int = output.withUnsafeMutableBufferPointer { outBuffer in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count - produced
                    let before = outLeft
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    produced += before - outLeft
                    return r == -1 ? Int(errno) : 0
                }
                if result == 0 { break }
                if result == E2BIG {
                    output.append(contentsOf: repeatElement(0, count: output.count))
                } else if result == EILSEQ || result == EINVAL {
                    // Skip one byte and mark it; EINVAL is a sequence cut off at the end of the input.
                    invalid += 1
                    if output.count - produced < 3 { output.append(contentsOf: repeatElement(0, count: 64)) }
                    output[produced] = 0xEF; output[produced + 1] = 0xBF; output[produced + 2] = 0xBD
                    produced += 3
                    inPtr = inPtr! + 1
                    inLeft -= 1
                } else {
                    break
                }
            }
        }
        output.removeSubrange(produced...)
        return (output, invalid)
    }
}
