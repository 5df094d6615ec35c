import AggregateModel
import AggregateParse
import AggregateTestSupport
import Foundation

/// Real text from the shared corpus, to compare a fast path with the general one on what feeds send: every
/// title, link and id as parsed, and every run of bytes from "http" to a quote, bracket or space as written.
struct CorpusStrings: Sendable {
    var titles: [String] = []
    var links: [String] = []

    static let shared: CorpusStrings = load()

    private static func load() -> CorpusStrings {
        var strings = CorpusStrings()
        guard let corpus = try? TestPaths.corpus(),
              let files = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        else { return strings }
        var titles = Set<String>(), links = Set<String>()
        for case let file as URL in files where !file.hasDirectoryPath {
            guard let data = try? [UInt8](Data(contentsOf: file)) else { continue }
            links.formUnion(rawURLs(in: data))
            guard let feed = try? FeedParser.parse(data, url: "https://example.org/feed.xml").feed else { continue }
            if let title = feed.title { titles.insert(title) }
            links.formUnion([feed.link, feed.selfLink].compactMap { $0 })
            for entry in feed.entries {
                if let title = entry.title { titles.insert(title) }
                links.formUnion([entry.link, entry.id, entry.source?.url].compactMap { $0 })
                links.formUnion(entry.enclosures.map(\.url))
            }
        }
        strings.titles = titles.sorted()
        strings.links = links.sorted()
        return strings
    }

    /// "http…" up to a quote, an angle bracket or white space, as the bytes are (entities and all).
    private static func rawURLs(in data: [UInt8]) -> Set<String> {
        var found = Set<String>()
        let start = Array("http".utf8)
        let stops: Set<UInt8> = [0x22, 0x27, 0x3C, 0x3E, 0x20, 0x0A, 0x0D, 0x09]
        var index = 0
        while index + start.count <= data.count {
            guard data[index..<(index + start.count)].elementsEqual(start) else {
                index += 1
                continue
            }
            var end = index
            while end < data.count && !stops.contains(data[end]) && end - index < 2_000 { end += 1 }
            found.insert(String(decoding: data[index..<end], as: UTF8.self))
            index = end
        }
        return found
    }
}
