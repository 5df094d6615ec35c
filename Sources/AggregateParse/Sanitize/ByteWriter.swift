/// Where the sanitizer writes bytes: an `[UInt8]` (the libxml2 way, the XML stream) or a `ByteWriter`
/// (the short way). The writing helpers are generic over it and specialized for each.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteSink where Self: ~Copyable {
    @inline(__always)
    mutating func append(literal s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}

extension Array: ByteSink where Element == UInt8 {}

/// A growable byte buffer that owns its memory: an append is a bounds check and a copy.
/// NOTE: the short way appends about five times per tag; `Array.append(contentsOf:)` cost ~70
/// instructions a call (uniqueness, capacity, the generic copy path), a tenth of sanitizing.
struct ByteWriter: ByteSink, ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(from: bytes.baseAddress!, count: n)
        count += n
    }

    /// Drops what was written from `mark` on.
    mutating func truncate(to mark: Int) {
        precondition(mark >= 0 && mark <= count)
        count = mark
    }

    /// The bytes written, lent to `body`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(capacity * 2, needed)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
