import AggregateModel

/// How alike two normalized headlines are, from 0 to 1.
///
/// The mean of two Dice coefficients: over the sets of words (what the headlines say) and over the sets of
/// adjacent word pairs (in what order: "Pakistan beat India" is not "India beat Pakistan"). Headlines whose
/// numbers differ ("6.1 quake", "5.2 quake") never match.
public enum TitleSimilarity {
    /// Default threshold: see README "Duplicates".
    public static let defaultThreshold = 0.75

    public static func score(_ a: String, _ b: String) -> Double {
        Prepared(a).score(against: b)
    }

    /// One headline split once, to be compared with many.
    public struct Prepared: Sendable {
        let title: String
        /// The Sets of the score as defined, made here only for a headline without a byte form: the others are
        /// compared on bytes, and building three Sets of Strings per entry was a sixth of the parsing thread.
        let sets: WordSets?
        /// Distinct words.
        let wordCount: Int
        /// The same headline as byte ranges, when its bytes can be compared (see `ByteHeadline`).
        let byteForm: ByteHeadline?
        /// `byteForm` for the store to keep (made here, with the entry, off the merging thread).
        let kept: KeptHeadline?

        public init(_ normalized: String) {
            if let words = HeadlineWords(normalized) {
                self.init(normalized, words: words)
            } else {
                self.init(normalized, list: TitleNormalizer.wordsByCharacters(ofNormalized: normalized))
            }
        }

        /// The same, with `normalized` split by `HeadlineWords`.
        init(_ normalized: String, words: HeadlineWords) {
            guard let byteForm = ByteHeadline(words) else {
                self = Prepared(normalized, list: words.list.map(words.string))
                return
            }
            title = normalized
            self.byteForm = byteForm
            kept = byteForm.storage
            sets = nil
            // Equal words are equal bytes in a headline with a byte form (see `ByteHeadline`).
            wordCount = byteForm.storage.wordCount
        }

        /// The same, without a byte form, from the headline's words (`TitleNormalizer.words(ofNormalized:)`).
        init(_ normalized: String, list: [String]) {
            title = normalized
            byteForm = nil
            kept = nil
            let sets = WordSets(words: list)
            self.sets = sets
            wordCount = sets.words.count
        }

        public func score(against other: String) -> Double {
            if let byteForm, let other = ByteHeadline(other) { return byteForm.score(against: other) }
            return setScore(against: other)
        }

        /// The same, with `other`'s byte form when one was kept (`form`, made from `other`).
        func score(against other: String, form: (any HeadlineForm)?) -> Double {
            guard let byteForm else { return setScore(against: other) }
            if let kept = form as? KeptHeadline { return byteForm.score(against: ByteHeadline(storage: kept)) }
            if let other = ByteHeadline(other) { return byteForm.score(against: other) }
            return setScore(against: other)
        }

        /// The byte form, for the store to keep with the item (nil when the headline has none).
        var form: (any HeadlineForm)? { kept }

        /// The score as defined, over Sets of Strings (any script).
        func setScore(against other: String) -> Double {
            if other == title { return 1 }
            let list = TitleNormalizer.words(ofNormalized: other)
            guard !list.isEmpty, wordCount > 0 else { return 0 }
            let mine = sets ?? WordSets(title)
            let otherWords = Set(list)
            guard Set(list.filter(TitleSimilarity.hasDigit)) == mine.numbers else { return 0 }
            let wordScore = TitleSimilarity.dice(mine.words, otherWords)
            let otherPairs = Set(zip(list, list.dropFirst()).map { $0 + " " + $1 })
            let pairScore = mine.pairs.isEmpty && otherPairs.isEmpty ? wordScore : TitleSimilarity.dice(mine.pairs, otherPairs)
            return (wordScore + pairScore) / 2
        }

        /// The best score `other` could reach, from word counts alone: skips most candidates without splitting them.
        public func bound(against other: String) -> Double {
            let count = other.utf8.reduce(1) { $1 == UInt8(ascii: " ") ? $0 + 1 : $0 }
            // Unspaced scripts are split into pairs of characters: no cheap bound.
            if !other.utf8.allSatisfy({ $0 < 0x80 }) { return 1 }
            return 2 * Double(min(count, wordCount)) / Double(count + wordCount)
        }
    }

    /// A headline's words, adjacent pairs and words with a number, as the score is defined over them.
    struct WordSets: Sendable {
        let words: Set<String>
        let pairs: Set<String>
        let numbers: Set<String>

        init(_ normalized: String) {
            self.init(words: TitleNormalizer.words(ofNormalized: normalized))
        }

        init(words list: [String]) {
            words = Set(list)
            pairs = Set(zip(list, list.dropFirst()).map { $0 + " " + $1 })
            numbers = Set(list.filter(TitleSimilarity.hasDigit))
        }
    }

    static func hasDigit(_ word: String) -> Bool {
        word.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            || (!word.utf8.allSatisfy { $0 < 0x80 } && word.contains(where: \.isNumber))
    }

    static func dice(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var shared = 0
        for element in small where large.contains(element) { shared += 1 }
        return 2 * Double(shared) / Double(a.count + b.count)
    }
}
