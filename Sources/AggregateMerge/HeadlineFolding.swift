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

    /// `TitleNormalizer.normalize` of a headline without its publisher suffix, when every scalar of it folds alone:
    /// each scalar's fold, apostrophes left out, runs of other scalars that are not alphanumeric made one space
    /// between words; nil otherwise.
    /// NOTE: folded whole, then filtered a scalar at a time, a headline outside ASCII cost ~22,000 instructions, and
    /// more than half of the 1,000-feed benchmark's headlines are: what each scalar becomes is worked out once.
    static func normalized(_ text: String) -> String? {
        memo.normalized(text)
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

        /// Per BMP scalar, as `entries`, into `tokens`: its fold without apostrophes, as UTF-8, with 0xFF (a byte
        /// UTF-8 never holds) for each scalar of it that is not alphanumeric.
        private let tokenEntries: UnsafeMutablePointer<UInt64>
        private var tokens: [UInt8] = []

        init() {
            entries = .allocate(capacity: 0x10000)
            entries.initialize(repeating: 0, count: 0x10000)
            tokenEntries = .allocate(capacity: 0x10000)
            tokenEntries.initialize(repeating: 0, count: 0x10000)
        }

        deinit {
            entries.deallocate()
            tokenEntries.deallocate()
        }

        func normalized(_ text: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            var text = text
            return text.withUTF8 { bytes -> String? in
                // Every scalar's token first (learning one grows the pool), then the tokens copied from the pool.
                var length = 0
                var index = 0
                while index < bytes.count {
                    guard let (value, size) = Self.scalar(bytes, at: index) else { return nil }
                    index += size
                    let entry = tokenEntries + Int(value)
                    if entry.pointee == 0 { entry.pointee = learnToken(Unicode.Scalar(value)!) }
                    guard entry.pointee != 1 else { return nil }
                    // A space at most before each byte.
                    length += 2 * Int((entry.pointee - 2) & 0xFF)
                }
                let out = tokens.withUnsafeBufferPointer { tokens in
                    [UInt8](unsafeUninitializedCapacity: length) { out, written in
                        var pendingSpace = false
                        var at = 0
                        var index = 0
                        while index < bytes.count {
                            let (value, size) = Self.scalar(bytes, at: index)!
                            index += size
                            let packed = tokenEntries[Int(value)] - 2
                            let start = Int(packed >> 8)
                            for byte in tokens[start..<start + Int(packed & 0xFF)] {
                                if byte == 0xFF {
                                    pendingSpace = true
                                    continue
                                }
                                if pendingSpace && at > 0 {
                                    out[at] = UInt8(ascii: " ")
                                    at += 1
                                }
                                pendingSpace = false
                                out[at] = byte
                                at += 1
                            }
                        }
                        written = at
                    }
                }
                return String(decoding: out, as: UTF8.self)
            }
        }

        /// The BMP scalar starting at `index` of valid UTF-8 and its length; nil beyond the BMP.
        @inline(__always)
        private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
            let lead = UInt32(bytes[index])
            if lead < 0x80 { return (lead, 1) }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1]) & 0x3F, 2) }
            if lead < 0xF0 { return ((lead & 0x0F) << 12 | (UInt32(bytes[index + 1]) & 0x3F) << 6 | UInt32(bytes[index + 2]) & 0x3F, 3) }
            return nil
        }

        private func learnToken(_ scalar: Unicode.Scalar) -> UInt64 {
            guard HeadlineFolding.foldsAlone(scalar) else { return 1 }
            var token: [UInt8] = []
            for folded in String(scalar).folding(options: HeadlineFolding.options, locale: nil).unicodeScalars {
                if folded == "'" || folded == "’" { continue }
                if CharacterSet.alphanumerics.contains(folded) {
                    UTF8.encode(folded) { token.append($0) }
                } else {
                    token.append(0xFF)
                }
            }
            guard token.count <= 0xFF else { return 1 }
            let offset = tokens.count
            tokens.append(contentsOf: token)
            return (UInt64(offset) << 8 | UInt64(token.count)) + 2
        }

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
