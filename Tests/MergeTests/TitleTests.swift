import AggregateModel
@testable import AggregateMerge
import Testing

struct TitleTests {
    static let normalizations: [(String, String)] = [
        ("China, Central Asia solidify regional partnership - Xinhua", "china central asia solidify regional partnership"),
        ("Pakistan's budget targets 4.2% growth | Al Jazeera", "pakistans budget targets 4 2 growth"),
        ("Babar Azam hits century as Pakistan level series – Sport", "babar azam hits century as pakistan level series"),
        ("  Élections:   la  gauche   en tête — Le Monde ", "elections la gauche en tete"),
        ("Trump - Xi summit", "trump xi summit"),
        ("Apple unveils new chip – The Verge", "apple unveils new chip"),
        ("中国经济稳中向好 - 新华网", "中国经济稳中向好"),
    ]

    @Test(arguments: normalizations)
    func normalize(title: String, expected: String) {
        #expect(TitleNormalizer.normalize(title) == expected)
    }

    /// Real headlines: the same story as two publishers wrote it.
    static let sameStory: [(String, String)] = [
        ("China, Central Asia solidify regional partnership - Xinhua", "China and Central Asia solidify regional partnership | Al Jazeera"),
        ("Pakistan's budget targets 4.2% growth", "Pakistan’s budget targets 4.2% growth - Dawn"),
        ("India launches Chandrayaan-3 mission to the Moon", "India launches Chandrayaan-3 mission to the moon – BBC News"),
        ("Fed holds interest rates steady, signals two cuts this year", "Fed holds interest rates steady and signals two cuts this year"),
        ("Earthquake of magnitude 6.1 strikes off Japan coast", "Magnitude 6.1 earthquake strikes off Japan coast"),
    ]

    @Test(arguments: sameStory)
    func sameStoryMatches(a: String, b: String) {
        let score = TitleSimilarity.score(TitleNormalizer.normalize(a), TitleNormalizer.normalize(b))
        #expect(score >= TitleSimilarity.defaultThreshold, "score \(score)")
    }

    /// Different stories whose headlines look alike.
    static let differentStories: [(String, String)] = [
        ("Pakistan beat India by five wickets", "India beat Pakistan by five wickets"),
        ("Earthquake of magnitude 6.1 strikes off Japan coast", "Earthquake of magnitude 5.2 strikes off Japan coast"),
        ("China's exports rise in May", "China's imports fall in May"),
        ("Live: Pakistan budget 2025-26", "Live: Pakistan budget 2024-25"),
        ("Apple unveils new iPhone", "Samsung unveils new Galaxy phone"),
        ("US Senate passes defence bill", "US House passes tax bill"),
    ]

    @Test(arguments: differentStories)
    func differentStoriesStayApart(a: String, b: String) {
        let score = TitleSimilarity.score(TitleNormalizer.normalize(a), TitleNormalizer.normalize(b))
        #expect(score < TitleSimilarity.defaultThreshold, "score \(score)")
    }

    @Test func stableKeysAreUUIDURNs() {
        let key = StableHash.uuidURN("source\u{1F}https://example.org/a")
        #expect(key == StableHash.uuidURN("source\u{1F}https://example.org/a"))
        #expect(key != StableHash.uuidURN("source\u{1F}https://example.org/b"))
        #expect(key.hasPrefix("urn:uuid:"))
        #expect(key.count == "urn:uuid:".count + 36)
        #expect(Array(key)["urn:uuid:".count + 14] == "8")
    }

    /// Headlines of ASCII and inert scalars are scored on byte ranges (`ByteHeadline`): the very same number as
    /// the Sets give.
    @Test func byteScoreIsTheSetScore() {
        let titles = [
            "china central asia solidify regional partnership", "china and central asia solidify regional partnership",
            "pakistans budget targets 4 2 growth", "pakistans budget targets 4 3 growth", "budget budget targets targets",
            "magnitude 6 1 earthquake strikes off japan coast", "earthquake of magnitude 6 1 strikes off japan coast",
            "the the the", "the", "a b a b a b", "b a b a", "x", "", "trump xi summit", "xi trump summit", "4 4 4", "4",
            "президент россии подписал указ", "президент россии подписал новыи указ", "указ 2 президента", "указ 3 президента",
            "中国经济稳中向好", "中国经济稳中向好 2026", "中国经济 稳中向好", "经济", "中国经济二季度稳中向好", "中国经济三季度稳中向好",
            "وزیر اعظم نے اجلاس طلب کر لیا", "وزیر اعظم نے اجلاس طلب کیا", "قیمت ٣ روپے", "قیمت ٤ روپے",
            "e\u{301}te\u{301} chaud", "\u{E9}t\u{E9} chaud", "\u{212B}ngstrom", "\u{C5}ngstrom", "한국 경제", "한국 경제 성장",
        ]
        for a in titles {
            let prepared = TitleSimilarity.Prepared(a)
            for b in titles {
                #expect(prepared.score(against: b) == prepared.setScore(against: b), "\(a) / \(b)")
                #expect(TitleSimilarity.Prepared(b).score(against: a) == TitleSimilarity.Prepared(b).setScore(against: a), "\(b) / \(a)")
            }
        }
    }

