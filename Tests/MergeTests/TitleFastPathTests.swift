import AggregateTestSupport
import Foundation
import Testing
@testable import AggregateMerge
import AggregateModel

/// Headlines take byte paths (`HeadlineWords`, a memo of `CharacterSet.alphanumerics`, byte counts for publisher
/// suffixes): every answer must be the one the Character paths give, on the corpus's real titles and on made-up
/// ones where the two could part.
@Suite struct TitleFastPathTests {
    /// Pieces of headlines: CR LF (one Character), combining marks, upper-case and compatibility letters, unspaced
    /// scripts, Thai SARA AM and the Malayalam dot reph (which join a neighbour's cluster), marks after a space,
    /// numbers that are not digits, apostrophes, the publisher separators, and white space that is not a space.
    static let pieces = [
        "a", "ab", "word", "Words", "7", "x9", "2026", " ", "  ", "\t", "\r\n", "\r", "\n", "\u{A0}", "\u{85}", "\u{2028}",
        "'", "’", "-", ".", ",", "!", "é", "e\u{301}", "\u{301}", " \u{301}", "É", "Ω", "İ", "ẞ", "ß", "ﬁ", "Ａ", "Ⅻ", "½", "²", "٣",
        "\u{212A}", "\u{212B}", "Å", "中", "中国经济", "ひらがな", "カタカナ", "ｶﾞ", "\u{FF9E}", "한국", "경제", "ไทย", "กำ", "\u{E33}",
        "मराठी", "कि", "അർ", "\u{D4E}", "ക", "مرحبا", "سَلام", "Россия", "УКАЗ", "👍🏽", "👨‍👩‍👧", "🇫🇷", "\u{200D}", "\u{200C}", "\u{0}",
        " - ", " | ", " – ", " — ", " :: ", " · ", " -", "- ", " ·", "Xinhua", "Al Jazeera", "BBC News",
    ]

