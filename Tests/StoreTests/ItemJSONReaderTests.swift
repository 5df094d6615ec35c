import AggregateModel
@testable import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// `ItemJSON.decode` against JSONDecoder: whatever the fast reader returns, JSONDecoder returns too.
struct ItemJSONReaderTests {
    static let pieces = [
        "", "plain", "quote \" inside", "back\\slash", "slash / and \\/", "line\nbreak", "crlf\r\nend", "tab\t", "nul\u{0}",
        "bell\u{7}", "del\u{7F}", "esc\u{1B}[0m", "unit\u{1F}", "é accent", "combining e\u{301}", "Дункакал", "中文字",
        "emoji 😀👍🏽", "flag 🇫🇷", "\u{2028}line separator\u{2029}", "bom \u{FEFF}", "max \u{10FFFF}", "private \u{E000}",
        "<p class=\"x\">HTML &amp; more</p>", "{\"json\": [1, 2]}", "\\u0041 not an escape", "\"", "\\",
    ]

    static func text(_ g: inout SplitMix64) -> String {
        (0..<Int.random(in: 1...3, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
    }

    static func optionalText(_ g: inout SplitMix64) -> String? {
        Bool.random(using: &g) ? text(&g) : nil
    }

    static func date(_ g: inout SplitMix64) -> Date {
        let seconds: Double
        switch Int.random(in: 0..<6, using: &g) {
        case 0: seconds = Double(Int.random(in: -1_000_000_000...1_000_000_000, using: &g))
        case 1: seconds = Double.random(in: 700_000_000...900_000_000, using: &g)
        case 2: seconds = Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random(using: &g) ? 1 : -1)
        case 3: seconds = Double.random(in: -1e-3...1e-3, using: &g)
        case 4: seconds = Double(Int.random(in: 0...10_000_000, using: &g)) / 1000
        default: seconds = [0, -0.0, 1e22, 1e23, 9_007_199_254_740_992, 9_007_199_254_740_994, .leastNonzeroMagnitude, .greatestFiniteMagnitude].randomElement(using: &g)!
        }
        return Date(timeIntervalSinceReferenceDate: seconds)
    }

    static func credit(_ g: inout SplitMix64) -> Credit {
        Credit(sourceID: text(&g), name: text(&g), feedURL: optionalText(&g), siteURL: optionalText(&g), link: optionalText(&g))
    }

    static func item(_ g: inout SplitMix64) -> Item {
        Item(
            key: text(&g), title: text(&g), link: optionalText(&g), published: Bool.random(using: &g) ? date(&g) : nil,
            updated: Bool.random(using: &g) ? date(&g) : nil, firstSeen: date(&g), author: optionalText(&g),
            summary: optionalText(&g), content: optionalText(&g), tags: (0..<Int.random(in: 0...3, using: &g)).map { _ in text(&g) },
            enclosures: (0..<Int.random(in: 0...2, using: &g)).map { _ in
                Enclosure(url: text(&g), type: optionalText(&g), length: Bool.random(using: &g) ? Int.random(in: -5...Int.max, using: &g) : nil)
            },
            image: optionalText(&g),
            provenance: Provenance(
                source: credit(&g), originalID: optionalText(&g), originalAuthor: optionalText(&g),
                upstream: Bool.random(using: &g) ? credit(&g) : nil),
            alsoReportedBy: (0..<Int.random(in: 0...2, using: &g)).map { _ in credit(&g) },
            categories: (0..<Int.random(in: 0...3, using: &g)).map { _ in text(&g) })
    }

    /// Equal items whose dates are the same bits (`==` on dates takes -0.0 for 0.0).
    static func same(_ a: Item, _ b: Item) -> Bool {
        let dates = { (item: Item) in [item.published, item.updated, item.firstSeen].map { $0?.timeIntervalSinceReferenceDate.bitPattern } }
        return a == b && dates(a) == dates(b)
    }

    static func jsonDecoder(_ bytes: [UInt8]) -> Item? {
        try? JSONDecoder().decode(Item.self, from: Data(bytes))
    }

    @Test func readsWhatItemJSONWritesAsJSONDecoderDoes() {
        var g = SplitMix64(seed: 1)
        for _ in 0..<3_000 {
            let item = Self.item(&g)
            let bytes = ItemJSON.encode(item)
            let fast = ItemJSON.decode(bytes)
            #expect(fast != nil, "\(String(decoding: bytes, as: UTF8.self))")
            guard let fast, let slow = Self.jsonDecoder(bytes) else { continue }
            #expect(Self.same(fast, item) && Self.same(fast, slow), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func readsWhatJSONEncoderWrote() throws {
        var g = SplitMix64(seed: 2)
        let formats: [JSONEncoder.OutputFormatting] = [[.sortedKeys], [], [.prettyPrinted], [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]]
        for n in 0..<1_000 {
            let item = Self.item(&g)
            let encoder = JSONEncoder()
            encoder.outputFormatting = formats[n % formats.count]
            let bytes = Array(try encoder.encode(item))
            let fast = ItemJSON.decode(bytes)
            #expect(fast.map { Self.same($0, item) } == true, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// A stored item spelled as JSON allows: escapes for every character, members in another order, unknown
    /// members, nulls for absent values, numbers in other forms.
    @Test func readsOtherSpellings() throws {
        let documents = [
            #"{"title":"\u0054\u00e9\u4e2d\ud83d\ude00\/\b\f\n\r\t\"\\","key":"k","firstSeen":8.158320005E8,"tags":[],"enclosures":[{"url":"u","length":10,"type":null,"extra":{"a":[1,2.5e-3,true,false,null,"\ud83d\ude00"]}}],"provenance":{"upstream":null,"source":{"name":"n","sourceID":"s","link":null}},"alsoReportedBy":[],"categories":["a","b"],"published":null,"link":null,"future":[{"x":{}},[]]}"#,
            " \n\t{ \"key\" : \"k\" , \"title\" : \"t\" , \"firstSeen\" : -0 , \"tags\" : [ \"a\" ] , \"enclosures\" : [ ] , \"provenance\" : { \"source\" : { \"sourceID\" : \"s\" , \"name\" : \"n\" } } , \"alsoReportedBy\" : [ ] , \"categories\" : [ ] } \r\n",
            #"{"key":"k","title":"","firstSeen":1e-7,"updated":0.000001234,"published":123456789012345678901234567890,"tags":[],"enclosures":[],"provenance":{"source":{"sourceID":"","name":""},"originalID":"\u0000"},"alsoReportedBy":[{"sourceID":"a","name":"b","feedURL":"\u2028"}],"categories":[]}"#,
            #"{"key":"k","title":"t","firstSeen":0.1,"updated":1.7976931348623157e308,"published":4.9e-324,"tags":[],"enclosures":[],"provenance":{"source":{"sourceID":"s","name":"n"}},"alsoReportedBy":[],"categories":[]}"#,
        ]
        for document in documents {
            let bytes = Array(document.utf8)
            let slow = try JSONDecoder().decode(Item.self, from: Data(bytes))
            let fast = try #require(ItemJSON.decode(bytes), "\(document)")
            #expect(Self.same(fast, slow), "\(document)")
        }
    }

    /// Dates as numbers near the limits of Double: read as JSONDecoder reads them (to the bit), or left to it.
    @Test func readsNumbersAsJSONDecoderDoes() {
        let numbers = [
            "0", "-0", "0.0", "-0.0", "1", "-1", "0.1", "1e0", "1E+2", "1e-2", "815832000.5", "815832000.123456789",
            "9007199254740993", "9007199254740992.5", "1e22", "1e23", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "1e309", "4.9e-324", "2.5e-324", "2.4e-324", "1e-400", "0e-400", "0e500",
            "2.2250738585072011e-308", "123456789012345678901234567890", "0.000000000000000000000000000001",
            "100000000000000000000000000000000000000000000000000e-60", "12345678901234567890", "1234567890123456789",
            "0.1234567890123456789", "00", "01", "1.", ".1", "-", "+1", "1e", "1e+", "0x10", "Infinity", "NaN",
        ]
        let template = #"{"key":"k","title":"t","firstSeen":NUMBER,"tags":[],"enclosures":[],"provenance":{"source":{"sourceID":"s","name":"n"}},"alsoReportedBy":[],"categories":[]}"#
        var read = 0
        for number in numbers {
            let bytes = Array(template.replacingOccurrences(of: "NUMBER", with: number).utf8)
            let slow = Self.jsonDecoder(bytes)
            guard let fast = ItemJSON.decode(bytes) else { continue }
            read += 1
            #expect(slow.map { Self.same($0, fast) } == true, "\(number)")
        }
        #expect(read >= 25)
    }

    /// What the fast reader leaves to JSONDecoder: forms where it might disagree, and invalid documents.
    @Test func leavesTheRestToJSONDecoder() {
        let valid = #"{"key":"k","title":"t","firstSeen":1,"tags":[],"enclosures":[{"url":"u","length":10}],"provenance":{"source":{"sourceID":"s","name":"n"}},"alsoReportedBy":[],"categories":[]}"#
        #expect(ItemJSON.decode(Array(valid.utf8)) != nil)
        let changes: [(String, String)] = [
            (#""title":"t""#, #""title":"t","title":"u""#),  // JSONDecoder takes the first
            (#""title""#, #""t\u0069tle""#),
            (#""length":10"#, #""length":10.0"#),  // JSONDecoder reads 10
            (#""length":10"#, #""length":1e1"#),
            (#""length":10"#, #""length":-0"#),
            (#""length":10"#, #""length":9223372036854775808"#),
            (#""length":10"#, #""length":010"#),
            (#""firstSeen":1"#, #""firstSeen":1e400"#),
            (#""firstSeen":1"#, #""firstSeen":.5"#),
            (#""firstSeen":1"#, #""firstSeen":"1""#),
            (#""firstSeen":1"#, #""firstSeen":null"#),
            (#""title":"t""#, #""title":"\ud800""#),
            (#""title":"t""#, #""title":"\udc00\ud800""#),
            (#""title":"t""#, #""title":"\x""#),
            (#""title":"t""#, "\"title\":\"a\u{1}\""),
            (#""title":"t","#, ""),
            (#""categories":[]"#, #""categories":[null]"#),
            (#""categories":[]"#, #""categories":[],"x":1."#),
            (#""categories":[]"#, #""categories":[],"x":[1,]"#),
        ]
        var refused = changes.map { valid.replacingOccurrences(of: $0.0, with: $0.1) }
        refused += [valid + " x", "\u{FEFF}" + valid]
        for document in refused {
            #expect(ItemJSON.decode(Array(document.utf8)) == nil, "\(document)")
        }
        var invalidUTF8 = Array(valid.utf8)
        invalidUTF8.insert(0xFF, at: invalidUTF8.firstIndex(of: UInt8(ascii: "t"))!)
        #expect(ItemJSON.decode(invalidUTF8) == nil)
    }

    /// A row the fast reader leaves alone is read by JSONDecoder; one neither reads is an error naming the item.
    @Test func storeFallsBackToJSONDecoder() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        var g = SplitMix64(seed: 4)
        let item = Self.item(&g)
        let bytes = ItemJSON.encode(item)
        // A repeated member: JSONDecoder takes the first.
        let repeated = Array(bytes.dropLast()) + Array(#","title":"later"}"#.utf8)
        #expect(ItemJSON.decode(repeated) == nil)
        let encoded = Store.encode(item, contentHash: "h", normalizedTitle: "", titleWords: [])
        try store.save(new: Store.Encoded(data: repeated, key: encoded.key, row: encoded.row), identities: [], titleWords: [], normalizedTitle: "")
        #expect(try store.item(key: item.key).map { Self.same($0.item, item) } == true)
        try store.save(new: Store.Encoded(data: Array("{}".utf8), key: encoded.key, row: encoded.row), identities: [], titleWords: [], normalizedTitle: "")
        #expect(throws: StoreError.self) { try store.item(key: item.key) }
    }

    /// Damaged documents: whenever the fast reader takes one, JSONDecoder reads the same item from it.
    @Test func neverReadsWhatJSONDecoderWouldNot() {
        var g = SplitMix64(seed: 3)
        var taken = 0
        for _ in 0..<4_000 {
            var bytes = ItemJSON.encode(Self.item(&g))
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let at = Int.random(in: 0..<bytes.count, using: &g)
                let byte = Array(#"{}[]":,\-.0123456789eEnulltrf u/"#.utf8).randomElement(using: &g)!
                switch Int.random(in: 0..<3, using: &g) {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
            }
            guard let fast = ItemJSON.decode(bytes) else { continue }
            taken += 1
            let slow = Self.jsonDecoder(bytes)
            #expect(slow.map { Self.same($0, fast) } == true, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(taken > 100, "some damage leaves a valid item (a changed letter)")
    }
}
