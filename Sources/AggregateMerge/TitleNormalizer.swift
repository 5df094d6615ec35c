import AggregateModel
import Foundation

/// Headlines reduced to what two publishers of the same story share.
public enum TitleNormalizer {
    /// Separators before a publisher's name at the end of a headline.
    static let suffixSeparators = [" - ", " | ", " – ", " — ", " :: ", " · "]

    /// Removes a trailing publisher name (`… - Xinhua`, `… | Al Jazeera`, `… – Sport`), when it is short.
    public static func removingPublisherSuffix(_ title: String) -> String {
        let bytes = Array(title.utf8)
        guard let (start, end) = lastSeparator(in: bytes) else { return title }
        let head = String(decoding: bytes[..<start], as: UTF8.self)
        let tail = String(decoding: bytes[end...], as: UTF8.self)
        let asciiTail = ASCIIText(bytes[end...])
        let tailWords = asciiTail?.words ?? tail.split(whereSeparator: \.isWhitespace).count
        let tailLength = asciiTail?.characters ?? tail.count
        // Han or Kana headlines have no spaces: count two characters as a word.
        let headWords = ASCIIText(bytes[..<start])?.words
            ?? (head.unicodeScalars.contains(where: isUnspacedScript) ? head.count / 2 : head.split(whereSeparator: \.isWhitespace).count)
        // NOTE: only a short tail after a longer head is a publisher; "Trump - Xi summit" keeps both sides.
        guard tailWords >= 1, tailWords <= 4, tailLength <= 32, headWords >= 3 else { return title }
        return head
    }

    /// Words and Characters of ASCII text, counted on its bytes: a Character is a byte, except CR LF, one of two;
    /// white space is 0x09-0x0D and the space, CR and LF alike, so the runs between white space are the same.
    private struct ASCIIText {
        var words = 0
        var characters = 0

