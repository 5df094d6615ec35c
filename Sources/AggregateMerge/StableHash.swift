/// A hash that is the same in every process and on every machine (Swift's `Hasher` is seeded per run).
public enum StableHash {
    /// 128 bits as 32 hex digits: two FNV-1a 64 passes with different offset bases.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let (a, b) = pair(bytes)
        return hex64(a) + hex64(b)
    }

    public static func hex(_ string: String) -> String { hex(string.utf8) }

    /// A name-based UUID (RFC 9562 version 8) for `name`, usable as an Atom id: `urn:uuid:…`.
    public static func uuidURN(_ name: String) -> String {
        var (a, b) = pair(name.utf8)
        a = (a & ~0xF000) | 0x8000  // version 8
        b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 4122 variant
        let h = hex64(a) + hex64(b)
        let c = Array(h)
        return "urn:uuid:" + String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-"
            + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    private static func pair<Bytes: Sequence>(_ bytes: Bytes) -> (UInt64, UInt64) where Bytes.Element == UInt8 {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = b ^ (b >> 29)
        }
        return (a, b)
    }

    private static func hex64(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
