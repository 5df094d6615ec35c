import Foundation
import Testing
@testable import AggregateParse

/// Charsets publishers send, each row a real headline in its own bytes.
@Suite struct EncodingTests {
    static let rows: [(String, [UInt8], String)] = [
        ("KOI8-R", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x2C, 0x20, 0xCD, 0xC9, 0xD2], "Привет, мир"),
        ("windows-1251", [0xCD, 0xEE, 0xE2, 0xEE, 0xF1, 0xF2, 0xE8, 0x20, 0xE4, 0xED, 0xFF], "Новости дня"),
        ("windows-1252", [0x43, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x71, 0x75, 0x6F, 0x74, 0x65, 0x73, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35], "Café “quotes” – €5"),
        ("ISO-8859-1", [0x47, 0x72, 0xF6, 0xDF, 0x65, 0x20, 0x75, 0x6E, 0x64, 0x20, 0x4D, 0x61, 0xDF], "Größe und Maß"),
        ("ISO-8859-7", [0xC5, 0xE9, 0xE4, 0xDE, 0xF3, 0xE5, 0xE9, 0xF2], "Ειδήσεις"),
        ("ISO-8859-2", [0x5A, 0x61, 0xBF, 0xF3, 0xB3, 0xE6, 0x20, 0x67, 0xEA, 0xB6, 0x6C, 0xB1, 0x20, 0x6A, 0x61, 0xBC, 0xF1], "Zażółć gęślą jaźń"),
        ("ISO-8859-15", [0x50, 0x72, 0x69, 0x78, 0x3A, 0x20, 0x31, 0x30, 0x20, 0xA4], "Prix: 10 €"),
        ("windows-1250", [0x50, 0xF8, 0xED, 0x6C, 0x69, 0x9A, 0x20, 0x9E, 0x6C, 0x75, 0x9D, 0x6F, 0x75, 0xE8, 0x6B, 0xFD, 0x20, 0x6B, 0xF9, 0xF2], "Příliš žluťoučký kůň"),
        ("windows-1256", [0xC3, 0xCE, 0xC8, 0xC7, 0xD1, 0x20, 0xC7, 0xE1, 0xED, 0xE6, 0xE3], "أخبار اليوم"),
        ("ISO-8859-8", [0xE7, 0xE3, 0xF9, 0xE5, 0xFA], "חדשות"),
        ("GB2312", [0xB2, 0xDD, 0xB8, 0xF9, 0xCD, 0xF8], "草根网"),
        ("GBK", [0xCD, 0xB6, 0xD7, 0xCA, 0xD7, 0xCA, 0xD1, 0xB6, 0xCD, 0xF8], "投资资讯网"),
        ("GB18030", [0xC1, 0xF7, 0xCD, 0xA8, 0xBC, 0xCD, 0xC4, 0xEE, 0xB1, 0xD2], "流通纪念币"),
        ("Big5", [0xC1, 0x63, 0xC5, 0xE9, 0xA4, 0xA4, 0xA4, 0xE5, 0xB7, 0x73, 0xBB, 0x44], "繁體中文新聞"),
        ("Shift_JIS", [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x83, 0x6A, 0x83, 0x85, 0x81, 0x5B, 0x83, 0x58], "日本語のニュース"),
        ("EUC-JP", [0xC5, 0xEC, 0xB5, 0xFE, 0xA4, 0xCE, 0xC5, 0xB7, 0xB5, 0xA4], "東京の天気"),
        ("EUC-KR", [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE, 0x20, 0xB4, 0xBA, 0xBD, 0xBA], "한국어 뉴스"),
    ]

    static func rss(title: [UInt8], declaration: String?) -> [UInt8] {
        var bytes: [UInt8] = []
        if let declaration { bytes += Array("<?xml version=\"1.0\" encoding=\"\(declaration)\"?>\n".utf8) }
        bytes += Array("<rss version=\"2.0\"><channel><title>".utf8) + title
        bytes += Array("</title><item><title>".utf8) + title + Array("</title></item></channel></rss>".utf8)
        return bytes
    }

    @Test(arguments: rows)
    func declaredInXML(_ label: String, _ bytes: [UInt8], _ text: String) throws {
        let result = try FeedParser.parse(Self.rss(title: bytes, declaration: label), url: nil)
        #expect(result.feed.title == text)
        #expect(result.feed.entries.first?.title == text)
    }

    @Test(arguments: rows)
    func givenByHTTP(_ label: String, _ bytes: [UInt8], _ text: String) throws {
        // The HTTP charset wins over a declaration that lies.
        let result = try FeedParser.parse(Self.rss(title: bytes, declaration: "UTF-8"), url: nil, httpCharset: label)
        #expect(result.feed.title == text)
    }

    @Test func byteOrderMarks() throws {
        let text = "Ñandú über naïve"
        let doc = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>\(text)</title></channel></rss>"
        let utf8: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(doc.utf8)
        #expect(try FeedParser.parse(utf8, url: nil).feed.title == text)
        let le: [UInt8] = [0xFF, 0xFE] + doc.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try FeedParser.parse(le, url: nil).feed.title == text)
        let be: [UInt8] = [0xFE, 0xFF] + doc.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try FeedParser.parse(be, url: nil).feed.title == text)
    }

    @Test func utf16WithoutBOM() throws {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>Ελληνικά</title></channel></rss>"
        let le = doc.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try FeedParser.parse(le, url: nil).feed.title == "Ελληνικά")
        let be = doc.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try FeedParser.parse(be, url: nil).feed.title == "Ελληνικά")
    }

    @Test func declaredUTF8ButWindows1252() throws {
        let result = try FeedParser.parse(Self.rss(title: [0x43, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x80], declaration: "UTF-8"), url: nil)
        #expect(result.feed.title == "Café – €")
        #expect(result.warnings.contains { $0.contains("windows-1252") })
    }

    @Test func declaredLatin1ButUTF8() throws {
        let result = try FeedParser.parse(Self.rss(title: Array("Größe".utf8), declaration: "ISO-8859-1"), url: nil)
        #expect(result.feed.title == "Größe")
        #expect(result.warnings.contains { $0.contains("UTF-8") })
    }

    @Test func declaredUTF16ButUTF8() throws {
        let result = try FeedParser.parse(Self.rss(title: Array("Größe".utf8), declaration: "utf-16"), url: nil)
        #expect(result.feed.title == "Größe")
        #expect(!result.warnings.isEmpty)
    }

    @Test func unknownLabel() throws {
        let result = try FeedParser.parse(Self.rss(title: Array("Größe".utf8), declaration: "x-no-such-charset"), url: nil)
        #expect(result.feed.title == "Größe")
        #expect(result.warnings.contains { $0.contains("x-no-such-charset") })
    }

    @Test func damagedUTF8KeepsTheRest() throws {
        // One stray byte in otherwise UTF-8 text is replaced, not a reason to re-read everything as 1252.
        let title = Array("草根网 ".utf8) + [0xFF] + Array(" 投资资讯网".utf8)
        let result = try FeedParser.parse(Self.rss(title: title, declaration: nil), url: nil)
        #expect(result.feed.title == "草根网 \u{FFFD} 投资资讯网")
    }
}
