import AggregateModel
import Foundation

/// `folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)` of a headline,
/// one scalar at a time from answers kept per scalar.
///
/// Foundation's folding cost ~31,000 instructions a headline outside ASCII (0.74 G instructions over 1,000 feeds,
/// on both threads of a cold run). A scalar that is no mark, no format or control character, combines with
/// nothing (combining class 0, no Hangul jamo, no halfwidth sound mark) and lies in the BMP folds the same alone
/// as within any text (checked for every such scalar against neighbours of each script, and in the tests against
/// Foundation on real and made-up headlines), so a headline made only of such scalars folds to the concatenation
/// of their folds, each worked out by Foundation once. Any other headline is folded by Foundation whole.
enum HeadlineFolding {
    private static let memo = Memo()

    static let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive, .widthInsensitive]

    static func fold(_ text: String) -> String {
        memo.fold(text) ?? text.folding(options: options, locale: nil)
    }

    private static func foldsAlone(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, control characters included (a title may hold a line break), folds alone.
        scalar.value < 0x80 || InertScalars.combinesWithNothing(scalar)
    }

    /// Per BMP scalar: not asked yet, folded by Foundation only with its text, or its fold as UTF-8 in `pool`.
    /// Both threads of a run fold headlines: one lock per headline.
    private final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        /// 0: not asked; 1: not alone; else `offset << 8 | length`, plus 2, into `pool`.
        private let entries: UnsafeMutablePointer<UInt64>
        private var pool: [UInt8] = []

        init() {
            entries = .allocate(capacity: 0x10000)
            entries.initialize(repeating: 0, count: 0x10000)
        }

        deinit { entries.deallocate() }

        func fold(_ text: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            // Every scalar's answer first (learning one grows the pool), then the folds copied from the pool.
            var length = 0
            for scalar in text.unicodeScalars {
                guard scalar.value < 0x10000 else { return nil }
                let entry = entries + Int(scalar.value)
                if entry.pointee == 0 { entry.pointee = learn(scalar) }
                guard entry.pointee != 1 else { return nil }
                length += Int((entry.pointee - 2) & 0xFF)
            }
            return pool.withUnsafeBufferPointer { pool in
                String(unsafeUninitializedCapacity: length) { out in
                    var at = 0
                    for scalar in text.unicodeScalars {
                        let packed = entries[Int(scalar.value)] - 2
                        let offset = Int(packed >> 8), count = Int(packed & 0xFF)
                        for index in 0..<count { out[at + index] = pool[offset + index] }
                        at += count
                    }
                    return at
                }
            }
        }

        private func learn(_ scalar: Unicode.Scalar) -> UInt64 {
            guard HeadlineFolding.foldsAlone(scalar) else { return 1 }
            let folded = Array(String(scalar).folding(options: HeadlineFolding.options, locale: nil).utf8)
            guard folded.count <= 0xFF else { return 1 }
            let offset = pool.count
            pool.append(contentsOf: folded)
            return (UInt64(offset) << 8 | UInt64(folded.count)) + 2
        }
    }
}
