import AggregateModel

/// A normalized headline split into words as byte ranges, for `TitleSimilarity.Prepared.score`.
///
/// The score builds Sets of words and of word pairs for every candidate it compares: 7 µs a comparison, a third
/// of the near-duplicate search. When a headline is made of ASCII and `InertScalars` only (English, most
/// accented Latin once folded, Russian, Chinese…), equal Strings are equal bytes, so the same sets can be
/// compared as byte ranges of the headline, without allocating or hashing; the counts and the arithmetic are
/// the same, and so is the score, to the bit.
struct ByteHeadline {
    /// A word's bytes. 32-bit offsets: the store keeps a byte form per item (see `HeadlineForm`), and 64-bit
    /// ranges took 8 MB more over a cold run's 40,000 items.
    typealias Span = Range<Int32>

    let bytes: [UInt8]
    /// Distinct words (as `TitleNormalizer.words` makes them), in order of first appearance.
    let words: [Span]
    /// Distinct pairs of adjacent words.
    let pairs: [(Span, Span)]
    /// Distinct words holding a number.
    let numbers: [Span]
    /// Whether the word list is empty.
    let isEmpty: Bool

    /// nil when `normalized` holds a scalar that is neither ASCII nor inert (or is too long for `Span`).
    init?(_ normalized: String) {
        let bytes = Array(normalized.utf8)
        guard bytes.count <= Int(Int32.max) else { return nil }
        let ascii = bytes.allSatisfy { $0 < 0x80 }
        if !ascii && !InertScalars.all(normalized) { return nil }
        // `TitleNormalizer.words`: runs between spaces (empty runs omitted); a run holding Han, Kana, Hangul or
        // Thai and longer than two scalars becomes its pairs of adjacent scalars.
        var list: [Range<Int>] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
            if index > start {
                if ascii {
                    list.append(start..<index)
                } else {
                    Self.split(bytes, start..<index, into: &list)
                }
            }
            start = index + 1
        }
        let spans = list.map { Int32($0.lowerBound)..<Int32($0.upperBound) }
        // Sized once: the store keeps a byte form per item (see `HeadlineForm`), and doubling growth left up to
        // half of each array unused.
        var words: [Span] = []
        words.reserveCapacity(spans.count)
        var numbers: [Span] = []
        for (word, range) in zip(spans, list) where !words.contains(where: { Self.equal(bytes, $0, bytes, word) }) {
            words.append(word)
            if Self.hasNumber(bytes, range) { numbers.append(word) }
        }
        var pairs: [(Span, Span)] = []
        if spans.count > 1 {
            pairs.reserveCapacity(spans.count - 1)
            for index in 1..<spans.count {
                let pair = (spans[index - 1], spans[index])
                if !pairs.contains(where: { Self.equal(bytes, $0.0, bytes, pair.0) && Self.equal(bytes, $0.1, bytes, pair.1) }) { pairs.append(pair) }
            }
        }
        self.bytes = bytes
        self.words = words
        self.pairs = pairs
        self.numbers = numbers
        isEmpty = list.isEmpty
    }

    /// A run of a non-ASCII headline: itself, or its pairs of adjacent scalars.
    private static func split(_ bytes: [UInt8], _ run: Range<Int>, into list: inout [Range<Int>]) {
        var starts: [Int] = []
        var unspaced = false
        var index = run.lowerBound
        while index < run.upperBound {
            starts.append(index)
            let (scalar, length) = decode(bytes, at: index)
            if TitleNormalizer.isUnspacedScript(scalar) { unspaced = true }
            index += length
        }
        guard unspaced, starts.count > 2 else {
            list.append(run)
            return
        }
        starts.append(run.upperBound)
        for pair in 0..<(starts.count - 2) { list.append(starts[pair]..<starts[pair + 2]) }
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    private static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = length == 1 ? lead : lead & (0xFF >> (length + 1))
        for offset in 1..<max(length, 1) where length > 1 { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// `TitleSimilarity.hasDigit`: an ASCII digit, or a character that is a number; here each scalar is a
    /// character of its own (see `InertScalars`).
    private static func hasNumber(_ bytes: [UInt8], _ word: Range<Int>) -> Bool {
        var index = word.lowerBound
        while index < word.upperBound {
            let (scalar, length) = decode(bytes, at: index)
            if scalar.value >= 0x30 && scalar.value <= 0x39 { return true }
            if scalar.value >= 0x80 && scalar.properties.numericType != nil { return true }
            index += length
        }
        return false
    }

    private static func equal(_ a: [UInt8], _ x: Span, _ b: [UInt8], _ y: Span) -> Bool {
        x.count == y.count && a[Int(x.lowerBound)..<Int(x.upperBound)].elementsEqual(b[Int(y.lowerBound)..<Int(y.upperBound)])
    }

    /// `TitleSimilarity.Prepared.score`, step by step, on byte ranges.
    func score(against other: ByteHeadline) -> Double {
        if other.bytes == bytes { return 1 }
        guard !other.isEmpty, !words.isEmpty else { return 0 }
        guard other.numbers.count == numbers.count,
              other.numbers.allSatisfy({ number in numbers.contains { Self.equal(bytes, $0, other.bytes, number) } })
        else { return 0 }
        var sharedWords = 0
        for word in other.words where words.contains(where: { Self.equal(bytes, $0, other.bytes, word) }) { sharedWords += 1 }
        let wordScore = 2 * Double(sharedWords) / Double(words.count + other.words.count)
        let pairScore: Double
        if pairs.isEmpty && other.pairs.isEmpty {
            pairScore = wordScore
        } else {
            var sharedPairs = 0
            for pair in other.pairs
            where pairs.contains(where: { Self.equal(bytes, $0.0, other.bytes, pair.0) && Self.equal(bytes, $0.1, other.bytes, pair.1) }) {
                sharedPairs += 1
            }
            pairScore = 2 * Double(sharedPairs) / Double(pairs.count + other.pairs.count)
        }
        return (wordScore + pairScore) / 2
    }
}

/// A byte form as the store keeps it (see `HeadlineForm`).
final class KeptHeadline: HeadlineForm {
    let byteForm: ByteHeadline

    init(_ byteForm: ByteHeadline) { self.byteForm = byteForm }
}
