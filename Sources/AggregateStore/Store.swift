import AggregateModel
import Foundation

/// The SQLite file under the cache folder: items, their identities, source state.
public final class Store {
    private let db: SQLiteDatabase
    public let path: String
    private lazy var statements = StatementCache(db: db)
    private let decoder = JSONDecoder()
    /// The title words of the items, read on first use (see `TitleIndex`); nil until then, and after a rollback.
    private var titleIndex: TitleIndex?

    private func loadedTitleIndex() throws(StoreError) -> TitleIndex {
        if let titleIndex { return titleIndex }
        let index = TitleIndex()
        index.beginLoading()
        defer { index.finishLoading() }
        _ = try statements["SELECT key, date, source_id, title_norm, title_words FROM items"].query { row in
            index.add(key: row.text(0) ?? "", date: row.real(1) ?? 0, sourceID: row.text(2) ?? "", title: row.text(3) ?? "", joinedWords: row.text(4) ?? "")
        }
        titleIndex = index
        return index
    }

    /// Where `finish` puts a store made by `fresh`; nil for a store opened in place, and once finished.
    private var finalPath: String?

    /// For a store made by `fresh`: every category an item was saved under. Its rows are found by their primary key
    /// (category, date, key) until `seal` builds `item_categories_by_key` (see `deleteCategories`).
    private var savedCategories: Set<String> = []