        init?(_ bytes: ArraySlice<UInt8>) {
            var previous: UInt8 = 0x20
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let space = (byte >= 0x09 && byte <= 0x0D) || byte == 0x20
                let previousSpace = (previous >= 0x09 && previous <= 0x0D) || previous == 0x20
                if !space && previousSpace { words += 1 }
                if !(byte == 0x0A && previous == 0x0D) { characters += 1 }
                previous = byte
            }
        }
    }

    /// The byte range of the last separator in `bytes`.
    /// Every separator starts with a space and none starts another: the first match from the end is the last.
    private static func lastSeparator(in bytes: [UInt8]) -> (Int, Int)? {
        let separators = separatorBytes
        return bytes.withUnsafeBufferPointer { b in
            var index = b.count - 2
            while index >= 0 {
                if b[index] == UInt8(ascii: " ") {
                    for separator in separators where index + separator.count <= b.count && b[index + 1] == separator[1] {
                        if memcmp(b.baseAddress! + index, separator, separator.count) == 0 { return (index, index + separator.count) }
                    }
                }
                index -= 1
            }
            return nil
        }
    }

    private static let separatorBytes = suffixSeparators.map { Array($0.utf8) }

    /// Publisher suffix removed; case, diacritics, punctuation and whitespace folded.
    public static func normalize(_ title: String) -> String {
        let stripped = removingPublisherSuffix(title)
        if stripped.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(stripped) }
        if let normalized = HeadlineFolding.normalized(stripped) { return normalized }
        let folded = HeadlineFolding.fold(stripped)
        // The same scalars as a String's, appended as bytes: appending to its scalar view cost 460 instructions each.
        var out: [UInt8] = []
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        alphanumerics.withAnswers { isAlphanumeric in
            for scalar in folded.unicodeScalars {
                if scalar == "'" || scalar == "’" { continue }  // "China's" and "Chinas" are one word
                if isAlphanumeric(scalar) {
                    if pendingSpace && !out.isEmpty { out.append(UInt8(ascii: " ")) }
                    pendingSpace = false
                    UTF8.encode(scalar) { out.append($0) }
                } else {
                    pendingSpace = true
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `CharacterSet.alphanumerics.contains`, answered once per scalar: the set's getter alone cost 880
    /// instructions a scalar, a third of normalizing a non-ASCII headline.
    private static let alphanumerics = ScalarMemo { CharacterSet.alphanumerics.contains($0) }

    /// The same folding for the common all-ASCII headline, without Foundation's Unicode machinery.
    private static func normalizeASCII(_ title: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(title.utf8.count)
        var pendingSpace = false
        for byte in title.utf8 {
            switch byte {
            case UInt8(ascii: "'"):
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace && !out.isEmpty { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            default:
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Words of a normalized title; runs of Han, Kana, Hangul or Thai become character pairs, as they have no spaces.
    public static func words(ofNormalized title: String) -> [String] {
        guard let words = HeadlineWords(title) else { return wordsByCharacters(ofNormalized: title) }
        return words.list.map(words.string)
    }

    /// The same by Characters, for any headline (`HeadlineWords` takes those of ASCII and inert scalars).
    static func wordsByCharacters(ofNormalized title: String) -> [String] {
        var result: [String] = []
        for word in title.split(separator: " ") {
            let scalars = Array(word.unicodeScalars)
            if scalars.contains(where: isUnspacedScript), scalars.count > 2 {
                for index in 0..<(scalars.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(scalars[index])
                    pair.append(scalars[index + 1])
                    result.append(String(pair))
                }
            } else {
                result.append(String(word))
            }
        }
        return result
    }

    /// How many of `words` (distinct) are among `words(ofNormalized: title)`.
    /// NOTE: run for every candidate of every new headline; splitting each candidate into a Set of Strings was a
    /// fifth of a cold run's merging. ASCII titles and words are compared as bytes between spaces, which is what
    /// `words(ofNormalized:)` splits them into; anything else takes the general path.
    static func count(of words: some Collection<String>, inNormalized title: String) -> Int {
        if title.utf8.allSatisfy({ $0 < 0x80 }) && words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return words.reduce(0) { $0 + (asciiTitle(title, hasWord: $1) ? 1 : 0) }
        }
        if !title.unicodeScalars.contains(where: isUnspacedScript) {
            // Without CJK or Thai, the words are the runs between spaces; == is the Set's (canonical) equality.
            let parts = title.split(separator: " ")
            return words.reduce(0) { count, word in count + (parts.contains { $0 == word } ? 1 : 0) }
        }
        let set = Set(self.words(ofNormalized: title))
        return words.reduce(0) { $0 + (set.contains($1) ? 1 : 0) }
    }

    private static func asciiTitle(_ title: String, hasWord word: String) -> Bool {
        var title = title
        var word = word
        return title.withUTF8 { t in
            word.withUTF8 { w in
                guard !w.isEmpty else { return false }
                var start = 0
                while start < t.count {
                    var end = start
                    while end < t.count && t[end] != UInt8(ascii: " ") { end += 1 }
                    if end - start == w.count && memcmp(t.baseAddress! + start, w.baseAddress!, w.count) == 0 { return true }
                    start = end + 1
                }
                return false
            }
        }
    }

    /// Words worth indexing to find candidates: the distinctive ones.
    public static func indexWords(ofNormalized title: String) -> [String] {
        HeadlineWords(title)?.indexWords().words ?? indexWordsByCharacters(ofNormalized: title)
    }

    /// The same by Characters and Sets of Strings, for any headline.
    static func indexWordsByCharacters(ofNormalized title: String) -> [String] {
        indexWords(of: wordsByCharacters(ofNormalized: title))
    }

    /// `indexWords` of a headline whose words (`words(ofNormalized:)`) are `all`.
    static func indexWords(of all: [String]) -> [String] {
        // Numbers count: "update number 17" and "update number 18" are two stories.
        let long = all.filter(isDistinctive)
        return Array(Set(long.isEmpty ? all : long)).sorted()
    }

    /// A word `indexWords` keeps whatever the other words of the title are.
    public static func isDistinctive(_ word: String) -> Bool {
        // ASCII without a carriage return (the one ASCII pair that is a single Character): a byte a Character.
        if word.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            return word.utf8.count >= 4 || word.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        return word.count >= 4 || word.unicodeScalars.contains(where: isUnspacedScript) || word.contains(where: \.isNumber)
    }

    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0x0E00...0x0E7F, 0xF900...0xFAFF: true
        default: false
        }
    }
}
