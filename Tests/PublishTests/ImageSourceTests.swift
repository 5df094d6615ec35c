@testable import AggregateModel
import AggregateTestSupport
import Testing

/// `HTMLText.firstImageSource` (bytes, where they decide as Characters do) against the Character search it stands in for.
@Suite struct ImageSourceTests {
    /// White space of every kind, scalars that join or fold (combining marks, a Prepend scalar (U+0600), ZWJ,
    /// variation selectors, ſ and its kin), CR LF, text in several scripts.
    static let tricky = [
        " ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{85}", "\u{2003}", "\u{3000}", "\u{301}", "\u{600}",
        "\u{200D}", "\u{FE0F}", "\u{17F}", "\u{130}", "\u{131}", "\u{DF}", "\u{1E9E}", "\u{FB01}", "\u{FB05}", "é", "Дункакал",
        "حلقوں۔", "中文", "👍🏽", "🇫🇷", "&amp;", "&#x41;", "<", ">", "\"", "'", "=", "src", "<img",
    ]

    /// Mostly well-formed image tags among text, with a tricky piece put in here and there.
    static func fragment(_ g: inout SplitMix64) -> String {
        func maybe(_ g: inout SplitMix64) -> String { Int.random(in: 0..<6, using: &g) == 0 ? tricky.randomElement(using: &g)! : "" }
        func space(_ g: inout SplitMix64) -> String { [" ", " ", "  ", "\n", "\r\n", "\t", ""].randomElement(using: &g)! + maybe(&g) }
        var html = ""
        for _ in 0..<Int.random(in: 1...3, using: &g) {
            html += ["<p>", "text ", "", "<a href=\"x\">"].randomElement(using: &g)! + maybe(&g)
            html += ["<img", "<IMG", "<iMg", "<im", "<image"].randomElement(using: &g)! + maybe(&g)
            for _ in 0..<Int.random(in: 0...3, using: &g) {
                html += space(&g) + ["src", "SRC", "sRc", "data-src", "alt", "srcset", "xsrc"].randomElement(using: &g)! + maybe(&g)
                html += space(&g) + ["=", "=", ""].randomElement(using: &g)! + space(&g)
                let value = ["https://a.example/x.jpg", "x.png?a=1&amp;b=2", "", "a b"].randomElement(using: &g)! + maybe(&g)
                html += [("\"" + value + "\""), ("'" + value + "'"), value].randomElement(using: &g)! + maybe(&g)
            }
            html += space(&g) + [">", "/>", ">", ""].randomElement(using: &g)! + maybe(&g) + ["</p>", " more", ""].randomElement(using: &g)!
        }
        return html
    }

    @Test func agreesWithTheCharacterSearch() {
        var g = SplitMix64(seed: 7)
        var found = 0
        for _ in 0..<40_000 {
            let html = Self.fragment(&g)
            let expected = HTMLText.firstImageSourceByCharacters(html)
            #expect(HTMLText.firstImageSource(html) == expected, "\(html.unicodeScalars.map { String($0.value, radix: 16) })")
            if expected != nil { found += 1 }
        }
        #expect(found > 8_000)
    }

    @Test(arguments: [
        ("<p><img src=\"https://a.example/1.jpg\"></p>", "https://a.example/1.jpg"),
        ("<img\r\nsrc\r\n=\r\n'x.png'>", "x.png"),
        ("<imgsrc=x.png>", "x.png"),
        ("<img data-src=a src = b>", "b"),
        ("<img src=>", nil),  // nothing after `=`: no value, and no later image looked for in this tag
        ("<img src=\"unterminated>", "unterminated"),
        ("<img alt=x><img src=y>", "y"),
        ("<img \u{17F}rc=x.png>", "x.png"),  // Foundation folds ſ to s
        ("<img\u{301} src=a><img src=b>", "b"),  // a mark makes the first one another Character than `g`
        ("<img src\u{A0}=x>", "x"),  // no-break space is white space
        ("<img src=\"x\"\u{301}>", "x\"\u{301}"),  // the closing quote joined to a mark is not a quote
    ])
    func knownCases(html: String, expected: String?) {
        #expect(HTMLText.firstImageSourceByCharacters(html) == expected)
        #expect(HTMLText.firstImageSource(html) == expected)
    }

    /// The bytes decide the usual cases themselves, text in any script around the tag included.
    @Test(arguments: [
        "<p>Дункакал <img src=\"https://a.example/1.jpg\" alt=\"中文\"></p>", "<IMG\r\nSRC='x.png'>", "<p>حلقوں۔</p><img alt=x>",
        "<figure><img class=\"wide\" data-src=\"a\" src=b.png loading=lazy></figure>",
    ])
    func decidedByBytes(html: String) {
        let outcome = html.utf8.withContiguousStorageIfAvailable { ImageSearch(bytes: $0).run() }
        switch outcome {
        case .source?, .noImage?: break
        default: Issue.record("undecided: \(html)")
        }
    }

    /// What the byte search assumes of Foundation's case-insensitive search: no scalar but ſ matches a letter of
    /// `<img` or `src` (ß, İ, ı and the ligatures fold to ASCII letters too, but are not taken for them).
    @Test func onlyLongSMatchesAnASCIILetter() {
        var matching: [UInt32] = []
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            for letter in ["<", "i", "m", "g", "s", "r", "c"] where text.range(of: letter, options: .caseInsensitive) != nil {
                matching.append(value)
            }
        }
        #expect(matching == [0x17F])
        #expect("x\u{DF}rc".range(of: "src", options: .caseInsensitive) == nil)
        #expect("\u{130}mg".range(of: "img", options: .caseInsensitive) == nil)
    }
}
