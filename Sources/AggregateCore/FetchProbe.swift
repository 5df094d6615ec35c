import AggregateFetch
import AggregateModel
import AggregateStore
import Foundation

/// `aggregate fetch`: the fetch stage alone, for checking sources and measuring it; nothing is stored.
public enum FetchProbe {
    public struct Line: Sendable {
        public var source: SourceSettings
        public var outcome: FetchOutcome
    }

    /// Fetches every configured source (with the stored validators when `conditional`), keeping no body.
    public static func run(configuration: Configuration, conditional: Bool, each: (Line) -> Void) throws(StoreError) {
        var states: [String: SourceState] = [:]
        let path = (configuration.site.cacheDirectory as NSString).appendingPathComponent(Pipeline.CacheFile.store)
        if conditional, FileManager.default.fileExists(atPath: path) {
            for state in try Store(path: path).sourceStates() { states[state.sourceID] = state }
        }
        let requests = configuration.sources.map { source in
            let state = states[source.id]
            return FetchRequest(
                sourceID: source.id, location: state?.permanentRedirect ?? source.location, etag: state?.etag,
                lastModified: state?.lastModified,
                allowPrivateNetworks: source.allowPrivateNetworks || configuration.site.fetch.allowPrivateNetworks)
        }
        Fetcher(settings: configuration.site.fetch).fetchEach(requests) { index, outcome in
            each(Line(source: configuration.sources[index], outcome: outcome))
        }
    }
}