    static func trickyTitles(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var title = ""
            for _ in 0..<random.below(12) { title += pieces[random.below(pieces.count)] }
            return title
        }
    }

    /// Publisher suffixes at the limits: 1 and 4 words, 32 Characters (CR LF counted once), 3 words before.
    static let suffixes: [String] = {
        var titles: [String] = []
        for head in ["one two three", "one two", "中国经济稳", "中国经济", "один два три", "a\r\nb c"] {
            for separator in TitleNormalizer.suffixSeparators {
                for tail in ["X", "a b c d", "a b c d e", "\r\n", "ab\r\n", "\r\nX", "é\u{301}", "中文"] {
                    for padding in 25...33 {
                        titles.append(head + separator + tail + String(repeating: "x", count: padding - tail.count))
                        titles.append(head + separator + String(repeating: "y", count: padding - tail.count) + tail)
                    }
                }
            }
        }
        return titles
    }()

    @Test func normalizeIsTheCharacterSetPath() {
        let titles = CorpusStrings.shared.titles
        #expect(titles.count > 3_000)
        for title in titles + Self.suffixes + Self.trickyTitles(count: 20_000, seed: 11) {
            #expect(Array(TitleNormalizer.normalize(title).utf8) == Array(Reference.normalize(title).utf8), "\(title.debugDescription)")
            #expect(TitleNormalizer.removingPublisherSuffix(title) == Reference.removingPublisherSuffix(title), "\(title.debugDescription)")
        }
    }

    /// Folding a scalar at a time gives Foundation's bytes: every BMP scalar alone and between letters of several
    /// scripts, controls and compatibility forms; the corpus's titles; made-up ones.
    @Test func foldingIsFoundations() {
        let neighbours = ["a", "Z", "\t", "\n", "\r\n", "é", "и", "Й", "中", "ا", "ہ", "가", "σ", "ς", "İ", "ß", "Ａ", "７", "ｶ", "ﬁ", "\u{301}"]
        var texts = CorpusStrings.shared.titles + Self.trickyTitles(count: 20_000, seed: 17) + Self.pieces
        for value in UInt32(0)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(scalar)
            texts.append(alone)
            texts.append(neighbours[Int(value) % neighbours.count] + alone + neighbours[Int(value / 7) % neighbours.count])
        }
        var differing: [String] = []
        for text in texts where Array(HeadlineFolding.fold(text).utf8) != Array(text.folding(options: HeadlineFolding.options, locale: nil).utf8) {
            differing.append(text)
        }
        #expect(texts.count > 130_000)
        #expect(differing.isEmpty, "\(differing.prefix(20).map(\.debugDescription))")
    }

    /// A title, id or author made of white space is none: the first byte may answer, else the Characters do.
    @Test func blankTextIsFoundAsByCharacters() {
        for text in Self.trickyTitles(count: 20_000, seed: 13) + Self.pieces + ["", " ", "\r\n", " \u{301}", "\u{A0}x", "\u{301} "] {
            #expect(Candidate.nonEmpty(text) == (text.allSatisfy(\.isWhitespace) ? nil : text), "\(text.debugDescription)")
        }
        #expect(Candidate.nonEmpty(nil) == nil)
    }

    /// Normalized titles (as `Candidate` splits them) and raw ones (the functions are public).
    @Test func wordsAreTheCharacterPath() {
        let raw = CorpusStrings.shared.titles + Self.trickyTitles(count: 20_000, seed: 12)
        var split = 0
        for title in raw + raw.map(TitleNormalizer.normalize) {
            let byCharacters = TitleNormalizer.wordsByCharacters(ofNormalized: title)
            let indexByCharacters = TitleNormalizer.indexWordsByCharacters(ofNormalized: title)
            #expect(TitleNormalizer.words(ofNormalized: title) == byCharacters, "\(title.debugDescription)")
            #expect(TitleNormalizer.indexWords(ofNormalized: title) == indexByCharacters, "\(title.debugDescription)")
            guard let words = HeadlineWords(title) else { continue }
            split += 1
            let (index, distinctive) = words.indexWords()
            #expect(index == indexByCharacters, "\(title.debugDescription)")
            #expect(distinctive == indexByCharacters.allSatisfy(TitleNormalizer.isDistinctive), "\(title.debugDescription)")
            for (position, word) in words.list.enumerated() {
                let string = words.string(word)
                #expect(words.numbers[position] == TitleSimilarity.hasDigit(string), "\(string.debugDescription)")
                #expect(words.distinctive[position] == TitleNormalizer.isDistinctive(string), "\(string.debugDescription)")
            }
        }
        // The byte path really ran: most headlines are ASCII or inert.
        #expect(split > raw.count)
    }

    /// A stored byte form met by a headline without one gives that headline the Sets its own text would make.
    @Test func keptFormsGiveTheSetsOfTheirText() {
        var compared = 0
        for title in CorpusStrings.shared.titles + Self.trickyTitles(count: 20_000, seed: 19) {
            let normalized = TitleNormalizer.normalize(title)
            guard let kept = TitleSimilarity.Prepared(normalized).form as? KeptHeadline else { continue }
            let sets = kept.wordSets(), reference = TitleSimilarity.WordSets(words: TitleNormalizer.wordsByCharacters(ofNormalized: normalized))
            #expect(sets.words == reference.words && sets.pairs == reference.pairs && sets.numbers == reference.numbers, "\(normalized.debugDescription)")
            #expect(kept.wordSets().words == sets.words)
            compared += 1
        }
        #expect(compared > 10_000)
    }

    /// A headline split by `HeadlineWords` but too long for a byte form is compared by its Sets, made from the same
    /// words.
    @Test func longHeadlinesKeepTheirSets() {
        let long = (0..<20_000).map { "w\($0 % 5_000)" }.joined(separator: " ")
        let prepared = TitleSimilarity.Prepared(long)
        #expect(prepared.byteForm == nil && prepared.sets != nil)
        #expect(prepared.wordCount == 5_000)
        #expect(prepared.sets?.words == Set(TitleNormalizer.wordsByCharacters(ofNormalized: long).map(CanonicalWord.init)))
        #expect(prepared.score(against: "w1 w2 w3") == prepared.setScore(against: "w1 w2 w3"))
    }

    /// The corpus's headlines and made-up ones, normalized, each with those it is scored against: itself with a word
    /// dropped or changed (which scores near a floor), and its neighbour in sorted order.
    static func scoredPairs(seed: UInt64) -> [(title: String, others: [String])] {
        let titles = CorpusStrings.shared.titles + trickyTitles(count: 2_000, seed: seed)
        let normalized = Array(Set(titles.map(TitleNormalizer.normalize))).sorted()
        return normalized.enumerated().map { index, title in
            let words = title.split(separator: " ")
            let near = [words.dropLast().joined(separator: " "), (words.dropFirst() + ["zz"]).joined(separator: " ")]
            return (title, near + [normalized[(index + 1) % normalized.count]])
        }
    }

    /// Headlines scored on byte ranges (split by `HeadlineWords`) score what the Sets score, on real headlines:
    /// each against its neighbours in sorted order (which share words) and against a few far away.
    /// With a floor, a score is the score when it reaches the floor, and below the floor when the score is: on
    /// near and far pairs of the corpus's headlines and of made-up ones.
    @Test func flooredScoresKeepEveryScoreThatCounts() {
        var reached = 0
        for (title, others) in Self.scoredPairs(seed: 23) {
            let prepared = TitleSimilarity.Prepared(title)
            for other in others {
                let form = TitleSimilarity.Prepared(other).form
                let exact = prepared.score(against: other, form: form)
                for floor in [0.5, 0.75, 0.9] {
                    let floored = prepared.score(against: other, form: form, floor: floor)
                    if exact >= floor {
                        #expect(floored == exact, "\(title) / \(other)")
                        reached += 1
                    } else {
                        #expect(floored < floor, "\(title) / \(other)")
                    }
                }
            }
        }
        #expect(reached > 1_000)
    }

    /// `match`, which scores a kept byte form lent without a retain, answers what the bound and the floored score
    /// answer through the form as any `HeadlineForm`: with the kept form, with none (the title alone), near and far.
    @Test func matchIsTheBoundThenTheFlooredScore() {
        var matched = 0, compared = 0
        for (title, others) in Self.scoredPairs(seed: 29) {
            let prepared = TitleSimilarity.Prepared(title)
            for other in others {
                let kept = TitleSimilarity.Prepared(other).form
                for form in [kept, nil] {
                    for threshold in [0.6, 0.85] {
                        var expected: Double?
                        if (prepared.bound(against: other, form: form) + 1) / 2 >= threshold {
                            let score = prepared.score(against: other, form: form, floor: threshold)
                            expected = score >= threshold ? score : nil
                        }
                        let answer = withExtendedLifetime(form) { prepared.match(form.map(LentForm.init), title: { other }, threshold: threshold) }
                        #expect(answer == expected, "\(title) / \(other)")
                        if answer != nil { matched += 1 }
                        if form is KeptHeadline { compared += 1 }
                    }
                }
            }
        }
        #expect(matched > 1_000)
        #expect(compared > 10_000)
    }

    @Test func byteScoresAreSetScoresOnTheCorpus() {
        let normalized = Array(Set(CorpusStrings.shared.titles.map(TitleNormalizer.normalize))).sorted()
        for (index, title) in normalized.enumerated() {
            let prepared = TitleSimilarity.Prepared(title)
            for offset in [1, 2, 3, 97, 1_009] {
                let other = normalized[(index + offset) % normalized.count]
                #expect(prepared.score(against: other) == prepared.setScore(against: other), "\(title) / \(other)")
            }
        }
    }
}

