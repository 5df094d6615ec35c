import AggregateModel
import AggregateParse
import AggregatePublish
import AggregateTestSupport
import Foundation
import Testing

/// Write the feeds, read them back with our own parser: the same items with the same provenance.
struct RoundTripTests {
    static let formats = ["tech.xml", "tech.atom", "tech.json"]

    @Test(arguments: formats)
    func itemsSurviveTheRoundTrip(file: String) throws {
        let folder = try TestPaths.temporaryDirectory("aggregate-roundtrip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public").path
        _ = try Publisher.publish(Fixtures.input(output: output))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: output).appendingPathComponent(file)))
        let result = try FeedParser.parse(bytes, url: "https://news.example.org/\(file)")
        let feed = result.feed
        let items = [Fixtures.chips, Fixtures.upstream, Fixtures.bare]
        #expect(feed.entries.count == items.count)
        #expect(feed.title?.contains("Technology") == true)

        for (entry, item) in zip(feed.entries, items) {
            #expect(entry.id == item.key, "\(file)")
            #expect(entry.link == item.link, "\(file): \(item.title)")
            // Titles are plain text: the parser reads what a feed reader shows (markup-looking text dropped, as
            // `parse-json.md` says), and the writers drop control characters.
            let controlFree = item.title.unicodeScalars.filter { $0.value >= 0x20 }.map(String.init).joined()
            // Atom says `type="text"`, so its title comes back exactly; RSS and JSON titles come back as text.
            #expect(entry.title == (file.hasSuffix(".atom") ? controlFree : HTMLText.plainText(controlFree)), "\(file)")
            #expect((entry.published ?? entry.updated) == (item.published ?? item.updated), "\(file): \(item.title)")
            // Provenance: the credited publisher (upstream when named) and its feed.
            let credit = item.provenance.primaryCredit
            if let feedURL = credit.feedURL {
                #expect(entry.source?.title == credit.name, "\(file): \(item.title)")
                #expect(entry.source?.url == feedURL, "\(file): \(item.title)")
            }
            // The visible attribution survives in the republished HTML.
            let html = (entry.content ?? "") + (entry.summary ?? "")
            if item.link != nil { #expect(html.contains("Source link"), "\(file): \(item.title)") }
            for other in item.alsoReportedBy { #expect(html.contains(other.name.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")), "\(file)") }
            #expect(Set(entry.categories) == Set(item.tags), "\(file): \(item.title)")
        }
        // Authors and enclosures of the full item.
        let chips = try #require(feed.entries.first)
        #expect(chips.author?.contains("Ada Lovelace") == true, "\(file)")
        #expect(chips.enclosures.first?.url == Fixtures.chips.enclosures.first?.url, "\(file)")
        #expect(chips.enclosures.first?.length == 123_456, "\(file)")
    }
}
