/// The search of the escaping writers for the next byte to replace: 16 bytes at a time (SSE2 on x86-64), the
/// last few one by one. Runs between two such bytes are copied whole.
enum EscapeScan {
    /// The bytes one writer must look at.
    protocol Flags {
        static func flagged(_ v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>>
        static func flagged(_ byte: UInt8) -> Bool
    }

    /// XML character data: `&`, `<`, `>`, control characters, and EF (the lead byte of U+FFFE and U+FFFF).
    enum XMLText: Flags {
        @inline(__always)
        static func flagged(_ v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
            (v .== splat(UInt8(ascii: "&"))) .| (v .== splat(UInt8(ascii: "<"))) .| (v .== splat(UInt8(ascii: ">"))) .| (v .< splat(0x20))
                .| (v .== splat(0xEF))
        }

        @inline(__always)
        static func flagged(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte < 0x20 || byte == 0xEF
        }
    }

    /// An XML attribute value: as character data, and `"`.
    enum XMLAttribute: Flags {
        @inline(__always)
        static func flagged(_ v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
            XMLText.flagged(v) .| (v .== splat(UInt8(ascii: "\"")))
        }

        @inline(__always)
        static func flagged(_ byte: UInt8) -> Bool {
            XMLText.flagged(byte) || byte == UInt8(ascii: "\"")
        }
    }

    /// A JSON string: `"`, `\`, control characters, and E2 (the lead byte of U+2028 and U+2029).
    enum JSONString: Flags {
        @inline(__always)
        static func flagged(_ v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
            (v .== splat(UInt8(ascii: "\""))) .| (v .== splat(UInt8(ascii: "\\"))) .| (v .< splat(0x20)) .| (v .== splat(0xE2))
        }

        @inline(__always)
        static func flagged(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0xE2
        }
    }

    /// HTML text as Mustache's `{{name}}` escapes it (`HTMLEscaping`): `&`, `<`, `>`, `"` and `'`.
    enum HTMLText: Flags {
        @inline(__always)
        static func flagged(_ v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
            (v .== splat(UInt8(ascii: "&"))) .| (v .== splat(UInt8(ascii: "<"))) .| (v .== splat(UInt8(ascii: ">")))
                .| (v .== splat(UInt8(ascii: "\""))) .| (v .== splat(UInt8(ascii: "'")))
        }

        @inline(__always)
        static func flagged(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'")
        }
    }

    /// A vector of `byte`. NOTE: comparing with a vector, not a scalar: the scalar forms of `.==` and `.<` were
    /// compiled lane by lane (4,000 instructions a search instead of a few).
    @inline(__always)
    static func splat(_ byte: UInt8) -> SIMD16<UInt8> {
        SIMD16(repeating: byte)
    }

    /// The index of the first byte from `start` on that `flags` marks, or `count`.
    @inline(__always)
    static func next<F: Flags>(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, _ flags: F.Type) -> Int {
        var i = start
        while i + 16 <= count {
            let mask = F.flagged(UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self))
            if any(mask) {
                let marks = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0x80, where: mask), to: (UInt64, UInt64).self)
                let low = UInt64(littleEndian: marks.0)
                return i + (low != 0 ? low.trailingZeroBitCount >> 3 : 8 + UInt64(littleEndian: marks.1).trailingZeroBitCount >> 3)
            }
            i += 16
        }
        while i < count, !F.flagged(base[i]) { i += 1 }
        return i
    }
}