    /// A headline's form kept from its own preparation (as the store keeps it with the item) scores as one made
    /// for the comparison; without one, the score is the same too.
    @Test func keptHeadlineFormsScoreTheSame() {
        let titles = [
            "pakistans budget targets 4 2 growth", "pakistans budget targets 4 3 growth", "the", "", "xi trump summit",
            "президент россии подписал указ", "中国经济稳中向好 2026", "وزیر اعظم نے اجلاس طلب کیا", "e\u{301}te\u{301} chaud", "한국 경제",
            "\u{212B}ngstrom prize 2026", "\u{C5}ngstrom prize 2026", "ångstrom prize 2025", "وزیر اعظم نے اجلاس طلب کر لیا",
            "وزیر اعظم نے اجلاس 5 طلب کیا", "ete chaud", "été chaud",
        ]
        for a in titles {
            // One preparation compared with every headline, as the merge does (it makes some parts on first use).
            let prepared = TitleSimilarity.Prepared(a)
            for b in titles {
                let kept = TitleSimilarity.Prepared(b).form
                let defined = Self.definedScore(a, b)
                #expect(prepared.score(against: b, form: kept) == defined, "\(a) / \(b)")
                #expect(prepared.score(against: b, form: nil) == defined, "\(a) / \(b)")
                #expect(prepared.score(against: b) == defined, "\(a) / \(b)")
            }
        }
        #expect(TitleSimilarity.Prepared("xi trump summit").form is KeptHeadline)
        #expect(TitleSimilarity.Prepared("e\u{301}te\u{301} chaud").form is TitleSimilarity.KeptWordSets)
    }

    /// The bound that skips candidates never falls below the word score it bounds, repeated words included
    /// ("x y x y x y" has two words, not six), with or without the candidate's kept form.
    @Test func theBoundNeverFallsBelowTheWordScore() {
        let titles = [
            "x y x y x y x y", "x y", "x y z", "budget budget budget targets", "budget targets", "", "a", "a a a a a a a a b",
            "pakistans budget targets 4 2 growth", "президент россии подписал указ указ", "中国经济稳中向好", "e\u{301}te\u{301} chaud",
        ]
        for a in titles {
            let prepared = TitleSimilarity.Prepared(a)
            let mine = Set(TitleNormalizer.words(ofNormalized: a))
            for b in titles {
                let theirs = Set(TitleNormalizer.words(ofNormalized: b))
                guard !mine.isEmpty, !theirs.isEmpty else { continue }
                let wordScore = 2 * Double(mine.intersection(theirs).count) / Double(mine.count + theirs.count)
                #expect(prepared.bound(against: b) >= wordScore, "\(a) / \(b)")
                #expect(prepared.bound(against: b, form: TitleSimilarity.Prepared(b).form) >= wordScore, "\(a) / \(b)")
            }
        }
        // It still skips: a long headline cannot match a short one.
        #expect(TitleSimilarity.Prepared("a b c d e f g h").bound(against: "a b") < 0.5)
        #expect(TitleSimilarity.Prepared("a b").bound(against: "a b c d e f g h", form: TitleSimilarity.Prepared("a b c d e f g h").form) < 0.5)
    }

    /// The score as the README defines it, over Sets of Strings.
    static func definedScore(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let x = TitleNormalizer.words(ofNormalized: a), y = TitleNormalizer.words(ofNormalized: b)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        let numbers = { (list: [String]) in Set(list.filter { $0.contains(where: \.isNumber) }) }
        guard numbers(x) == numbers(y) else { return 0 }
        func dice(_ p: Set<String>, _ q: Set<String>) -> Double { 2 * Double(p.intersection(q).count) / Double(p.count + q.count) }
        let pairs = { (list: [String]) in Set(zip(list, list.dropFirst()).map { $0 + " " + $1 }) }
        let words = dice(Set(x), Set(y))
        let (px, py) = (pairs(x), pairs(y))
        return (words + (px.isEmpty && py.isEmpty ? words : dice(px, py))) / 2
    }

    /// A headline with a byte form keeps no Sets: its count of distinct words, which bounds every score, must
    /// be the Sets' count.
    @Test func byteFormsCountWordsAsTheSetsDo() {
        let titles = [
            "budget budget targets targets", "the the the", "", "a b a b a b", "pakistans budget targets 4 2 growth",
            "президент россии подписал указ", "中国经济稳中向好", "中国经济 稳中向好 中国", "e\u{301}te\u{301} chaud", "한국 경제",
            "وزیر اعظم نے اجلاس طلب کر لیا", "\u{212B}ngstrom",
        ]
        for title in titles {
            let prepared = TitleSimilarity.Prepared(title)
            #expect(prepared.wordCount == Set(TitleNormalizer.words(ofNormalized: title)).count, "\(title)")
            #expect((prepared.sets == nil) == (prepared.byteForm != nil), "\(title)")
        }
    }

    /// ASCII words are split and judged byte by byte: the same answers as by Characters, a carriage return and
    /// line feed (one Character of two bytes) included.
    @Test func asciiWordsAreJudgedAsCharacters() {
        let pieces = ["a", "ab", "abc", "abcd", "7", "x9", " ", "  ", "\r\n", "\r", "\n", "é", "中文", "42"]
        var state: UInt64 = 99
        for _ in 0..<2_000 {
            var title = ""
            for _ in 0..<Int(state % 7) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                title += pieces[Int(state >> 33) % pieces.count]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let byCharacters = title.split(separator: " ").flatMap { word -> [String] in
                let scalars = Array(word.unicodeScalars)
                guard scalars.contains(where: TitleNormalizer.isUnspacedScript), scalars.count > 2 else { return [String(word)] }
                return (0..<(scalars.count - 1)).map { String(String.UnicodeScalarView(scalars[$0...($0 + 1)])) }
            }
            #expect(TitleNormalizer.words(ofNormalized: title) == byCharacters, "\(title.debugDescription)")
            for word in byCharacters {
                let distinctive = word.count >= 4 || word.unicodeScalars.contains(where: TitleNormalizer.isUnspacedScript)
                    || word.contains(where: \.isNumber)
                #expect(TitleNormalizer.isDistinctive(word) == distinctive, "\(word.debugDescription)")
            }
        }
    }
}
