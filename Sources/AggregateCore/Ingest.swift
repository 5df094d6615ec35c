import AggregateFetch
import AggregateMerge
import AggregateModel
import AggregateParse
import AggregateStore
import Foundation

/// One fetched source through parse and merge into the store: all of it or none of it.
struct Ingest {
    let store: Store
    let merger: Merger
    let schedule: Schedule
    let router: Router
    /// Slugs of the configured categories.
    let categories: Set<String>

    /// Items merged from one fetched document, in document order (feeds list their newest first).
    /// NOTE: the largest real feeds, podcast archives, list a few thousand items; a document with hundreds of
    /// thousands is a flood, and merging all of it would hold the run for many minutes.
    static let maxEntriesPerFetch = 5_000

    func process(_ outcome: FetchOutcome, source: SourceSettings, previous: SourceState, configHash: String) throws -> SourceReport {
        var state = previous
        var report = SourceReport(id: source.id, name: source.name, location: outcome.request.location, status: .ok)
        if state.configHash != configHash {
            // A changed line in feeds.conf is a new start: forget gone, redirects, validators and backoff.
            state = SourceState(sourceID: source.id, location: source.location, configHash: configHash)
        }
        state.location = source.location
        state.lastAttempt = schedule.now

        switch outcome.result {
        case .failure(let error):
            fail(&state, &report, message: error.description, retryAfter: error.retryAfter)
            if error.isGone { state.gone = true }
            try store.save(state)
        case .success(let response):
            report.httpStatus = response.status
            report.bytes = response.bytes
            report.seconds = response.elapsed
            report.notModified = response.notModified
            if let moved = response.permanentRedirect {
                state.permanentRedirect = moved
                report.movedTo = moved
            }
            if response.notModified {
                report.status = .notModified
                succeed(&state, &report, source: source, hint: response.maxAge ?? state.refreshHint)
                try store.save(state)
                return report
            }
            let bodyHash = StableHash.hex(response.body)
            if bodyHash == state.bodyHash {
                report.status = .unchanged
                state.etag = response.etag
                state.lastModified = response.lastModified
                succeed(&state, &report, source: source, hint: response.maxAge ?? state.refreshHint)
                try store.save(state)
                return report
            }
            let parsed: ParseResult
            do {
                parsed = try FeedParser.parse(response.body, url: documentURL(source: source, response: response), httpCharset: response.charset)
            } catch {
                // Validators are not kept: the next fetch must bring the whole body back to parse it again.
                state.etag = nil
                state.lastModified = nil
                // ParseError's own text starts with "parse: "; the location goes after that prefix.
                let reason = error.description.hasPrefix("parse: ") ? String(error.description.dropFirst(7)) : error.description
                fail(&state, &report, message: "parse: \(outcome.request.location): \(reason)", retryAfter: nil)
                try store.save(state)
                return report
            }
            report.warnings = parsed.warnings
            var entries = parsed.feed.entries[...]
            if entries.count > Self.maxEntriesPerFetch {
                report.warnings.append("the feed lists \(entries.count) items; only the first \(Self.maxEntriesPerFetch) were read")
                entries = entries.prefix(Self.maxEntriesPerFetch)
            }
            let lookup = StoreLookup(store: store)
            try store.transaction {
                for entry in entries {
                    let routing = router.route(entry, source: source, known: categories)
                    if routing.isDropped {
                        report.filtered += 1
                        continue
                    }
                    let decision = try merger.merge(entry, feed: parsed.feed, source: source, categories: routing.categories, now: schedule.now, lookup: lookup)
                    try lookup.apply(decision)
                    switch decision.outcome {
                    case .new: report.new += 1
                    case .updated: report.updated += 1
                    case .duplicate: report.duplicate += 1
                    case .unchanged: report.unchanged += 1
                    }
                }
                state.etag = response.etag
                state.lastModified = response.lastModified
                state.bodyHash = bodyHash
                state.feedTitle = parsed.feed.title
                state.siteURL = parsed.feed.link
                state.feedURL = parsed.feed.selfLink
                state.refreshHint = response.maxAge ?? parsed.feed.refreshHint
                succeed(&state, &report, source: source, hint: state.refreshHint)
                try store.save(state)
            }
        }
        return report
    }

    /// The URL relative links are resolved against: the public feed URL when the source is a local copy of one.
    private func documentURL(source: SourceSettings, response: FetchResponse) -> String {
        if source.isLocalFile, let published = source.feedURL { return published }
        return response.finalURL
    }

    private func succeed(_ state: inout SourceState, _ report: inout SourceReport, source: SourceSettings, hint: TimeInterval?) {
        state.lastSuccess = schedule.now
        state.lastError = nil
        state.consecutiveFailures = 0
        state.nextDue = schedule.nextDue(after: source, hint: hint)
        report.nextDue = state.nextDue
    }

    private func fail(_ state: inout SourceState, _ report: inout SourceReport, message: String, retryAfter: TimeInterval?) {
        state.consecutiveFailures += 1
        state.lastError = message
        state.nextDue = schedule.nextDue(afterFailures: state.consecutiveFailures, retryAfter: retryAfter, sourceID: state.sourceID)
        report.status = .failed
        report.error = message
        report.nextDue = state.nextDue
    }
}
