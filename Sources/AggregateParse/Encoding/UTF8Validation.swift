internal import CXMLShim

/// UTF-8 checks on raw bytes.
enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8; `hasNonASCII` tells whether any byte is >= 0x80;
    /// `controls` counts the C0 control bytes XML forbids.
    static func check(_ bytes: ArraySlice<UInt8>) -> (valid: Bool, hasNonASCII: Bool, controls: Int) {
        bytes.withUnsafeBufferPointer { p in
            var controls = 0
            var nonASCII: Int32 = 0
            let valid = axml_scan_utf8(p.baseAddress, p.count, &controls, &nonASCII)
            return (valid != 0, nonASCII != 0, controls)
        }
    }
}

extension UTF8Validation {
    /// Well-formed multi-byte sequences and ill-formed bytes, to tell UTF-8 with a few damaged bytes
    /// from text in a legacy 8-bit charset.
    static func census(_ bytes: ArraySlice<UInt8>) -> (multibyte: Int, invalid: Int) {
        var multibyte = 0, invalid = 0
        var k = bytes.startIndex
        let n = bytes.endIndex
        while k < n {
            let b = bytes[k]
            if b < 0x80 { k += 1; continue }
            let need: Int
            if b >= 0xC2 && b <= 0xDF { need = 1 }
            else if b >= 0xE0 && b <= 0xEF { need = 2 }
            else if b >= 0xF0 && b <= 0xF4 { need = 3 }
            else { invalid += 1; k += 1; continue }
            var ok = k + need < n
            if ok { for j in 1...need where bytes[k + j] & 0xC0 != 0x80 { ok = false } }
            if ok {
                multibyte += 1
                k += need + 1
            } else {
                invalid += 1
                k += 1
            }
        }
        return (multibyte, invalid)
    }
}
