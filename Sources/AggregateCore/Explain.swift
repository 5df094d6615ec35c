import AggregateFetch
import AggregateMerge
import AggregateModel
import AggregateParse
import AggregateStore
import Foundation

/// `aggregate explain`: which rule routed or dropped each item, and why.
public struct Explanation: Sendable, Hashable {
    public var title: String
    public var link: String?
    public var routing: Routing
    /// For a stored item: who else reported it.
    public var alsoReportedBy: [String]
}

public enum ExplainError: Error, CustomStringConvertible {
    case unknownSource(String, known: [String])
    case fetch(FetchError)
    case parse(String, ParseError)
    case itemNotFound(String)
    case store(StoreError)
    case configuration(RunError)

    public var description: String {
        switch self {
        case .unknownSource(let name, let known):
            "explain: no source \"\(name)\" in the configuration; use an id, name or location: \(known.joined(separator: ", "))"
        case .fetch(let error): "\(error)"
        case .parse(let location, let error): "parse: \(location): \(error)"
        case .itemNotFound(let link): "explain: no stored item has the link \(link); run aggregate first, or check the link"
        case .store(let error): "\(error)"
        case .configuration(let error): "\(error)"
        }
    }
}

public enum Explain {
    /// Reads `sourceName` now (nothing is stored) and routes each of its items.
    public static func source(_ sourceName: String, configuration: Configuration) throws(ExplainError) -> (SourceSettings, [Explanation]) {
        guard let source = configuration.sources.first(where: { $0.id == sourceName || $0.name == sourceName || $0.location == sourceName })
            ?? configuration.sources.first(where: { $0.location.hasSuffix("/" + sourceName) }) else {
            throw .unknownSource(sourceName, known: configuration.sources.map(\.id))
        }
        let router: Router
        do { router = try Pipeline.router(configuration) } catch { throw .configuration(error) }
        let request = FetchRequest(
            sourceID: source.id, location: source.location, etag: nil, lastModified: nil,
            allowPrivateNetworks: source.allowPrivateNetworks || configuration.site.fetch.allowPrivateNetworks)
        let outcome = Fetcher(settings: configuration.site.fetch).fetchAll([request])[0]
        let response: FetchResponse
        switch outcome.result {
        case .success(let value): response = value
        case .failure(let error): throw .fetch(error)
        }
        let feed: Feed
        do { feed = try FeedParser.parse(response.body, url: response.finalURL, httpCharset: response.charset).feed } catch {
            throw .parse(source.location, error)
        }
        let known = Set(configuration.categories.map(\.slug))
        return (source, feed.entries.map { entry in
            Explanation(title: entry.title ?? "(untitled)", link: entry.link, routing: router.route(entry, source: source, known: known), alsoReportedBy: [])
        })
    }

    /// Routes a stored item again, found by its link, as its primary source would.
    public static func item(link: String, configuration: Configuration) throws(ExplainError) -> Explanation {
        let router: Router
        do { router = try Pipeline.router(configuration) } catch { throw .configuration(error) }
        do {
            let path = (configuration.site.cacheDirectory as NSString).appendingPathComponent(Pipeline.CacheFile.store)
            // No store yet (no run finished): nothing to find, and none is made here.
            guard FileManager.default.fileExists(atPath: path) else { throw ExplainError.itemNotFound(link) }
            let store = try Store(path: path)
            let canonical = CanonicalURL.canonicalize(link) ?? link
            guard let key = try store.key(for: ItemIdentity(kind: .url, value: canonical)), let stored = try store.item(key: key) else {
                throw ExplainError.itemNotFound(link)
            }
            let item = stored.item
            let source = configuration.sources.first { $0.id == item.provenance.source.sourceID }
                ?? SourceSettings(id: item.provenance.source.sourceID, location: "", name: item.provenance.source.name, categories: [])
            let entry = Entry(title: item.title, link: item.link, author: item.author, summary: item.summary, content: item.content, categories: item.tags)
            var routing = router.route(entry, source: source, known: Set(configuration.categories.map(\.slug)))
            // Other sources' copies brought their own categories with them.
            for slug in item.categories where !routing.categories.contains(slug) {
                routing.categories.append(slug)
                routing.reasons.append("in \(slug) through a copy from another source")
            }
            return Explanation(title: item.title, link: item.link, routing: routing, alsoReportedBy: item.alsoReportedBy.map(\.name))
        } catch let error as ExplainError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .itemNotFound(link)
        }
    }
}
