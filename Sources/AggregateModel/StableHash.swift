/// A hash that is the same in every process and on every machine (Swift's `Hasher` is seeded per run).
public enum StableHash {
    /// 128 bits as 32 hex digits.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let (a, b) = bytes.withContiguousStorageIfAvailable { pair(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { pair($0) }
        return hex64(a) + hex64(b)
    }

    public static func hex(_ string: String) -> String {
        var string = string
        return string.withUTF8 { bytes in
            let (a, b) = pair(UnsafeRawBufferPointer(bytes))
            return hex64(a) + hex64(b)
        }
    }

    /// `hex` of `parts` joined by `separator`, without making the joined String (an item's content hash
    /// joined its title, summary and content: ~5 KB copied per item on the parsing thread).
    public static func hex(joining parts: [String], separator: UInt8) -> String {
        let (a, b) = pair(joining: parts, separator: separator)
        return hex64(a) + hex64(b)
    }

    private static func pair(joining parts: [String], separator: UInt8) -> (UInt64, UInt64) {
        var hasher = Stream(length: ByteJoin.length(of: parts))
        for (index, part) in parts.enumerated() {
            if index > 0 { hasher.add(separator) }
            var part = part
            part.withUTF8 { hasher.add($0) }
        }
        return hasher.finish()
    }

    /// The hash over bytes given in pieces; the total length is known beforehand (it seeds both lanes).
    private struct Stream {
        var a: UInt64
        var b: UInt64
        /// Bytes not yet making a whole word, little-endian.
        var word: UInt64 = 0
        var held = 0
        let length: Int
        var seen = 0

        init(length: Int) {
            self.length = length
            a = 0xcbf2_9ce4_8422_2325 ^ UInt64(length)
            b = 0x9e37_79b9_7f4a_7c15 &+ UInt64(length)
        }

        /// The bytes after the last whole word of the input are the tail, folded differently by `pair`.
        var tailStart: Int { length / 8 * 8 }

        mutating func add(_ byte: UInt8) {
            if seen >= tailStart {
                word = (word << 8) | UInt64(byte)
            } else {
                word |= UInt64(byte) << (8 * UInt64(held))
                held += 1
                if held == 8 { absorb() }
            }
            seen += 1
        }

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            // The word a previous piece began is completed first: pieces rarely end on a word's end, and every
            // piece after the first went byte by byte (an item's content hash was 3% of a cold run).
            while held != 0 && index < bytes.count && seen < tailStart {
                add(bytes[index])
                index += 1
            }
            // Then whole words straight from the input, the lanes in registers.
            if held == 0, let base = bytes.baseAddress, seen < tailStart {
                let whole = min(bytes.count - index, tailStart - seen) / 8 * 8
                let raw = UnsafeRawPointer(base + index)
                var a = self.a, b = self.b
                var offset = 0
                while offset < whole {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    a = mix(a ^ word, 0xff51_afd7_ed55_8ccd)
                    b = mix(b &+ word, 0xc4ce_b9fe_1a85_ec53)
                    offset += 8
                }
                self.a = a
                self.b = b
                seen += whole
                index += whole
            }
            while index < bytes.count {
                add(bytes[index])
                index += 1
            }
        }

        private mutating func absorb() {
            a = mix(a ^ word, 0xff51_afd7_ed55_8ccd)
            b = mix(b &+ word, 0xc4ce_b9fe_1a85_ec53)
            word = 0
            held = 0
        }

        func finish() -> (UInt64, UInt64) {
            precondition(seen == length, "StableHash: \(seen) bytes given for \(length)")
            let tail = word
            let a = mix(self.a ^ tail, 0xff51_afd7_ed55_8ccd)
            let b = mix(self.b &+ tail ^ a, 0xc4ce_b9fe_1a85_ec53)
            return (mix(a ^ (b >> 31), 0x94d0_49bb_1331_11eb), mix(b ^ (a >> 29), 0xbf58_476d_1ce4_e5b9))
        }
    }

    /// 128 bits of a large input read whole (a fetched body) as 32 hex digits, over four lanes of 8-byte words: the
    /// processor runs four chains of multiplies at once where `hex` runs two. Not the same values as `hex`.
    /// NOTE: every body is hashed at every run to tell whether it changed (205 MB in a cold run over 1,000 feeds),
    /// and `hex`'s two chains, bound by the multiplies' latency, took 3% of that run's cycles.
    public static func wideHex(_ bytes: [UInt8]) -> String {
        let (a, b) = bytes.withUnsafeBytes { raw -> (UInt64, UInt64) in
            let length = UInt64(raw.count)
            var l0 = 0xcbf2_9ce4_8422_2325 ^ length, l1 = 0x9e37_79b9_7f4a_7c15 &+ length
            var l2 = 0x94d0_49bb_1331_11eb ^ length, l3 = 0xbf58_476d_1ce4_e5b9 &+ length
            var offset = 0
            if let base = raw.baseAddress {
                func word(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
                while offset + 32 <= raw.count {
                    l0 = mix(l0 ^ word(offset), 0xff51_afd7_ed55_8ccd)
                    l1 = mix(l1 &+ word(offset + 8), 0xc4ce_b9fe_1a85_ec53)
                    l2 = mix(l2 ^ word(offset + 16), 0xc4ce_b9fe_1a85_ec53)
                    l3 = mix(l3 &+ word(offset + 24), 0xff51_afd7_ed55_8ccd)
                    offset += 32
                }
            }
            // The last 0-31 bytes as `hex` takes them; the four lanes folded into two.
            let (ta, tb) = pair(UnsafeRawBufferPointer(rebasing: raw[offset...]))
            return (mix(mix(l0 ^ ta, 0x94d0_49bb_1331_11eb) ^ l2, 0xff51_afd7_ed55_8ccd),
                    mix(mix(l1 ^ tb, 0xbf58_476d_1ce4_e5b9) ^ l3, 0xc4ce_b9fe_1a85_ec53))
        }
        return hex64(mix(a ^ (b >> 31), 0x94d0_49bb_1331_11eb)) + hex64(mix(b ^ (a >> 29), 0xbf58_476d_1ce4_e5b9))
    }

    /// `wideHex` of `parts` joined by `separator`, copied once into one buffer (copying ~5 KB costs less than
    /// `hex`'s two chains over it).
    public static func wideHex(joining parts: [String], separator: UInt8) -> String {
        wideHex([UInt8](unsafeUninitializedCapacity: ByteJoin.length(of: parts)) { buffer, written in
            written = ByteJoin.write(parts, separator: separator, into: buffer)
        })
    }

    /// A name-based UUID (RFC 9562 version 8) for `name`, usable as an Atom id: `urn:uuid:…`.
    public static func uuidURN(_ name: String) -> String {
        var name = name
        return uuidURN(name.withUTF8 { pair(UnsafeRawBufferPointer($0)) })
    }

    /// `uuidURN` of `parts` joined by `separator`, without making the joined String.
    public static func uuidURN(joining parts: [String], separator: UInt8) -> String {
        uuidURN(pair(joining: parts, separator: separator))
    }

    private static func uuidURN(_ hash: (UInt64, UInt64)) -> String {
        var (a, b) = hash
        a = (a & ~0xF000) | 0x8000  // version 8
        b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 4122 variant
        // urn:uuid:8-4-4-4-12, written digit by digit (made once per entry on the parsing thread).
        return String(unsafeUninitializedCapacity: 45) { out in
            for (k, c) in "urn:uuid:".utf8.enumerated() { out[k] = c }
            var at = 9
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    out[at] = UInt8(ascii: "-")
                    at += 1
                }
                let value = nibble < 16 ? a >> (60 - 4 * UInt64(nibble)) : b >> (60 - 4 * UInt64(nibble - 16))
                out[at] = hexDigits[Int(value & 0xF)]
                at += 1
            }
            return at
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two 64-bit lanes over 8-byte words, multiply-and-fold mixing (bodies of many megabytes are hashed
    /// at every run, so a byte-at-a-time hash was a tenth of a cold run). The steps are `Stream`'s.
    private static func pair(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var stream = Stream(length: bytes.count)
        stream.add(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count))
        return stream.finish()
    }

    fileprivate static func mix(_ value: UInt64, _ multiplier: UInt64) -> UInt64 {
        var x = value &* multiplier
        x ^= x >> 32
        return x
    }

    private static func hex64(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { out in
            for k in 0..<16 { out[k] = hexDigits[Int((value >> (60 - 4 * UInt64(k))) & 0xF)] }
            return 16
        }
    }
}
