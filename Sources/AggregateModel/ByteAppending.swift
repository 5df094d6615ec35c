extension Array where Element == UInt8 {
    /// Appends the bytes of a literal. A String literal's `utf8` view went through the generic sequence
    /// path, about 170 instructions for "</" in the sanitizer's and the JSON writer's inner loops.
    @inlinable
    public mutating func append(literal s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}

/// Strings joined by a one-byte separator, written straight into storage made to their size (`joined(separator:)`
/// made a String of each piece first).
public enum ByteJoin {
    /// How many bytes `parts` take joined.
    public static func length(of parts: [String]) -> Int {
        parts.reduce(max(0, parts.count - 1)) { $0 + $1.utf8.count }
    }

    /// Writes `parts` joined by `separator` at the start of `buffer`, which holds at least `length(of: parts)`
    /// bytes; returns how many it wrote.
    public static func write(_ parts: [String], separator: UInt8, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var at = 0
        func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
            (target + at).update(from: source, count: bytes.count)
            at += bytes.count
        }
        for index in parts.indices {
            if index > 0 {
                buffer[at] = separator
                at += 1
            }
            // On the part's own bytes: a copy of it to lend them (`withUTF8` wants a variable) was a retain and a
            // release a part, ~10 parts an entry for its content hash.
            if parts[index].utf8.withContiguousStorageIfAvailable(copy) == nil {
                var part = parts[index]
                part.withUTF8(copy)
            }
        }
        return at
    }
}