/// `TitleNormalizer.normalize` as it was written before its byte paths: the definition the tests hold it to.
private enum Reference {
    static func removingPublisherSuffix(_ title: String) -> String {
        let bytes = Array(title.utf8)
        guard let (start, end) = lastSeparator(in: bytes) else { return title }
        let head = String(decoding: bytes[..<start], as: UTF8.self)
        let tail = String(decoding: bytes[end...], as: UTF8.self)
        let tailWords = tail.split(whereSeparator: \.isWhitespace).count
        let headWords = head.unicodeScalars.contains(where: TitleNormalizer.isUnspacedScript)
            ? head.count / 2 : head.split(whereSeparator: \.isWhitespace).count
        guard tailWords >= 1, tailWords <= 4, tail.count <= 32, headWords >= 3 else { return title }
        return head
    }

    private static func lastSeparator(in bytes: [UInt8]) -> (Int, Int)? {
        var best: (Int, Int)?
        for separator in TitleNormalizer.suffixSeparators.map({ Array($0.utf8) }) where separator.count <= bytes.count {
            var index = bytes.count - separator.count
            while index >= 0 {
                if bytes[index] == separator[0], bytes[index..<(index + separator.count)].elementsEqual(separator) {
                    if best == nil || index > best!.0 { best = (index, index + separator.count) }
                    break
                }
                index -= 1
            }
        }
        return best
    }

    static func normalize(_ title: String) -> String {
        let stripped = removingPublisherSuffix(title)
        if stripped.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(stripped) }
        let folded = stripped.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar == "'" || scalar == "’" { continue }
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    private static func normalizeASCII(_ title: String) -> String {
        var out: [UInt8] = []
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
}
