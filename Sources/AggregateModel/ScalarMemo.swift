import Foundation

/// A yes-or-no property of Unicode scalars that is slow to work out (Foundation's character sets and
/// decompositions), worked out once per BMP scalar when first asked and kept. Scalars beyond the BMP are rare
/// in headlines: they are asked each time. Both threads of a run ask; one lock per batch of questions.
public final class ScalarMemo: @unchecked Sendable {
    private let lock = NSLock()
    /// Per BMP scalar: 0 not asked yet, 1 no, 2 yes. Written only under the lock.
    private let answers: UnsafeMutablePointer<UInt8>
    private let property: @Sendable (Unicode.Scalar) -> Bool

    public init(_ property: @escaping @Sendable (Unicode.Scalar) -> Bool) {
        self.property = property
        answers = .allocate(capacity: 0x10000)
        answers.initialize(repeating: 0, count: 0x10000)
    }

    deinit { answers.deallocate() }

    /// `body` given the property, to ask about as many scalars as it needs under one lock.
    public func withAnswers<R>(_ body: (Answers) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(Answers(memo: self))
    }

    public struct Answers {
        fileprivate let memo: ScalarMemo

        public func callAsFunction(_ scalar: Unicode.Scalar) -> Bool {
            guard scalar.value < 0x10000 else { return memo.property(scalar) }
            let slot = memo.answers + Int(scalar.value)
            if slot.pointee == 0 { slot.pointee = memo.property(scalar) ? 2 : 1 }
            return slot.pointee == 2
        }
    }
}
