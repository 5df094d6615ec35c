import AggregateModel
import AggregateStore
import Foundation

/// One source as `aggregate status` shows it.
public struct SourceHealth: Sendable, Hashable {
    public var name: String
    public var location: String
    public var lastSuccess: Date?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var itemsHeld: Int
    public var nextDue: Date?
    /// "moved to URL", "gone", or nil.
    public var notice: String?

    /// Every configured source, with what the store knows of it (nothing yet before the first run).
    public static func all(configuration: Configuration) throws -> [SourceHealth] {
        let path = (configuration.site.cacheDirectory as NSString).appendingPathComponent(Pipeline.CacheFile.store)
        var states: [String: SourceState] = [:]
        var counts: [String: Int] = [:]
        if FileManager.default.fileExists(atPath: path) {
            let store = try Store(path: path)
            for state in try store.sourceStates() { states[state.sourceID] = state }
            counts = try store.itemCountsBySource()
        }
        return configuration.sources.map { source in
            let state = states[source.id]
            var notice: String?
            if state?.gone == true {
                notice = "gone (410): remove it or change its line"
            } else if let moved = state?.permanentRedirect {
                notice = "moved to \(moved)"
            }
            return SourceHealth(
                name: source.name, location: source.location, lastSuccess: state?.lastSuccess, lastError: state?.lastError,
                consecutiveFailures: state?.consecutiveFailures ?? 0, itemsHeld: counts[source.id] ?? 0,
                nextDue: state?.nextDue, notice: notice)
        }
    }
}
