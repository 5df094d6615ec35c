/// How alike two normalized headlines are, from 0 to 1.
///
/// The mean of two Dice coefficients: over the sets of words (what the headlines say) and over the sets of
/// adjacent word pairs (in what order: "Pakistan beat India" is not "India beat Pakistan"). Headlines whose
/// numbers differ ("6.1 quake", "5.2 quake") never match.
public enum TitleSimilarity {
    /// Default threshold: see README "Duplicates".
    public static let defaultThreshold = 0.75

    public static func score(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let wordsA = TitleNormalizer.words(ofNormalized: a)
        let wordsB = TitleNormalizer.words(ofNormalized: b)
        guard !wordsA.isEmpty, !wordsB.isEmpty else { return 0 }
        let numbersA = Set(wordsA.filter(hasDigit))
        let numbersB = Set(wordsB.filter(hasDigit))
        guard numbersA == numbersB else { return 0 }
        let wordScore = dice(Set(wordsA), Set(wordsB))
        let pairsA = Set(zip(wordsA, wordsA.dropFirst()).map { $0 + " " + $1 })
        let pairsB = Set(zip(wordsB, wordsB.dropFirst()).map { $0 + " " + $1 })
        let pairScore = pairsA.isEmpty && pairsB.isEmpty ? wordScore : dice(pairsA, pairsB)
        return (wordScore + pairScore) / 2
    }

    private static func hasDigit(_ word: String) -> Bool {
        word.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            || (!word.utf8.allSatisfy { $0 < 0x80 } && word.contains(where: \.isNumber))
    }

    private static func dice(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
    }
}
