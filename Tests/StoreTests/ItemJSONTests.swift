import AggregateModel
import AggregateStore
import AggregateTestSupport
import Foundation
import Testing

/// The store's hand-written item JSON is JSONEncoder's, sorted keys and slashes unescaped, byte for byte: every
/// optional present or absent, objects in arrays and in objects, strings that need escaping. Dates are not whole
/// seconds here: for those the store writes `Double.description` ("12.0", where JSONEncoder writes "12"), which
/// reads back the same and is what stores already hold.
struct ItemJSONTests {
    static let texts = ["", "plain", "a \"quoted\" \\ back", "line\nbreak\ttab\r\u{1}", "é中文🎉", "https://example.org/a?b=c&d"]

    @Test func encodingIsJSONEncoders() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var random = SplitMix64(seed: 7)
        func text() -> String { Self.texts[random.below(Self.texts.count)] }
        func maybe() -> String? { random.below(3) == 0 ? nil : text() }
        func date() -> Date? { random.below(3) == 0 ? nil : Date(timeIntervalSinceReferenceDate: Double(random.below(2_000_000_000)) + 0.25) }
        func credit() -> Credit { Credit(sourceID: text(), name: text(), feedURL: maybe(), siteURL: maybe(), link: maybe()) }
        for _ in 0..<500 {
            let enclosures = (0..<random.below(3)).map { _ in
                Enclosure(url: text(), type: maybe(), length: random.below(2) == 0 ? nil : random.below(100_000))
            }
            let provenance = Provenance(
                source: credit(), originalID: maybe(), originalAuthor: maybe(), upstream: random.below(2) == 0 ? nil : credit())
            let item = Item(
                key: text(), title: text(), link: maybe(), published: date(), updated: date(), firstSeen: date() ?? Date(timeIntervalSinceReferenceDate: 0.5),
                author: maybe(), summary: maybe(), content: maybe(), tags: (0..<random.below(3)).map { _ in text() },
                enclosures: enclosures, image: maybe(), provenance: provenance, alsoReportedBy: (0..<random.below(3)).map { _ in credit() },
                categories: (0..<random.below(3)).map { _ in text() })
            let expected = try [UInt8](encoder.encode(item))
            #expect(Store.encode(item) == expected, "\(String(decoding: Store.encode(item), as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
        }
    }
}
