import AggregateModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A normalized headline split into words as byte ranges, for `TitleSimilarity.Prepared.score`.
///
/// The score builds Sets of words and of word pairs for every candidate it compares: 7 µs a comparison, a third
/// of the near-duplicate search. When a headline is made of ASCII and `InertScalars` only (English, most
/// accented Latin once folded, Russian, Chinese…), equal Strings are equal bytes, so the same sets can be
/// compared as byte ranges of the headline, without allocating or hashing; the counts and the arithmetic are
/// the same, and so is the score, to the bit.
struct ByteHeadline {
    /// The headline's bytes and word ranges, packed in one allocation: the store keeps one per item (see
    /// `HeadlineForm`), and four arrays of ranges took ~550 bytes an item (37 MB at 2,000 feeds).
    let storage: KeptHeadline

    init(storage: KeptHeadline) { self.storage = storage }

    /// nil when `normalized` holds a scalar that is neither ASCII nor inert, or is longer than 65,535 bytes.
    init?(_ normalized: String) {
        guard normalized.utf8.count <= Int(UInt16.max), let words = HeadlineWords(normalized) else { return nil }
        self.init(words)
    }

    /// From the headline's words as `HeadlineWords` splits them; nil when it is longer than 65,535 bytes.
    init?(_ split: HeadlineWords) {
        let bytes = split.bytes
        guard bytes.count <= Int(UInt16.max) else { return nil }
        let list = split.list
        var words: [Range<Int>] = []
        var numbers: [Range<Int>] = []
        var pairs: [(Range<Int>, Range<Int>)] = []
        words.reserveCapacity(list.count)
        pairs.reserveCapacity(list.count)
        for (word, number) in zip(list, split.numbers) where !words.contains(where: { split.equal($0, word) }) {
            words.append(word)
            if number { numbers.append(word) }
        }
        if list.count > 1 {
            for index in 1..<list.count {
                let pair = (list[index - 1], list[index])
                if !pairs.contains(where: { split.equal($0.0, pair.0) && split.equal($0.1, pair.1) }) { pairs.append(pair) }
            }
        }
        storage = KeptHeadline.make(bytes: bytes, words: words, pairs: pairs, numbers: numbers, isEmpty: list.isEmpty)
    }

    /// `TitleSimilarity.Prepared.score`, step by step, on byte ranges.
    func score(against other: ByteHeadline, floor: Double = 0) -> Double { storage.score(against: other.storage, floor: floor) }
}

/// A byte form as the store keeps it (see `HeadlineForm`): the counts; then, in one allocation, as 16-bit
/// offsets into the headline's bytes, each distinct word's start and end, each distinct pair's two words, each
/// number's; then the bytes themselves.
final class KeptHeadline: HeadlineForm, @unchecked Sendable {
    struct Counts {
        let bytes: UInt16
        let words: UInt16
        let pairs: UInt16
        let numbers: UInt16
        /// The headline has no word at all.
        let isEmpty: Bool
    }

    /// Pointers into one form, for comparing two.
    private struct Parts {
        let words: UnsafePointer<UInt16>
        let pairs: UnsafePointer<UInt16>
        let numbers: UnsafePointer<UInt16>
        let bytes: UnsafePointer<UInt8>
        let counts: Counts
    }

    private let counts: Counts
    /// The offsets, then the bytes; written once in `make`, read only after (hence Sendable).
    private let storage: UnsafeMutablePointer<UInt16>

    private init(counts: Counts, storage: UnsafeMutablePointer<UInt16>) {
        self.counts = counts
        self.storage = storage
    }

    deinit { storage.deallocate() }

    /// Distinct words.
    var wordCount: Int { Int(counts.words) }

