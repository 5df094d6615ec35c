import AggregateConfig
import AggregateFetch
import AggregateMerge
import AggregateModel
import AggregateParse
import AggregatePublish
import AggregateStore
import Foundation

/// How to run.
public struct RunOptions: Sendable {
    /// Fetch every source, due or not (gone sources too).
    public var force: Bool
    /// The clock; tests pin it.
    public var now: Date
    /// Called as transfers finish: done, total.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(force: Bool = false, now: Date = Date(), progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.force = force
        self.now = now
        self.progress = progress
    }
}

/// `aggregate run`: fetch what is due, parse, merge into the store, publish every category.
public struct Pipeline {
    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// File names inside the cache folder.
    public enum CacheFile {
        public static let store = "aggregate.sqlite"
        public static let lock = "aggregate.lock"
        public static let report = "last-run.json"
        /// What the last publish was made from (`PublishRecord`).
        public static let publication = "last-publish"
    }

    public func run(_ options: RunOptions = RunOptions()) throws(RunError) -> RunReport {
        let site = configuration.site
        let cache = site.cacheDirectory
        do {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        } catch {
            throw .cacheUnusable(path: cache, reason: error.localizedDescription)
        }
        let lockPath = (cache as NSString).appendingPathComponent(CacheFile.lock)
        guard let lock = try RunLock(path: lockPath) else {
            throw .anotherRunActive(lockPath: lockPath, pid: RunLock.holder(path: lockPath))
        }
        defer { withExtendedLifetime(lock) {} }

        // What no output shows, and is too old to be matched as a duplicate, is dropped from the store.
        let horizon = options.now.addingTimeInterval(-max(configuration.site.dedupe.window, 7 * 86_400))
        let store: Store
        let storePath = (cache as NSString).appendingPathComponent(CacheFile.store)
        do {
            // A first run builds its store in one go (see `Store.fresh`), and keeps new items older than the horizon
            // out of its tables until it knows which ones are shown; later runs work in place.
            store = FileManager.default.fileExists(atPath: storePath)
                ? try Store(path: storePath) : try Store.fresh(path: storePath, settingAsideBefore: horizon)
        } catch { throw .store(error) }
        let started = options.now
        // A first run's store is put in place when the run ends, as it fails too: what was merged before a
        // failure is kept, as a store opened in place keeps its commits. A store error on a first run leaves
        // nothing (`Store.fresh` cannot roll back), and the next run starts over.
        func failing(_ error: RunError) -> RunError {
            try? store.finish()
            return error
        }
        var reports: [SourceReport]
        do { reports = try fetchAndMerge(store: store, options: options) } catch { throw failing(error) }
        let publication: PublishReport
        do {
            let input = try Publication.input(configuration: configuration, store: store, now: options.now)
            var visible = Set(input.allItems.map(\.key))
            for items in input.itemsByCategory.values { visible.formUnion(items.map(\.key)) }
            // Rendering reads nothing from the store: a first run's store is pruned and goes to disk meanwhile.
            try store.seal(pruning: visible, before: horizon)
            let memo = PublishMemo(
                inputDigest: Publication.digest(configuration: configuration, input: input),
                file: (cache as NSString).appendingPathComponent(CacheFile.publication))
            publication = try Publisher.publish(input, memo: memo)
        } catch let error as PublishError {
            throw failing(.publish(error))
        } catch let error as StoreError {
            throw failing(.store(error))
        } catch {
            throw failing(.cacheUnusable(path: cache, reason: "\(error)"))
        }
        do { try store.finish() } catch { throw .store(error) }
        reports.sort { $0.id < $1.id }
        var hubErrors: [String] = []
        if let hub = configuration.site.publishing.hub {
            // Only feeds whose bytes changed: an unchanged file is not news to anyone.
            let changed = publication.written.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".atom") || $0.hasSuffix(".json") }
            hubErrors = WebSubPing.publish(hub: hub, urls: changed.map { site.baseURL + $0 }, settings: site.fetch)
        }
        let report = RunReport(
            started: started, finished: Date(), sources: reports, filesWritten: publication.written,
            filesUnchanged: publication.unchanged.count, filesRemoved: publication.removed, hubErrors: hubErrors)
        RunReportFile.write(report, to: (cache as NSString).appendingPathComponent(CacheFile.report))
        return report
    }

    private func fetchAndMerge(store: Store, options: RunOptions) throws(RunError) -> [SourceReport] {
        let schedule = Schedule(now: options.now, force: options.force)
        var states: [String: SourceState] = [:]
        do {
            for state in try store.sourceStates() { states[state.sourceID] = state }
        } catch { throw .store(error) }

        var reports: [SourceReport] = []
        var due: [(source: SourceSettings, request: FetchRequest, configHash: String)] = []
        for source in configuration.sources {
            let state = states[source.id]
            let hash = Self.configHash(source)
            guard schedule.isDue(source, state: state, configHash: hash) else {
                var report = SourceReport(id: source.id, name: source.name, location: source.location, status: state?.gone == true ? .gone : .skipped)
                report.nextDue = state?.nextDue
                reports.append(report)
                continue
            }
            let sameConfig = state?.configHash == hash
            let request = FetchRequest(
                sourceID: source.id,
                location: (sameConfig ? state?.permanentRedirect : nil) ?? source.location,
                etag: sameConfig ? state?.etag : nil,
                lastModified: sameConfig ? state?.lastModified : nil,
                allowPrivateNetworks: source.allowPrivateNetworks || configuration.site.fetch.allowPrivateNetworks)
            due.append((source, request, hash))
        }

        let ingest = Ingest(
            store: store, merger: Self.merger(configuration), schedule: schedule, router: try Self.router(configuration),
            categories: Set(configuration.categories.map(\.slug)))
        // Each body is parsed as soon as it arrives, on a worker thread, and merged on this thread while the
        // worker parses the next: memory stays bounded by a few bodies at a time, however many sources there are.
        // Sources are committed in batches (a commit at least every second): one commit per source was a quarter
        // of a cold run on 1,000 feeds. A store error rolls the open batch back, and the run stops.
        var failure: StoreError?
        var done = 0
        do { try store.beginBatch() } catch { throw .store(error) }
        // Up to 128 sources parsed ahead, 16 of them fetched, and 32 MB of their bodies: with 4, the threads took
        // turns waiting for each other on a run of costly sources (each busy ~75% of a cold run over 1,000 feeds); 16
        // took 0.3 s off it for 7 MB; 128 local files another 0.1 s (the parsing thread was still idle a tenth of
        // the run) for 8 MB more. Fetched bodies are held from the moment they arrive: with more than 16 of them, a
        // cold run fetching 1,000 feeds from a local server was no faster and peaked at 175-200 MB instead of
        // 124 MB. The bytes bound what a few sources at the 16 MB cap would hold.
        let parser = ParseAhead(limit: 128, fetchedLimit: 16, byteLimit: 32 << 20)
        let preparer = ingest.preparer
        func merge(_ index: Int, _ prepared: ParsedOutcome) {
            defer { parser.discard(prepared) }
            guard failure == nil else { return }
            let (source, _, configHash) = due[index]
            let previous = states[source.id] ?? SourceState(sourceID: source.id, location: source.location)
            do {
                reports.append(try ingest.process(prepared, source: source, previous: previous, configHash: configHash))
                if (store.batchAge ?? 0) > 1 {
                    try store.commitBatch()
                    try store.beginBatch()
                }
            } catch let error as StoreError {
                failure = error
            } catch {
                failure = .sql(path: store.path, message: "\(error)", statement: "merge")
            }
        }
        func submit(_ index: Int, _ body: ParseAhead.Job.Body) {
            done += 1
            options.progress?(done, due.count)
            guard failure == nil else { return }
            let (source, _, configHash) = due[index]
            let previous = states[source.id] ?? SourceState(sourceID: source.id, location: source.location)
            parser.submit(ParseAhead.Job(index: index, body: body, source: source, previous: previous, configHash: configHash, preparer: preparer))
            while parser.isFull, let (index, prepared) = parser.next() { merge(index, prepared) }
            while let (index, prepared) = parser.ready() { merge(index, prepared) }
        }
        // A local file is read on the worker, with its hash and parse.
        // NOTE: files read before were read here instead, while the worker hashed the one before (a warm run took
        // 0.16 s against 0.20 s then). With bodies hashed four lanes at a time, warm runs are no slower read on the
        // worker (0.06-0.07 s); and when they had all changed, a run over 1,000 feeds took 0.92 s instead of 1.01 s.
        Fetcher(settings: configuration.site.fetch).fetchEach(due.map(\.request), localFiles: { submit($0, .local($1)) }) { submit($0, .fetched($1)) }
        parser.close()
        while let (index, prepared) = parser.next() { merge(index, prepared) }
        if let failure {
            store.rollbackBatch()
            throw .store(failure)
        }
        do { try store.commitBatch() } catch { throw .store(error) }
        return reports
    }

    static func merger(_ configuration: Configuration) -> Merger {
        let dedupe = configuration.site.dedupe
        return Merger(
            settings: MergeSettings(titleThreshold: dedupe.threshold, window: dedupe.window, extraTrackingParameters: Set(dedupe.trackingParameters)),
            priorities: Dictionary(configuration.sources.map { ($0.id, $0.priority) }, uniquingKeysWith: min))
    }

    /// The match and exclude rules of feeds.conf, in the order they apply.
    static func router(_ configuration: Configuration) throws(RunError) -> Router {
        var rules: [RoutingRule] = []
        if let exclude = configuration.site.exclude { rules.append(RoutingRule(scope: .everySource, pattern: exclude.pattern, origin: exclude.origin)) }
        for source in configuration.sources {
            if let exclude = source.exclude { rules.append(RoutingRule(scope: .source(source.id), pattern: exclude.pattern, origin: exclude.origin)) }
        }
        for category in configuration.categories {
            if let match = category.match { rules.append(RoutingRule(scope: .addTo(category.slug), pattern: match.pattern, origin: match.origin)) }
            if let exclude = category.exclude { rules.append(RoutingRule(scope: .keepOutOf(category.slug), pattern: exclude.pattern, origin: exclude.origin)) }
        }
        do { return try Router(rules: rules) } catch {
            throw .configuration(.invalid([ConfigProblem(file: configuration.path, line: 0, message: error.description)]))
        }
    }

    /// What identifies a source's configuration: a change clears `gone` and the remembered redirect.
    static func configHash(_ source: SourceSettings) -> String {
        StableHash.hex([source.location, source.name, source.categories.joined(separator: ",")].joined(separator: "\u{1F}"))
    }
}
