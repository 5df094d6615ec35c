/// UTF-8 checks on raw bytes.
enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8; `hasNonASCII` tells whether any multi-byte sequence occurs.
    static func check(_ bytes: ArraySlice<UInt8>) -> (valid: Bool, hasNonASCII: Bool) {
        var nonASCII = false
        var i = bytes.startIndex
        let end = bytes.endIndex
        return bytes.withUnsafeBufferPointer { p -> (Bool, Bool) in
            var k = 0
            let n = p.count
            _ = i; _ = end
            while k < n {
                let b = p[k]
                if b < 0x80 { k += 1; continue }
                nonASCII = true
                let need: Int
                if b >= 0xC2 && b <= 0xDF { need = 1 }
                else if b >= 0xE0 && b <= 0xEF { need = 2 }
                else if b >= 0xF0 && b <= 0xF4 { need = 3 }
                else { return (false, true) }
                guard k + need < n else { return (false, true) }
                let b1 = p[k + 1]
                if b == 0xE0 && b1 < 0xA0 { return (false, true) }
                if b == 0xED && b1 > 0x9F { return (false, true) }
                if b == 0xF0 && b1 < 0x90 { return (false, true) }
                if b == 0xF4 && b1 > 0x8F { return (false, true) }
                for j in 1...need where p[k + j] & 0xC0 != 0x80 { return (false, true) }
                k += need + 1
            }
            i = end
            return (true, nonASCII)
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