    static func make(bytes: [UInt8], words: [Range<Int>], pairs: [(Range<Int>, Range<Int>)], numbers: [Range<Int>], isEmpty: Bool) -> KeptHeadline {
        let spans = 2 * words.count + 4 * pairs.count + 2 * numbers.count
        let storage = UnsafeMutablePointer<UInt16>.allocate(capacity: spans + (bytes.count + 1) / 2)
        var at = 0
        func put(_ range: Range<Int>) {
            storage[at] = UInt16(range.lowerBound)
            storage[at + 1] = UInt16(range.upperBound)
            at += 2
        }
        for word in words { put(word) }
        for pair in pairs {
            put(pair.0)
            put(pair.1)
        }
        for number in numbers { put(number) }
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { UnsafeMutableRawPointer(storage + spans).copyMemory(from: base, byteCount: raw.count) }
        }
        let counts = Counts(
            bytes: UInt16(bytes.count), words: UInt16(words.count), pairs: UInt16(pairs.count), numbers: UInt16(numbers.count),
            isEmpty: isEmpty)
        return KeptHeadline(counts: counts, storage: storage)
    }

    private func withParts<R>(_ body: (Parts) -> R) -> R {
        let words = UnsafePointer(storage)
        let pairs = words + 2 * Int(counts.words)
        let numbers = pairs + 4 * Int(counts.pairs)
        let bytes = UnsafeRawPointer(numbers + 2 * Int(counts.numbers)).assumingMemoryBound(to: UInt8.self)
        return withExtendedLifetime(self) { body(Parts(words: words, pairs: pairs, numbers: numbers, bytes: bytes, counts: counts)) }
    }

    /// Whether the bytes `x` (start, end) of `a` are the bytes `y` of `b`.
    private static func equal(_ a: Parts, _ x: UnsafePointer<UInt16>, _ b: Parts, _ y: UnsafePointer<UInt16>) -> Bool {
        let length = Int(x[1]) - Int(x[0])
        return length == Int(y[1]) - Int(y[0]) && memcmp(a.bytes + Int(x[0]), b.bytes + Int(y[0]), length) == 0
    }

    /// The Sets of the score for a headline without a byte form (see `TitleSimilarity.WordSets`): this form's
    /// distinct words, pairs and numbers are those Sets' elements. Made on the first such comparison and kept: a
    /// stored headline split again at each one cost ~66,000 instructions (0.17 G at 1,000 feeds). Only the merging
    /// thread compares stored headlines, so only it makes and reads them.
    func wordSets() -> TitleSimilarity.WordSets {
        if let madeSets { return madeSets }
        let sets = withParts { p in
            func text(_ x: UnsafePointer<UInt16>) -> String {
                String(decoding: UnsafeBufferPointer(start: p.bytes + Int(x[0]), count: Int(x[1]) - Int(x[0])), as: UTF8.self)
            }
            return TitleSimilarity.WordSets(
                words: Set((0..<Int(p.counts.words)).map { CanonicalWord(text(p.words + 2 * $0)) }),
                pairs: Set((0..<Int(p.counts.pairs)).map { CanonicalWord(text(p.pairs + 4 * $0) + " " + text(p.pairs + 4 * $0 + 2)) }),
                numbers: Set((0..<Int(p.counts.numbers)).map { CanonicalWord(text(p.numbers + 2 * $0)) }))
        }
        madeSets = sets
        return sets
    }

    private var madeSets: TitleSimilarity.WordSets?

    /// `ByteHeadline.score`: this headline's score against `other`.
    /// Below `floor`, some score below `floor`: the pairs are not compared when the words alone keep it there.
    func score(against other: KeptHeadline, floor: Double = 0) -> Double {
        withParts { a in other.withParts { b in Self.score(a, b, floor: floor) } }
    }

    private static func score(_ a: Parts, _ b: Parts, floor: Double) -> Double {
        if a.counts.bytes == b.counts.bytes && memcmp(a.bytes, b.bytes, Int(a.counts.bytes)) == 0 { return 1 }
        guard !b.counts.isEmpty, a.counts.words > 0 else { return 0 }
        guard a.counts.numbers == b.counts.numbers else { return 0 }
        for j in 0..<Int(b.counts.numbers) {
            var found = false
            for i in 0..<Int(a.counts.numbers) where equal(a, a.numbers + 2 * i, b, b.numbers + 2 * j) {
                found = true
                break
            }
            if !found { return 0 }
        }
        var sharedWords = 0
        for j in 0..<Int(b.counts.words) {
            for i in 0..<Int(a.counts.words) where equal(a, a.words + 2 * i, b, b.words + 2 * j) {
                sharedWords += 1
                break
            }
        }
        let wordScore = 2 * Double(sharedWords) / Double(Int(a.counts.words) + Int(b.counts.words))
        // The pair score is at most 1. NOTE: most candidates share two rare words and little else; comparing their
        // pairs was a third of scoring them.
        if (wordScore + 1) / 2 < floor { return wordScore / 2 }
        let pairScore: Double
        if a.counts.pairs == 0 && b.counts.pairs == 0 {
            pairScore = wordScore
        } else {
            var sharedPairs = 0
            for j in 0..<Int(b.counts.pairs) {
                let y = b.pairs + 4 * j
                for i in 0..<Int(a.counts.pairs) {
                    let x = a.pairs + 4 * i
                    if equal(a, x, b, y) && equal(a, x + 2, b, y + 2) {
                        sharedPairs += 1
                        break
                    }
                }
            }
            pairScore = 2 * Double(sharedPairs) / Double(Int(a.counts.pairs) + Int(b.counts.pairs))
        }
        return (wordScore + pairScore) / 2
    }
}
