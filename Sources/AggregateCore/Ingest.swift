import AggregateFetch
import AggregateMerge
import AggregateModel
import AggregateParse
import AggregateStore
import Foundation

/// The part of ingesting a source that needs no store: hashing and parsing the body. It runs on a worker
/// thread while the store merges the previous source.
struct ParsedOutcome: Sendable {
    let outcome: FetchOutcome
    /// The body's hash, when a body came.
    let bodyHash: String?
    /// The parse, unless no body came or the body is the one already merged.
    let parse: Result<ParseResult, ParseError>?
    /// The parsed entries routed and prepared for merging, in feed order (nil for an entry routing drops).
    var entries: [ReadyEntry?]? = nil

    /// Hashes and parses `outcome`'s body unless it is the body merged last time with the same configuration;
    /// with `preparer`, routes and prepares its entries too.
    static func prepare(
        _ outcome: FetchOutcome, source: SourceSettings, previous: SourceState, configHash: String, preparer: EntryPreparer? = nil
    ) -> ParsedOutcome {
        guard case .success(let response) = outcome.result, !response.notModified else {
            return ParsedOutcome(outcome: outcome, bodyHash: nil, parse: nil)
        }
        let bodyHash = StableHash.wideHex(response.body)
        // A changed configuration forgets the body hash (see Ingest.process), so the body is parsed again.
        let known = previous.configHash == configHash ? previous.bodyHash : nil
        guard bodyHash != known else { return ParsedOutcome(outcome: outcome, bodyHash: bodyHash, parse: nil) }
        let parse = parse(response, source: source)
        var result = ParsedOutcome(outcome: outcome, bodyHash: bodyHash, parse: parse)
        if let preparer, case .success(let parsed) = parse {
            result.entries = preparer.prepare(parsed.feed, source: source)
        }
        return result
    }

    static func parse(_ response: FetchResponse, source: SourceSettings) -> Result<ParseResult, ParseError> {
        do {
            return .success(try FeedParser.parse(response.body, url: documentURL(source: source, response: response), httpCharset: response.charset))
        } catch {
            return .failure(error)
        }
    }

    /// The URL relative links are resolved against: the public feed URL when the source is a local copy of one.
    private static func documentURL(source: SourceSettings, response: FetchResponse) -> String {
        if source.isLocalFile, let published = source.feedURL { return published }
        return response.finalURL
    }
}

/// Routing and merge preparation of a feed's entries: what of merging needs no store, safe on any thread.
struct EntryPreparer: Sendable {
    let merger: Merger
    let router: Router
    /// Slugs of the configured categories.
    let categories: Set<String>
    let now: Date

    /// The first `Ingest.maxEntriesPerFetch` entries of `feed`, nil for those routing drops.
    func prepare(_ feed: Feed, source: SourceSettings) -> [ReadyEntry?] {
        feed.entries.prefix(Ingest.maxEntriesPerFetch).map { entry in
            let routing = router.route(entry, source: source, known: categories)
            if routing.isDropped { return nil }
            let prepared = merger.prepare(entry, feed: feed, source: source, categories: routing.categories, now: now)
            return ReadyEntry(
                prepared: prepared,
                newItemData: Store.encode(
                    prepared.newItem, contentHash: prepared.contentHash, normalizedTitle: prepared.normalizedTitle, titleWords: prepared.titleWords))
        }
    }
}

/// An entry prepared for merging, with the stored form of the item it becomes if new: most entries of a cold
/// run are new, and encoding them here keeps that work off the merging thread.
/// A class: as a struct of some forty references, each read of an entry retained and released every one of
/// them (1.5% of a cold run).
final class ReadyEntry: Sendable {
    let prepared: PreparedEntry
    let newItemData: Store.Encoded

    init(prepared: PreparedEntry, newItemData: Store.Encoded) {
        self.prepared = prepared
        self.newItemData = newItemData
    }
}

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

    var preparer: EntryPreparer { EntryPreparer(merger: merger, router: router, categories: categories, now: schedule.now) }

    func process(_ outcome: FetchOutcome, source: SourceSettings, previous: SourceState, configHash: String) throws -> SourceReport {
        try process(ParsedOutcome.prepare(outcome, source: source, previous: previous, configHash: configHash), source: source, previous: previous, configHash: configHash)
    }

    /// The same, with the body hashed and parsed beforehand (parsed again here if `prepared` skipped it wrongly).
    func process(_ prepared: ParsedOutcome, source: SourceSettings, previous: SourceState, configHash: String) throws -> SourceReport {
        let outcome = prepared.outcome
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
            let bodyHash = prepared.bodyHash ?? StableHash.wideHex(response.body)
            if bodyHash == state.bodyHash {
                report.status = .unchanged
                state.etag = response.etag
                state.lastModified = response.lastModified
                succeed(&state, &report, source: source, hint: response.maxAge ?? state.refreshHint)
                try store.save(state)
                return report
            }
            let parsed: ParseResult
            switch prepared.parse ?? ParsedOutcome.parse(response, source: source) {
            case .success(let result):
                parsed = result
            case .failure(let error):
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
            if parsed.feed.entries.count > Self.maxEntriesPerFetch {
                report.warnings.append("the feed lists \(parsed.feed.entries.count) items; only the first \(Self.maxEntriesPerFetch) were read")
            }
            let lookup = StoreLookup(store: store)
            let entries = prepared.entries ?? preparer.prepare(parsed.feed, source: source)
            try store.transaction {
                for entry in entries {
                    guard let entry else {
                        report.filtered += 1
                        continue
                    }
                    let decision = try merger.merge(entry.prepared, lookup: lookup)
                    // The headline's form was made with the entry: kept when the item is stored under its title.
                    let headline = decision.normalizedTitle == entry.prepared.normalizedTitle ? entry.prepared.headlineForm : nil
                    try lookup.apply(decision, of: entry.prepared, encoded: entry.newItemData, headline: headline)
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