    /// For a store made by `fresh`: every identity saved, hashed. Most identities a first run looks up were
    /// never saved, and this says so without a query (80,000 queries on a first run over 1,000 feeds); one it
    /// holds is looked up in the table, so a hash shared by two identities costs a query, never a wrong answer.
    // NOTE: read for every identity saved and looked up, on the store's one thread: no dynamic exclusivity check.
    @exclusivity(unchecked) private var savedIdentities: Set<Int>?

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, finalPath: nil)
    }

    private init(path: String, finalPath: String?) throws(StoreError) {
        self.path = path
        self.finalPath = finalPath
        savedIdentities = finalPath == nil ? nil : []
        db = try SQLiteDatabase(path: path)
        // NOTE: with the file written back as it grows, a first run over 1,000 feeds ended its last sync ~60 ms
        // earlier, and before the outputs were rendered (the run no longer waited for it).
        if finalPath != nil { writeback = Writeback(path: path) }
        do {
            // A store made by `fresh` has no journal: each page is written once, into the file (with a log, a
            // checkpoint copied every page a second time: 0.17 s of a cold run over 1,000 feeds). Nothing can be
            // rolled back then; a failure abandons the whole build instead (`abandon`).
            let journal = finalPath == nil ? "journal_mode=WAL; PRAGMA synchronous=NORMAL" : "journal_mode=OFF; PRAGMA synchronous=OFF"
            // A 64 MiB page cache in place: the store is read at every merge, and with SQLite's default 2 MiB each
            // page came back through read(2) and the log (measured: a fifth of a cold run on 1,000 feeds). A fresh
            // store keeps 16 MiB: without a log, the pages it wrote come back from the file cheaply (a cold run
            // over 1,000 feeds as fast as with 64 MiB, and 50 MB smaller; 8 MiB was slower). No mmap: mapped
            // pages count in the resident size, which must stay small.
            let cacheKiB = finalPath == nil ? 65_536 : 16_384
            // Foreign keys are kept by `prune`, the only delete of items, and checked by `integrityProblem`:
            // enforced, every category row saved looked its item up again, and every item saved searched for
            // category rows to adopt (a tenth of the store's work in a cold run). Debian builds SQLite to
            // overwrite what is deleted with zeros; what is deleted here is public feed content.
            // 32 KiB pages for a new store: since an item's JSON has a table of its own, larger pages hold it with
            // less slack and fewer writes. A first run over 1,000 feeds: 1.22 -> 1.17 s, the file 244 -> 222 MB;
            // a run in place with 100 changed sources no slower (16 KiB had been best while `items` held the JSON).
            try db.execute("PRAGMA page_size=32768; PRAGMA \(journal); PRAGMA foreign_keys=OFF; PRAGMA cache_size=-\(cacheKiB); PRAGMA temp_store=MEMORY; PRAGMA secure_delete=OFF;")
            try migrate()
            try db.execute("PRAGMA cache_size=-\(cacheKiB)")
            if finalPath != nil { try db.execute(Self.deferredIndexes.map { "DROP INDEX \($0.name);" }.joined()) }
        } catch {
            throw Self.explain(error, path: path)
        }
    }

    deinit { writeback?.stop() }

    /// A store that does not exist yet, made in one go (a first run): built under a temporary name beside
    /// `path` without a journal and without waiting for the disk, and put in place whole by `finish`. Until
    /// then nothing is at `path`; a run killed before leaves only the temporary file, which the next `fresh`
    /// removes. A failed transaction cannot be rolled back: it abandons the build (the next run starts over).
    /// NOTE: waiting for the disk at every commit and checkpoint was a tenth of a cold run over 1,000 feeds.
    ///
    /// New items dated before `settingAsideBefore` are kept out of the tables (see `AsideItems`) until `seal`,
    /// which writes those it is not asked to prune: give the date the run will prune before.
    public static func fresh(path: String, settingAsideBefore horizon: Date? = nil) throws(StoreError) -> Store {
        let building = path + ".new"
        try removeIfPresent([building, building + "-wal", building + "-shm"])
        let store = try Store(path: building, finalPath: path)
        store.aside = horizon.flatMap { AsideItems(store: building, before: $0.timeIntervalSince1970) }
        return store
    }

    private static func removeIfPresent(_ files: [String]) throws(StoreError) {
        for file in files where unlink(file) != 0 && errno != ENOENT {
            throw .cannotOpen(path: file, reason: String(cString: strerror(errno)))
        }
    }

    /// For a store made by `fresh`: the file synced to disk and renamed into place. The store cannot be used
    /// after. Does nothing for a store opened in place, or abandoned.
    public func finish() throws(StoreError) {
        guard let finalPath else { return }
        if sealing == nil { try seal() }
        guard let sealing else { return }
        sealing.done.wait()
        self.finalPath = nil
        if let error = sealing.error { throw error }
        // No log may pair with the file where it lands: neither one SQLite left here nor one left at the final
        // name (a command that opened a store there while this run was building).
        try Self.removeIfPresent([path + "-wal", path + "-shm", finalPath + "-wal", finalPath + "-shm"])
        guard rename(path, finalPath) == 0 else {
            throw .cannotOpen(path: finalPath, reason: String(cString: strerror(errno)))
        }
        try? Self.sync((finalPath as NSString).deletingLastPathComponent, folder: true)
    }

    /// For a store made by `fresh`, the first half of `finish`: on another thread, while the caller goes on, the
    /// deferred indexes are built, the store closed and its file written to disk; `finish` waits for it and puts
    /// the file in place. The store cannot be used after. Does nothing for a store opened in place.
    /// NOTE: a first run renders its outputs meanwhile; waiting for the disk (0.1 s over 1,000 feeds) came after.
    public func seal() throws(StoreError) {
        try seal(deleting: [])
    }

    /// `prune`, then `seal`. For a store made by `fresh`, the sealing job deletes the items, before it builds the
    /// deferred indexes (over fewer rows), while the caller goes on; a store opened in place prunes here, in a
    /// transaction, and stays open. Returns how many items go.
    /// NOTE: a first run over 1,000 feeds prunes ~5,700 of the items it saved: 65 ms of the merging thread, waited
    /// for before rendering could start.
    @discardableResult
    public func seal(pruning visible: Set<String>, before date: Date) throws(StoreError) -> Int {
        guard finalPath != nil, sealing == nil else {
            do {
                return try transaction { try prune(visible: visible, before: date) }
            } catch let error as StoreError {
                throw error
            } catch {
                throw .sql(path: path, message: "\(error)", statement: "prune")
            }
        }
        let doomed = try prunable(visible: visible, before: date)
        try seal(deleting: doomed)
        return doomed.count
    }

    private func seal(deleting doomed: [String]) throws(StoreError) {
        guard finalPath != nil, sealing == nil else { return }
        writeback?.stop()
        statements.removeAll()
        // The connection is the job's from here: nothing uses the store again until `finish` waits for the job.
        let job = SyncJob(db: db)
        sealing = job
        // Items set aside are written now, unless pruned: they never were in the tables.
        job.aside = aside
        aside = nil
        let pruned = Set(doomed.filter { job.aside?.contains($0) ?? false })
        let doomed = doomed.filter { !pruned.contains($0) }.map { (key: $0, date: titleIndex?.date(of: $0)) }
        let categories = savedCategories
        job.asideKept = job.aside?.entries.keys.filter { !pruned.contains($0) }.sorted() ?? []
        // NOTE: freeing the title index of every item cost 85 million instructions on the run's thread, its very
        // last work in a cold run over 1,000 feeds. Nothing reads it after `seal`: the job, whose thread is done
        // once it has signalled, lets it go then, while the run writes its report (and may end first).
        job.titleIndex = titleIndex
        titleIndex = nil
        DispatchQueue.global().async { [path] in
            do throws(StoreError) {
                if let aside = job.aside, !job.asideKept.isEmpty {
                    let rows = StatementCache(db: job.db)
                    try job.db.execute("BEGIN")
                    for key in job.asideKept {
                        guard let entry = aside.entries[key], let data = try aside.data(key) else { continue }
                        _ = try Self.insert(key: key, entry.row, data: data, into: rows, db: job.db)
                    }
                    try job.db.execute("COMMIT")
                    rows.removeAll()
                }
                if !doomed.isEmpty {
                    // The category rows by their primary key: `item_categories_by_key` is built after.
                    let rows = StatementCache(db: job.db)
                    try job.db.execute("BEGIN")
                    for (key, date) in doomed { try Self.deleteItem(key, dated: date, under: categories, in: rows) }
                    try job.db.execute("COMMIT")
                    rows.removeAll()
                }
                // The pages written so far (all but the indexes') go to disk on another thread while the indexes are
                // built: the final sync has only those left to write.
                // NOTE: writing the 300 MB of a first run over 1,000 feeds took the sync 85 ms, after the indexes' 80 ms
                // (1.67 -> 1.62 s). Started before the prune, it slowed the prune's rewrites of pages being written.
                let early = DispatchSemaphore(value: 0)
                DispatchQueue.global().async {
                    try? Self.sync(path)
                    early.signal()
                }
                defer { early.wait() }
                try job.db.execute(Self.deferredIndexes.map(\.sql).joined())
                // Built without a journal: every committed page is already in the file, none in a log. The file
                // is marked for WAL as every store is, and nothing may be open on it when it is synced and moved.
                let mode = try job.db.prepare("PRAGMA journal_mode=WAL").query { row in row.text(0) ?? "" }
                guard mode == ["wal"] else {
                    throw .sql(path: path, message: "the store could not be put in WAL mode (it says \(mode))", statement: "PRAGMA journal_mode=WAL")
                }
                job.db.close()
                try Self.sync(path)
            } catch {
                job.db.close()
                job.error = error
            }
            job.done.signal()
            job.titleIndex = nil
            job.aside = nil
        }
    }

    /// After `seal`, the connection is its job's.
    private func unsealed() throws(StoreError) {
        guard sealing == nil else { throw .sql(path: path, message: "the store is closed", statement: "BEGIN") }
    }

    /// Indexes a first run builds at `seal`, from the whole table at once, instead of at every item saved: nothing
    /// before that reads through them (the run's title index knows every item's date), and each was 0.6% of a
    /// cold run's instructions. The statements are the migrations' own.
    static let deferredIndexes: [(name: String, sql: String)] = [
        ("items_by_date", "CREATE INDEX items_by_date ON items(date, key);"),
        // NOTE: kept up to date at every save, it made each category row cost two random inserts (a first run over
        // 1,000 feeds: 1.28 -> 1.26 s without). Until it is built, an item's rows are deleted by their primary key.
        ("item_categories_by_key", "CREATE INDEX item_categories_by_key ON item_categories(key);"),
    ]

    /// What `seal` started: the indexes, the sync. `error` is written before `done` is signalled and read after it
    /// is waited for; `db` and `titleIndex` are used by the job alone.
    private final class SyncJob: @unchecked Sendable {
        let db: SQLiteDatabase
        var error: StoreError?
        /// The store's, freed on the job's thread after `done`.
        var titleIndex: TitleIndex?
        /// The items set aside, and the keys of those to write (the others are pruned).
        var aside: AsideItems?
        var asideKept: [String] = []
        let done = DispatchSemaphore(value: 0)

        init(db: SQLiteDatabase) { self.db = db }
    }

    private var sealing: SyncJob?
    /// For a store made by `fresh`, until `seal`: the new items set aside (see `fresh(path:settingAsideBefore:)`).
    private var aside: AsideItems?
    private var writeback: Writeback?

    private static func sync(_ path: String, folder: Bool = false) throws(StoreError) {
        let file = open(path, (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC)
        guard file >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(file) }
        guard fsync(file) == 0 else { throw .cannotOpen(path: path, reason: "could not write it to disk: " + String(cString: strerror(errno))) }
    }

    /// A file that is not SQLite shows up as an error on the first statement; say so plainly.
    private static func explain(_ error: StoreError, path: String) -> StoreError {
        if case .sql(_, let message, _) = error,
           message.contains("not a database") || message.contains("malformed") || message.contains("corrupt") {
            return .corrupt(path: path, detail: message)
        }
        return error
    }

    private func migrate() throws(StoreError) {
        let current = try db.prepare("PRAGMA user_version").query { row in row.integer(0) ?? 0 }.first ?? 0
        if current > Schema.version {
            throw .newerSchema(path: path, found: current, supported: Schema.version)
        }
        guard current < Schema.version else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            for step in Schema.migrations[current...] { try db.execute(step) }
            try db.execute("PRAGMA user_version = \(Schema.version)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        // Step 3 copies every item's JSON before the old table goes: the file kept the old table's pages free
        // (295 -> 472 MB for 1,000 feeds). Given back once; `items` and `item_data` name their ids, which VACUUM keeps.
        // Its copy goes to a temporary file, with a small cache: with the run's temporary store in memory and its
        // 64 MiB cache, the process grew to 334 MB for 1,000 feeds (14 MB so). The caller sets its cache again.
        if current > 0 && current < 3 { try db.execute("PRAGMA temp_store=FILE; PRAGMA cache_size=-2048; VACUUM; PRAGMA temp_store=MEMORY;") }
    }

    /// Runs `body` in one transaction: all of it is stored, or none. Inside a batch, a failing body rolls the
    /// whole batch back (everything since `beginBatch`) and ends it: the caller stops, as a run does on any
    /// store error, or begins a new batch.
    ///
    /// NOTE: a savepoint per body (one per source) kept the batch going instead, but no caller went on after a
    /// failure, and in WAL mode a savepoint copies every page it changes that existed before it into an
    /// in-memory sub-journal, freed at its release: 16 KB per index leaf touched, 0.6 s of the merging thread
    /// in a cold run over 1,000 feeds.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let inBatch = batchStarted != nil
        if !inBatch {
            try unsealed()
            try db.execute("BEGIN IMMEDIATE")
        }
        do {
            let value = try body()
            if !inBatch { try db.execute("COMMIT") }
            return value
        } catch {
            if inBatch { rollbackBatch() } else { rollback() }
            throw error
        }
    }

    private var batchStarted: Date?

    /// Groups the following transactions into one commit, which `commitBatch` makes. A killed run loses the
    /// uncommitted batch whole, never part of a unit: the next run redoes it.
    public func beginBatch() throws(StoreError) {
        guard batchStarted == nil else { return }
        try unsealed()
        try db.execute("BEGIN IMMEDIATE")
        batchStarted = Date()
    }

    /// Seconds since the batch began, or nil outside a batch.
    public var batchAge: TimeInterval? { batchStarted.map { Date().timeIntervalSince($0) } }

    public func commitBatch() throws(StoreError) {
        guard batchStarted != nil else { return }
        batchStarted = nil
        try db.execute("COMMIT")
    }

    public func rollbackBatch() {
        guard batchStarted != nil else { return }
        batchStarted = nil
        rollback()
    }

    private func rollback() {
        titleIndex = nil
        guard finalPath == nil else { return abandon() }
        try? db.execute("ROLLBACK")
    }

    /// A store made by `fresh` that failed: closed and its file removed, nothing put in place.
    private func abandon() {
        finalPath = nil
        aside = nil
        writeback?.stop()
        statements.removeAll()
        db.close()
        try? Self.removeIfPresent([path, path + "-wal", path + "-shm"])
    }

    /// The statements that made the store's tables and indexes, in name order (tests compare stores built both ways).
    func schema() throws(StoreError) -> [String] {
        try statements["SELECT name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY name"].query { row in row.text(0) ?? "" }
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: nil when the file is sound, else what SQLite found.
    public func integrityProblem() throws(StoreError) -> String? {
        try unsealed()
        var rows = try db.prepare("PRAGMA integrity_check").query { row in row.text(0) ?? "" }
        if rows == ["ok"] { rows = [] }
        let orphans = try db.prepare("PRAGMA foreign_key_check").query { row in row.text(0) ?? "" }
        for table in Set(orphans).sorted() {
            rows.append("\(orphans.filter { $0 == table }.count) rows of \(table) belong to no item")
        }
        return rows.isEmpty ? nil : rows.joined(separator: "; ")
    }

    // MARK: Sources

    public func sourceStates() throws(StoreError) -> [SourceState] {
        try statements["SELECT \(SourceColumns.list) FROM sources ORDER BY id"].query { row in SourceColumns.read(row) }
    }

    public func sourceState(id: String) throws(StoreError) -> SourceState? {
        try statements["SELECT \(SourceColumns.list) FROM sources WHERE id = ?"].query([.text(id)]) { row in SourceColumns.read(row) }.first
    }

    public func save(_ state: SourceState) throws(StoreError) {
        try statements["INSERT OR REPLACE INTO sources (\(SourceColumns.list)) VALUES (\(SourceColumns.placeholders))"]
            .run(SourceColumns.values(state))
    }

    // MARK: Items

    /// The item an identity already points at.
    public func key(for identity: ItemIdentity) throws(StoreError) -> String? {
        if let savedIdentities, !savedIdentities.contains(Self.hash(identity)) { return nil }
        return try statements[literal: "SELECT key FROM identities WHERE kind = ? AND value = ?"]
            .query([.text(identity.kind.rawValue), .text(identity.value)]) { row in row.text(0) }.first ?? nil
    }

    /// The identity's bytes hashed (SQLite compares them as bytes; String hashing would normalize Unicode first).
    private static func hash(_ identity: ItemIdentity) -> Int {
        // On the Strings' own bytes where they have them: copies to lend them were a retain and a release each.
        func hash(_ text: String, seed: UInt64) -> UInt64 {
            text.utf8.withContiguousStorageIfAvailable { ByteHash.hash(UnsafeRawBufferPointer($0), seed: seed) }
                ?? Array(text.utf8).withUnsafeBytes { ByteHash.hash($0, seed: seed) }
        }
        return Int(truncatingIfNeeded: hash(identity.value, seed: hash(identity.kind.rawValue, seed: 0)))
    }

    /// A new item as `save(new:)` stores it (its JSON, its row, its title words as the store keeps them): made
    /// beforehand, on any thread.
    /// NOTE: a class, and all the merging thread needs of a new item: the item itself, copied there (to be saved),
    /// retained and released its ~25 references, objects the parsing thread made and frees, so that each count moved
    /// between the two cores and back (3% of a cold run's reference-count calls).
    public final class Encoded: Sendable {
        let data: [UInt8]
        let key: String
        let row: ItemRow

        init(data: [UInt8], key: String, row: ItemRow) {
            self.data = data
            self.key = key
            self.row = row
        }
    }

    /// `save(new:)`'s columns of a new item with this content hash, normalized title and title words: safe on any thread.
    public static func encode(_ item: Item, contentHash: String, normalizedTitle: String, titleWords: [String]) -> Encoded {
        Encoded(data: ItemJSON.encode(item), key: item.key, row: row(of: item, contentHash: contentHash, normalizedTitle: normalizedTitle, titleWords: TitleIndex.joined(titleWords)))
    }

    private static func row(of item: Item, contentHash: String, normalizedTitle: String, titleWords: String) -> ItemRow {
        // Each category once, the first of equal ones kept, as a Set of them did (1,300 instructions an item to make).
        var categories: [String] = []
        for category in item.categories where !categories.contains(category) { categories.append(category) }
        return ItemRow(
            sourceID: item.provenance.source.sourceID, date: item.displayDate.timeIntervalSince1970, contentHash: contentHash,
            normalizedTitle: normalizedTitle, titleWords: titleWords, categories: categories)
    }

    /// An item as `save` stores it: safe on any thread.
    public static func encode(_ item: Item) -> [UInt8] { ItemJSON.encode(item) }

    /// How many stored titles hold each word (words no title holds are left out).
    public func wordFrequencies(_ words: [String]) throws(StoreError) -> [String: Int] {
        try loadedTitleIndex().frequencies(words)
    }

    /// `wordFrequencies` by position: how many stored titles hold `words[i]`, nil for none.
    public func titleCounts(_ words: [String]) throws(StoreError) -> [Int?] {
        try loadedTitleIndex().counts(words)
    }

    /// The same, with `keys[i]` the `CanonicalWord` of `words[i]`, made beforehand: saved next under these words,
    /// the item's title is indexed without looking the words up again.
    public func titleCounts(_ words: [String], keys: [CanonicalWord]) throws(StoreError) -> [Int?] {
        try loadedTitleIndex().counts(words, keys: keys)
    }

    /// Items dated within `range` whose titles hold `word`, newest first, at most `limit`.
    public func titleCandidates(containing word: String, dated range: ClosedRange<Date>, limit: Int) throws(StoreError) -> [TitleCandidate] {
        try loadedTitleIndex().candidates(
            containing: word, dated: range.lowerBound.timeIntervalSince1970...range.upperBound.timeIntervalSince1970, limit: limit)
    }

    /// Items dated within `range`, from another source than `excludingSource`, found under the first `needed` of
    /// `words` (`perWord` each, as `titleCandidates` lists them) and indexed under at least `needed` of `words`;
    /// those indexed under the most of them first, then the greater key; at most `keep`.
    public func rankedTitleCandidates(
        words: [String], needed: Int, dated range: ClosedRange<Date>, excludingSource: String, perWord: Int, keep: Int
    ) throws(StoreError) -> [TitleCandidate] {
        try loadedTitleIndex().ranked(
            words: words, needed: needed, dated: range.lowerBound.timeIntervalSince1970...range.upperBound.timeIntervalSince1970,
            excludingSource: excludingSource, perWord: perWord, keep: keep)
    }

    /// The key of the best of `rankedTitleCandidates` by `score` of a candidate's kept form and normalized title (nil:
    /// not a match), the first in rank order of equal scores; nil when none scores above 0. The candidates are scored
    /// where the index keeps them, without copies.
    public func bestTitleCandidate(
        words: [String], needed: Int, dated range: ClosedRange<Date>, excludingSource: String, perWord: Int, keep: Int,
        score: HeadlineScore
    ) throws(StoreError) -> String? {
        try loadedTitleIndex().best(
            words: words, needed: needed, dated: range.lowerBound.timeIntervalSince1970...range.upperBound.timeIntervalSince1970,
            excludingSource: excludingSource, perWord: perWord, keep: keep, score: score)
    }

    public func item(key: String) throws(StoreError) -> StoredItem? {
        if let aside, let data = try aside.data(key), let entry = aside.entries[key] {
            return StoredItem(item: try decode(data, key: key), contentHash: entry.row.contentHash)
        }
        let rows = try statements[literal: "SELECT d.data, i.content_hash FROM items i JOIN item_data d ON d.id = i.id WHERE i.key = ?"].query([.text(key)]) { row in
            (row.blob(0), row.text(1) ?? "")
        }
        guard let (data, hash) = rows.first else { return nil }
        return StoredItem(item: try decode(data, key: key), contentHash: hash)
    }

    /// Inserts or replaces an item with its categories, and adds identities and title words that point at it.
    /// `isNew` says the key was never saved before, which spares the clean-up of its previous rows. `headlineForm`,
    /// `normalizedTitle` made ready for comparison, is kept in memory with the title words (see `HeadlineForm`).
    public func save(
        _ stored: StoredItem, identities: [ItemIdentity], titleWords: [String], normalizedTitle: String, isNew: Bool = false,
        headlineForm: (any HeadlineForm)? = nil
    ) throws(StoreError) {
        let item = stored.item
        let row = Self.row(of: item, contentHash: stored.contentHash, normalizedTitle: normalizedTitle, titleWords: TitleIndex.joined(titleWords))
        try save(
            key: item.key, row: row, data: ItemJSON.encode(item), identities: identities, titleWords: titleWords, normalizedTitle: normalizedTitle,
            isNew: isNew, headlineForm: headlineForm)
    }

    /// Saves a new item as `encode` made it (on another thread), with these identities and title words.
    public func save(
        new encoded: Encoded, identities: [ItemIdentity], titleWords: [String], normalizedTitle: String, headlineForm: (any HeadlineForm)? = nil
    ) throws(StoreError) {
        try save(
            key: encoded.key, row: encoded.row, data: encoded.data, identities: identities, titleWords: titleWords,
            normalizedTitle: normalizedTitle, isNew: true, headlineForm: headlineForm)
    }

    private func save(
        key: String, row: ItemRow, data: [UInt8], identities: [ItemIdentity], titleWords: [String], normalizedTitle: String, isNew: Bool,
        headlineForm: (any HeadlineForm)?
    ) throws(StoreError) {
        let index = try loadedTitleIndex()
        let categories = row.categories
        if finalPath != nil { savedCategories.formUnion(categories) }
        var isNew = isNew
        if let aside, aside.contains(key) || (isNew && row.date < aside.before && !index.contains(key: key)) {
            if row.date < aside.before {
                index.add(key: key, date: row.date, sourceID: row.sourceID, title: normalizedTitle, words: titleWords, form: headlineForm)
                try aside.put(key: key, row, data: data)
                return try addIdentities(identities, key: key)
            }
            // Dated since the horizon now: into the tables, where it never was.
            aside.remove(key)
            isNew = true
        }
        var inserted = false
        if isNew { inserted = try Self.insert(key: key, row, data: data, into: statements, db: db) }
        if !inserted { try update(key: key, row, data: data) }
        index.add(
            key: key, date: row.date, sourceID: row.sourceID, title: normalizedTitle, words: titleWords, form: headlineForm,
            categories: categories)
        try addIdentities(identities, key: key)
    }

    /// The rows of an item already in the store, replaced.
    private func update(key: String, _ row: ItemRow, data: [UInt8]) throws(StoreError) {
        let saved = titleIndex?.saved(key)
        try statements[literal: "INSERT INTO items (key, source_id, date, content_hash, title_norm, title_words) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET source_id = excluded.source_id, date = excluded.date, content_hash = excluded.content_hash, title_norm = excluded.title_norm, title_words = excluded.title_words"]
            .run(row.values(key: key))
        try statements[literal: "INSERT OR REPLACE INTO item_data (id, data) SELECT id, ? FROM items WHERE key = ?"].run([.blob(data), .text(key)])
        // Kept date, and every category it had still its own (a duplicate credited on it): its rows stay, and those of
        // the categories it gains are added. Deleted under every category and written again, they were a quarter of a
        // duplicate's cost on the merging thread.
        if let saved, saved.date == row.date, let before = saved.categories, before.allSatisfy(row.categories.contains) {
            var added = row
            added.categories = row.categories.filter { !before.contains($0) }
            return try Self.insertCategories(of: key, added, into: statements, db: db)
        }
        try Self.deleteCategories(of: key, dated: finalPath == nil ? nil : saved?.date, under: savedCategories, in: statements)
        try Self.insertCategories(of: key, row, into: statements, db: db)
    }

    /// Deletes the category rows of the item saved under `key`. With its `date`, by their primary key, under each of
    /// `categories` (every category an item was saved under): in a store made by `fresh`, `seal` builds
    /// `item_categories_by_key`, and a search by key alone before would read the whole table.
    private static func deleteCategories(of key: String, dated date: Double?, under categories: Set<String>, in statements: StatementCache) throws(StoreError) {
        guard let date else {
            return try statements[literal: "DELETE FROM item_categories WHERE key = ?"].run([.text(key)])
        }
        for category in categories {
            try statements[literal: "DELETE FROM item_categories WHERE category = ? AND date = ? AND key = ?"].run([.text(category), .real(date), .text(key)])
        }
    }

    /// The rows of an item not in the store: the item's, its JSON under the id the row was given, one per category.
    /// False, and nothing written, when the key is there already.
    private static func insert(key: String, _ row: ItemRow, data: [UInt8], into statements: StatementCache, db: SQLiteDatabase) throws(StoreError) -> Bool {
        try statements[literal: "INSERT OR IGNORE INTO items (key, source_id, date, content_hash, title_norm, title_words) VALUES (?, ?, ?, ?, ?, ?)"]
            .run(row.values(key: key))
        guard db.changes == 1 else { return false }
        try statements[literal: "INSERT OR REPLACE INTO item_data (id, data) VALUES (last_insert_rowid(), ?)"].run([.blob(data)])
        try insertCategories(of: key, row, into: statements, db: db)
        return true
    }

    private static func insertCategories(of key: String, _ row: ItemRow, into statements: StatementCache, db: SQLiteDatabase) throws(StoreError) {
        let categories = row.categories
        var next = 0
        while categories.count - next >= 2 {
            // Two to a statement, as identities. OR IGNORE, so that no row can abort the statement (which would need a
            // statement journal), and a row already there is an error all the same, as it is for one row alone.
            try statements[literal: "INSERT OR IGNORE INTO item_categories (category, date, key, source_id) VALUES (?, ?, ?, ?), (?, ?, ?, ?)"]
                .run([.text(categories[next]), .real(row.date), .text(key), .text(row.sourceID), .text(categories[next + 1]), .real(row.date), .text(key), .text(row.sourceID)])
            guard db.changes == 2 else {
                throw .sql(path: db.path, message: "UNIQUE constraint failed: item_categories.category, item_categories.date, item_categories.key", statement: "INSERT INTO item_categories")
            }
            next += 2
        }
        if next < categories.count {
            try statements[literal: "INSERT INTO item_categories (category, date, key, source_id) VALUES (?, ?, ?, ?)"]
                .run([.text(categories[next]), .real(row.date), .text(key), .text(row.sourceID)])
        }
    }

    /// Points identities at an existing item (those already taken keep their item).
    public func addIdentities(_ identities: [ItemIdentity], key: String) throws(StoreError) {
        if savedIdentities != nil {
            for identity in identities { savedIdentities?.insert(Self.hash(identity)) }
        }
        // NOTE: two to a statement: most items bring two (a guid and a link), and a statement's own work (cursors
        // opened and closed, values bound and unbound) was a tenth of writing one (250 M instructions of identities
        // at 250 feeds, 231 M in pairs). OR IGNORE: no row can abort the statement, so several need no statement journal.
        var next = 0
        while identities.count - next >= 2 {
            let a = identities[next], b = identities[next + 1]
            try statements[literal: "INSERT OR IGNORE INTO identities (kind, value, key) VALUES (?, ?, ?), (?, ?, ?)"]
                .run([.text(a.kind.rawValue), .text(a.value), .text(key), .text(b.kind.rawValue), .text(b.value), .text(key)])
            next += 2
        }
        if next < identities.count {
            let identity = identities[next]
            try statements[literal: "INSERT OR IGNORE INTO identities (kind, value, key) VALUES (?, ?, ?)"]
                .run([.text(identity.kind.rawValue), .text(identity.value), .text(key)])
        }
    }

    /// The newest items of a category (or of every category when nil), newest first; at most `perSource` of
    /// one source, none dated before `since`.
    public func latestItems(category: String?, limit: Int, perSource: Int? = nil, since: Date? = nil) throws(StoreError) -> [Item] {
        try latestItems([LatestItems(category: category, limit: limit, perSource: perSource, since: since)])[0]
    }

    /// `latestItems` of each query, in order. An item several queries list is read once.
    public func latestItems(_ queries: [LatestItems]) throws(StoreError) -> [[Item]] {
        var read: [String: Item] = [:]
        var lists: [[Item]] = []
        for query in queries {
            var items: [Item] = []
            for key in try latestKeys(query) {
                if let item = read[key] {
                    items.append(item)
                // Every category row has its item (`prune` deletes them together).
                } else if let data = try data(key: key) {
                    let item = try decode(data, key: key)
                    read[key] = item
                    items.append(item)
                }
            }
            lists.append(items)
        }
        return lists
    }

    /// The JSON of the item saved under `key`.
    private func data(key: String) throws(StoreError) -> [UInt8]? {
        if let aside, let data = try aside.data(key) { return data }
        return try statements[literal: "SELECT d.data FROM items i JOIN item_data d ON d.id = i.id WHERE i.key = ?"].query([.text(key)]) { row in row.blob(0) }.first
    }

    private func latestKeys(_ query: LatestItems) throws(StoreError) -> [String] {
        let since = query.since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude
        let cap = query.category == nil ? Int.max : query.perSource ?? Int.max
        var keys: [String] = []
        var taken: [String: Int] = [:]
        // Whether more are wanted after this row.
        func take(_ key: String, source: String) -> Bool {
            if cap < Int.max {
                let rank = taken[source, default: 0] + 1
                taken[source] = rank
                if rank <= cap { keys.append(key) }
            } else {
                keys.append(key)
            }
            return keys.count < query.limit
        }
        // Items set aside, where the store's order puts them among the rows.
        let asideRows = aside?.listed(category: query.category, since: since) ?? []
        var nextAside = 0
        func takeAside(before row: (date: Double, key: String)?) -> Bool {
            while nextAside < asideRows.count {
                let next = asideRows[nextAside]
                if let row, !AsideItems.listedBefore((next.date, next.key), row) { break }
                nextAside += 1
                guard take(next.key, source: next.sourceID) else { return false }
            }
            return true
        }
        guard query.limit > 0 else { return [] }
        // Keys first, then the data of those kept: selecting the data in the ranking query copied every item of
        // the category, a few hundred MB on a cold run, into SQLite's sorters.
        if let category = query.category {
            // Newest first, as the category's key orders its rows, and only as far as needed: each source's rows come
            // in that order too, so the count so far is the row's rank within its source. (A window function ranking
            // every row of the category by source was most of a publication's store time.)
            try statements["SELECT key, date, source_id FROM item_categories WHERE category = ? AND date >= ? ORDER BY date DESC, key"]
                .scan([.text(category), .real(since)]) { row in
                    let key = row.text(0) ?? ""
                    return takeAside(before: (row.real(1) ?? 0, key)) && take(key, source: row.text(2) ?? "")
                }
        } else {
            try statements["SELECT key, date FROM items WHERE date >= ? ORDER BY date DESC, key LIMIT ?"]
                .scan([.real(since), .integer(query.limit)]) { row in
                    let key = row.text(0) ?? ""
                    return takeAside(before: (row.real(1) ?? 0, key)) && take(key, source: "")
                }
        }
        if keys.count < query.limit { _ = takeAside(before: nil) }
        return keys
    }

    /// Deletes items no output shows (`visible` holds every key published) and dated before `before`.
    /// Their identities stay, so that a source still listing one does not bring it back as new.
    @discardableResult
    public func prune(visible: Set<String>, before: Date) throws(StoreError) -> Int {
        let doomed = try prunable(visible: visible, before: before)
        for key in doomed {
            try Self.deleteItem(key, dated: finalPath == nil ? nil : titleIndex?.date(of: key), under: savedCategories, in: statements)
            aside?.remove(key)
            // Not loaded, the index will be read as the table is now.
            titleIndex?.remove(key: key)
        }
        return doomed.count
    }

    /// The keys `prune` deletes.
    private func prunable(visible: Set<String>, before: Date) throws(StoreError) -> [String] {
        try unsealed()
        // The title index, when a merge loaded it, holds every item's date: no need to read the whole table.
        let old: [String]
        if let titleIndex {
            old = titleIndex.keys(datedBefore: before.timeIntervalSince1970)
        } else {
            old = try statements["SELECT key FROM items WHERE date < ?"].query([.real(before.timeIntervalSince1970)]) { row in row.text(0) ?? "" }
        }
        return old.filter { !visible.contains($0) }
    }

    /// Deletes the rows of the item saved under `key`: its categories (see `deleteCategories`), its JSON (found
    /// through its row), its row.
    private static func deleteItem(_ key: String, dated date: Double?, under categories: Set<String>, in statements: StatementCache) throws(StoreError) {
        try deleteCategories(of: key, dated: date, under: categories, in: statements)
        try statements[literal: "DELETE FROM item_data WHERE id = (SELECT id FROM items WHERE key = ?)"].run([.text(key)])
        try statements[literal: "DELETE FROM items WHERE key = ?"].run([.text(key)])
    }

    /// Number of items each source is primary for.
    public func itemCountsBySource() throws(StoreError) -> [String: Int] {
        let rows = try statements["SELECT source_id, COUNT(*) FROM items GROUP BY source_id"].query { row in
            (row.text(0) ?? "", row.integer(1) ?? 0)
        }
        return Dictionary(rows + (aside?.entries.values.map { ($0.row.sourceID, 1) } ?? []), uniquingKeysWith: +)
    }

    /// Number of items each category holds.
    public func itemCountsByCategory() throws(StoreError) -> [String: Int] {
        let rows = try statements["SELECT category, COUNT(*) FROM item_categories GROUP BY category"].query { row in
            (row.text(0) ?? "", row.integer(1) ?? 0)
        }
        return Dictionary(rows + (aside?.entries.values.flatMap { $0.row.categories.map { ($0, 1) } } ?? []), uniquingKeysWith: +)
    }

    /// The item of a stored row: `ItemJSON.decode` reads what this version writes; JSONDecoder what it does not
    /// take (earlier versions' rows), and says why a row cannot be read.
    private func decode(_ data: [UInt8], key: String) throws(StoreError) -> Item {
        if let item = ItemJSON.decode(data) { return item }
        do { return try decoder.decode(Item.self, from: Data(data)) } catch {
            throw .undecodableItem(path: path, key: key, reason: "\(error)")
        }
    }
}
