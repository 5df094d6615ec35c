import AggregateModel
import Testing

/// `CanonicalWord` stands for a String in Sets and Dictionaries: equal exactly when the Strings are, with equal
/// hashes then, whatever bytes spell them.
@Suite struct CanonicalWordTests {
    /// Canonically equivalent spellings (precomposed or not, singletons such as the Ohm and Kelvin signs, marks in
    /// another order, Hangul syllables or jamo) among unrelated words of several scripts.
    static let words = [
        "e", "é", "e\u{301}", "E\u{301}", "ete", "été", "e\u{301}te\u{301}", "Ω", "\u{2126}", "K", "\u{212A}", "Å", "\u{212B}", "A\u{30A}",
        "q\u{323}\u{307}", "q\u{307}\u{323}", "ệ", "e\u{323}\u{302}", "e\u{302}\u{323}", "한", "\u{1112}\u{1161}\u{11AB}", "ۂ", "\u{6C1}\u{654}",
        "ہ", "中国", "россия", "й", "и\u{306}", "ﬁ", "fi", "", " ", "a b", "ab", "x9", "١٢", "\u{0}", "👍🏽", "👍",
    ]

    @Test func equalExactlyWhenTheStringsAre() {
        for a in Self.words {
            for b in Self.words {
                #expect((CanonicalWord(a) == CanonicalWord(b)) == (a == b), "\(a.debugDescription) \(b.debugDescription)")
                if a == b { #expect(CanonicalWord(a).hashValue == CanonicalWord(b).hashValue) }
            }
        }
    }

    @Test func setsCountAsSetsOfStrings() {
        #expect(Set(Self.words.map(CanonicalWord.init)).count == Set(Self.words).count)
        #expect(Set(Self.words).count < Self.words.count)
    }

    /// What the bytes hold is the String in NFC: ASCII and inert text as it came, anything else composed.
    @Test func holdsTheTextInNFC() {
        #expect(CanonicalWord("plain").nfc == "plain")
        #expect(Array(CanonicalWord("e\u{301}").nfc.utf8) == Array("é".utf8))
        #expect(Array(CanonicalWord("\u{2126}").nfc.utf8) == Array("Ω".utf8))
        #expect(Array(CanonicalWord("россия").nfc.utf8) == Array("россия".utf8))
    }
}
