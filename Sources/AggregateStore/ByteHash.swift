/// A 64-bit hash of bytes, taken eight at a time, for hashes kept in memory to answer "surely not saved" (see
/// `Store.savedIdentities`): two inputs that share a hash cost a query, never a wrong answer, so speed matters more
/// than resistance to inputs made to collide.
/// NOTE: `Hasher` (SipHash, a byte stream) took 850 instructions for an identity of ~100 bytes, twice an item saved
/// and again at every look-up.
enum ByteHash {
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        // The length goes in first: bytes that end in zeros hash apart from the same bytes without them.
        var state = mix(seed ^ UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            state = mix(state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
            state = mix(state ^ tail)
        }
        return mix(state)
    }

    /// Both halves of the full product with an odd constant (the golden ratio's): every input bit reaches every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = (value ^ 0x2D35_8DCC_AA6C_78A5).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }
}
