import AggregateMerge
import AggregateModel
import AggregateStore
import Foundation

/// When a source is next due: its own `refresh`, else what the publisher asks within sane bounds, else the default;
/// after failures, exponential backoff with jitter, capped, never giving up for good.
struct Schedule {
    static let defaultInterval: TimeInterval = 30 * 60
    static let shortestHint: TimeInterval = 5 * 60
    static let longestHint: TimeInterval = 24 * 3600
    static let backoffBase: TimeInterval = 5 * 60
    static let backoffCap: TimeInterval = 24 * 3600

    var now: Date
    var force: Bool

    /// Whether `source` should be fetched in this run.
    func isDue(_ source: SourceSettings, state: SourceState?, configHash: String) -> Bool {
        guard let state else { return true }
        if force { return true }
        if state.gone && state.configHash == configHash { return false }
        if source.isLocalFile { return true }
        if state.configHash != configHash { return true }
        guard let nextDue = state.nextDue else { return true }
        return nextDue <= now
    }

    /// After a success: the configured interval, else the publisher's hint (ttl, sy:, max-age) bounded, else the default.
    func nextDue(after source: SourceSettings, hint: TimeInterval?) -> Date {
        if let refresh = source.refresh { return now.addingTimeInterval(refresh) }
        if let hint { return now.addingTimeInterval(min(max(hint, Self.shortestHint), Self.longestHint)) }
        return now.addingTimeInterval(Self.defaultInterval)
    }

    /// After the `failures`-th failure in a row: 5 min, 10, 20… capped at 24 h, ±20% jitter; Retry-After wins when later.
    func nextDue(afterFailures failures: Int, retryAfter: TimeInterval?, sourceID: String) -> Date {
        let exponent = Double(min(max(failures - 1, 0), 20))
        let base = min(Self.backoffBase * pow(2, exponent), Self.backoffCap)
        // Jitter from the source id and count, so that sources failing together spread out, yet runs are repeatable.
        let spread = Int(StableHash.hex("\(sourceID)#\(failures)").prefix(4), radix: 16) ?? 0
        let jitter = 0.8 + 0.4 * Double(spread) / 65_535
        let delay = max(base * jitter, min(retryAfter ?? 0, Self.backoffCap * 7))
        return now.addingTimeInterval(delay)
    }
}

