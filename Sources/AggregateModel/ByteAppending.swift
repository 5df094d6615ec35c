extension Array where Element == UInt8 {
    /// Appends the bytes of a literal. A String literal's `utf8` view went through the generic sequence
    /// path, about 170 instructions for "</" in the sanitizer's and the JSON writer's inner loops.
    @inlinable
    public mutating func append(literal s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}
