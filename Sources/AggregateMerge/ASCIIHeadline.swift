/// A normalized all-ASCII headline split into words as byte ranges, for `TitleSimilarity.Prepared.score`.
///
/// The score builds Sets of words and of word pairs for every candidate it compares: 7 µs a comparison, a third
/// of the near-duplicate search. For ASCII headlines (most of them) equal Strings are equal bytes, so the same
/// sets can be compared as byte ranges of the headline, without allocating or hashing; the counts and the
/// arithmetic are the same, and so is the score, to the bit.
struct ASCIIHeadline {
    let bytes: [UInt8]
    /// Distinct words, in order of first appearance.
    let words: [Range<Int>]
    /// Distinct pairs of adjacent words.
    let pairs: [(Range<Int>, Range<Int>)]
    /// Distinct words holding a digit.
    let numbers: [Range<Int>]

    /// nil when `normalized` is not all ASCII.
    init?(_ normalized: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(normalized.utf8.count)
        for byte in normalized.utf8 {
            if byte >= 0x80 { return nil }
            bytes.append(byte)
        }
        // The words as `TitleNormalizer.words` splits them: runs between spaces, empty runs omitted.
        var list: [Range<Int>] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
            if index > start { list.append(start..<index) }
            start = index + 1
        }
        var words: [Range<Int>] = []
        var numbers: [Range<Int>] = []
        for word in list where !words.contains(where: { Self.equal(bytes, $0, bytes, word) }) {
            words.append(word)
            if bytes[word].contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { numbers.append(word) }
        }
        var pairs: [(Range<Int>, Range<Int>)] = []
        if list.count > 1 {
            for index in 1..<list.count {
                let pair = (list[index - 1], list[index])
                if !pairs.contains(where: { Self.equal(bytes, $0.0, bytes, pair.0) && Self.equal(bytes, $0.1, bytes, pair.1) }) { pairs.append(pair) }
            }
        }
        self.bytes = bytes
        self.words = words
        self.pairs = pairs
        self.numbers = numbers
    }

    private static func equal(_ a: [UInt8], _ x: Range<Int>, _ b: [UInt8], _ y: Range<Int>) -> Bool {
        x.count == y.count && a[x].elementsEqual(b[y])
    }

    /// `TitleSimilarity.Prepared.score`, step by step, on byte ranges.
    func score(against other: ASCIIHeadline) -> Double {
        if other.bytes == bytes { return 1 }
        guard !other.words.isEmpty, !words.isEmpty else { return 0 }
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
