import AggregateTestSupport
@testable import AggregateMerge
import Testing

/// The rare words a near-duplicate search starts from: the same as sorting every known word by count, then word.
@Suite struct RarestWordsTests {
    @Test func rarestAreTheFirstOfTheSortedWords() {
        var random = SplitMix64(seed: 99)
        let vocabulary = ["alpha", "beta", "gamma", "delta", "中文", "россия", "épée", "2026", "x", "yy"]
        for _ in 0..<5_000 {
            let words = Array(vocabulary.shuffled(using: &random).prefix(random.below(vocabulary.count + 1)))
            let counts: [Int?] = words.map { _ in random.below(4) == 0 ? nil : random.below(5) + 1 }
            for limit in 1...4 {
                let sorted = zip(words, counts).compactMap { word, count in count.map { (count: $0, word: word) } }
                    .sorted { ($0.count, $0.word) < ($1.count, $1.word) }.prefix(limit).map(\.word)
                #expect(Merger.rarest(limit, of: words, counts: counts) == Array(sorted), "\(words) \(counts) \(limit)")
            }
        }
    }
}
