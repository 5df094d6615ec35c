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
        /// What the store keeps (made here, with the entry, off the merging thread): the byte form, or the Sets.
        let kept: (any HeadlineForm)?
        /// A headline with a byte form meeting one without: its Sets, made on the first such meeting.
        private var lateSets = LateSets()

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
            let sets = WordSets(words: list)
            self.sets = sets
            kept = KeptWordSets(sets)
            wordCount = sets.words.count
        }

        public func score(against other: String) -> Double {
            if let byteForm, let other = ByteHeadline(other) { return byteForm.score(against: other) }
            return setScore(against: other)
        }

        /// The same, with what the store kept of `other` (`form`, made from `other`) when it kept something.
        /// Below `floor`, some score below `floor` (see `KeptHeadline.score`).
        func score(against other: String, form: (any HeadlineForm)?, floor: Double = 0) -> Double {
            if let byteForm {
                if let kept = form as? KeptHeadline { return byteForm.score(against: ByteHeadline(storage: kept), floor: floor) }
                if form == nil, let other = ByteHeadline(other) { return byteForm.score(against: other, floor: floor) }
            }
            return setScore(against: other, sets: (form as? KeptWordSets)?.sets ?? (form as? KeptHeadline)?.wordSets())
        }

        /// What the store keeps with the item (see `kept`).
        var form: (any HeadlineForm)? { kept }

        /// The score as defined, over Sets of Strings (any script); `theirs` are `other`'s, when already made.
        /// NOTE: splitting a headline in an unspaced or non-inert script into Strings costs ~70,000 instructions
        /// (grapheme breaking); each side is split once, not at every comparison.
        func setScore(against other: String, sets theirs: WordSets? = nil) -> Double {
            if other == title { return 1 }
            let theirs = theirs ?? WordSets(other)
            guard !theirs.words.isEmpty, wordCount > 0 else { return 0 }
            let mine = sets ?? lateSets.sets(of: title)
            guard theirs.numbers == mine.numbers else { return 0 }
            let wordScore = TitleSimilarity.dice(mine.words, theirs.words)
            let pairScore = mine.pairs.isEmpty && theirs.pairs.isEmpty ? wordScore : TitleSimilarity.dice(mine.pairs, theirs.pairs)
            return (wordScore + pairScore) / 2
        }

        /// The score against a stored headline (its kept form, and its normalized title read only when needed), nil
        /// below `threshold`.
        func match(_ lent: LentForm?, title: () -> String, threshold: Double) -> Double? {
            // A byte form against a kept one, without retaining it (most comparisons): as `bound` and `score` do.
            if let byteForm, let outcome = lent?.with(KeptHeadline.self, { kept in
                Self.score(reaching: threshold, bound: wordBound(kept)) { byteForm.storage.score(against: kept, floor: threshold) }
            }) {
                return outcome
            }
            let other = title(), form = lent?.form
            return Self.score(reaching: threshold, bound: bound(against: other, form: form)) { score(against: other, form: form, floor: threshold) }
        }

        /// `score()` when it reaches `threshold`, else nil; not worked out when it cannot: the score is the mean of two
        /// Dice scores, the word score at most `bound` and the pair score at most 1.
        private static func score(reaching threshold: Double, bound: Double, _ score: () -> Double) -> Double? {
            guard (bound + 1) / 2 >= threshold else { return nil }
            let value = score()
            return value >= threshold ? value : nil
        }

        /// `bound` against a kept byte form, which knows its count of distinct words.
        private func wordBound(_ kept: KeptHeadline) -> Double {
            let mine = Double(wordCount), theirs = Double(kept.wordCount)
            return mine + theirs == 0 ? 1 : 2 * min(mine, theirs) / (mine + theirs)
        }

        /// The best word score `other` could reach, from word counts alone: skips most candidates without
        /// comparing them. `form` is what the store kept of `other`, when it kept something.
        /// The word score is a Dice coefficient over distinct words: at most 2·min(m, n)/(m + n) for m and n of
        /// them. A kept byte form knows its count; otherwise only the count of words with repeats, c ≥ n, is at
        /// hand, and the bound is 1 when c ≥ m (n may equal m).
        public func bound(against other: String, form: (any HeadlineForm)? = nil) -> Double {
            if let kept = form as? KeptHeadline { return wordBound(kept) }
            let mine = Double(wordCount)
            // Unspaced scripts are split into pairs of characters: no cheap bound.
            guard other.utf8.allSatisfy({ $0 < 0x80 }) else { return 1 }
            let count = Double(other.utf8.reduce(1) { $1 == UInt8(ascii: " ") ? $0 + 1 : $0 })
            return count < mine ? 2 * count / (count + mine) : 1
        }
    }

    /// `WordSets` made once, on first use, by the thread merging the entry (an entry is merged by one thread).
    private final class LateSets: @unchecked Sendable {
        private var made: WordSets?

        func sets(of title: String) -> WordSets {
            if let made { return made }
            let sets = WordSets(title)
            made = sets
            return sets
        }
    }

    /// The Sets of a headline without a byte form, as the store keeps them (see `HeadlineForm`).
    final class KeptWordSets: HeadlineForm {
        let sets: WordSets

        init(_ sets: WordSets) { self.sets = sets }
    }

    /// A headline's words, adjacent pairs and words with a number, as the score is defined over them: Sets of
    /// Strings, held as `CanonicalWord`s (the same elements, hashed and compared without normalizing each time:
    /// these headlines are the ones outside ASCII and inert scalars).
    struct WordSets: Sendable {
        let words: Set<CanonicalWord>
        let pairs: Set<CanonicalWord>
        let numbers: Set<CanonicalWord>

        init(_ normalized: String) {
            self.init(words: TitleNormalizer.words(ofNormalized: normalized))
        }

        init(words: Set<CanonicalWord>, pairs: Set<CanonicalWord>, numbers: Set<CanonicalWord>) {
            self.words = words
            self.pairs = pairs
            self.numbers = numbers
        }

        init(words list: [String]) {
            words = Set(list.map(CanonicalWord.init))
            pairs = Set(zip(list, list.dropFirst()).map { CanonicalWord($0 + " " + $1) })
            numbers = Set(list.filter(TitleSimilarity.hasDigit).map(CanonicalWord.init))
        }
    }

    static func hasDigit(_ word: String) -> Bool {
        word.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            || (!word.utf8.allSatisfy { $0 < 0x80 } && word.contains(where: \.isNumber))
    }

    static func dice<Element: Hashable>(_ a: Set<Element>, _ b: Set<Element>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var shared = 0
        for element in small where large.contains(element) { shared += 1 }
        return 2 * Double(shared) / Double(a.count + b.count)
    }
}
