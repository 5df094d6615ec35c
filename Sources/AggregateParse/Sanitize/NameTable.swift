#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lower-case names (at most 16 bytes), each with its number and one byte of facts, in storage that
/// lives as long as the process. A lookup hashes the packed name with one multiplication and reads
/// names without reference counting: the standard library's hashing and the retains of nested arrays
/// were a tenth of a parse of news feeds, spent on tags.
struct NameTable: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<PackedName>
    private let slots: UnsafeMutablePointer<Int16>
    private let mask: Int
    private let bytes: UnsafeMutablePointer<UInt8>
    private let offsets: UnsafeMutablePointer<Int>
    private let facts: UnsafeMutablePointer<UInt8>
    let count: Int

    /// `facts(i)` is kept for the i-th name.
    init(_ names: [String], facts: (Int) -> UInt8 = { _ in 0 }) {
        count = names.count
        var size = 16
        while size < names.count * 4 { size *= 2 }
        mask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: PackedName(low: 0, high: 0), count: size)
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        let total = names.reduce(0) { $0 + $1.utf8.count }
        bytes = .allocate(capacity: max(total, 1))
        offsets = .allocate(capacity: names.count + 1)
        self.facts = .allocate(capacity: max(names.count, 1))
        var at = 0
        for (n, name) in names.enumerated() {
            let key = PackedName(name)!
            var slot = Self.slot(key, mask: mask)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            slots[slot] = Int16(n)
            offsets[n] = at
            for b in name.utf8 {
                bytes[at] = b
                at += 1
            }
            self.facts[n] = facts(n)
        }
        offsets[names.count] = at
    }

    @inline(__always) private static func slot(_ key: PackedName, mask: Int) -> Int {
        let mixed = (key.low ^ (key.high &* 0x2545_F491_4F6C_DD1D)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 40) & mask
    }

    /// The number of the name in `p[range]`, compared in lower case.
    @inline(__always) func number(lowercasing p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.count <= 16 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0
        var shift: UInt64 = 0
        for k in range {
            let raw = p[k]
            let c = UInt64(raw >= 0x41 && raw <= 0x5A ? raw | 0x20 : raw)
            if shift < 64 { low |= c << shift } else { high |= c << (shift - 64) }
            shift += 8
        }
        let key = PackedName(low: low, high: high)
        var slot = Self.slot(key, mask: mask)
        while true {
            let n = slots[slot]
            if n < 0 { return nil }
            if keys[slot] == key { return Int(n) }
            slot = (slot + 1) & mask
        }
    }

    /// The number of a NUL-terminated name, compared in lower case.
    func number(lowercasing name: UnsafePointer<CChar>) -> Int? {
        let length = strlen(name)
        return name.withMemoryRebound(to: UInt8.self, capacity: length) {
            number(lowercasing: UnsafeBufferPointer(start: $0, count: length), 0..<length)
        }
    }

    @inline(__always) func name(_ n: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + offsets[n], count: offsets[n + 1] - offsets[n])
    }

    @inline(__always) func facts(_ n: Int) -> UInt8 { facts[n] }
}
