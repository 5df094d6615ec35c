import Foundation

/// A first run's new items dated before the store's horizon (see `Store.fresh(path:settingAsideBefore:)`), kept
/// out of the tables until `seal`: the run prunes every such item that no output shows, so `seal` writes the
/// few that are shown and drops the rest. Their columns stay in memory, their JSON in a scratch file.
/// NOTE: a first run over 1,000 feeds saved ~6,800 items that old, only to delete them again before it could
/// end, the pages of their JSON read back and rewritten: that prune took 70 ms, while the run waited.
final class AsideItems {
    struct Entry {
        let row: ItemRow
        /// Where its JSON is in the scratch file (or, past `written`, in `pending`).
        fileprivate let offset: Int
        fileprivate let length: Int
    }

    /// Items dated before this (seconds since 1970) are set aside when new.
    let before: Double
    private(set) var entries: [String: Entry] = [:]
    /// The scratch file, already unlinked: nothing is left of it once closed, however the run ends.
    private let file: Int32
    private let path: String
    /// Bytes in the file, and after them those not yet written (JSON is written a megabyte at a time).
    private var written = 0
    private var pending: [UInt8] = []

    /// Nil when the scratch file cannot be made beside `store` (the items then go into the tables).
    init?(store: String, before: Double) {
        path = store + "-aside"
        _ = unlink(path)
        file = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard file >= 0 else { return nil }
        _ = unlink(path)
        self.before = before
    }

    deinit { close(file) }

    func contains(_ key: String) -> Bool { entries[key] != nil }

    /// Sets an item aside, or replaces the one set aside under `key`.
    func put(key: String, _ row: ItemRow, data: [UInt8]) throws(StoreError) {
        entries[key] = Entry(row: row, offset: written + pending.count, length: data.count)
        pending.append(contentsOf: data)
        if pending.count >= 1 << 20 { try flush() }
    }

    func remove(_ key: String) { entries[key] = nil }

    /// The JSON of the item set aside under `key`.
    func data(_ key: String) throws(StoreError) -> [UInt8]? {
        guard let entry = entries[key] else { return nil }
        if entry.offset >= written {
            let start = entry.offset - written
            return Array(pending[start..<start + entry.length])
        }
        var data = [UInt8](repeating: 0, count: entry.length)
        var done = 0
        while done < entry.length {
            let count = data.withUnsafeMutableBytes { pread(file, $0.baseAddress! + done, entry.length - done, off_t(entry.offset + done)) }
            guard count > 0 else { throw failure("could not read it back") }
            done += count
        }
        return data
    }

    /// The keys, dates and sources of the items of `category` (of every item when nil) dated `since` or later, in
    /// the order the store lists items: newest first, then by key as SQLite compares text.
    func listed(category: String?, since: Double) -> [(key: String, date: Double, sourceID: String)] {
        var rows: [(key: String, date: Double, sourceID: String)] = []
        for (key, entry) in entries where entry.row.date >= since && (category.map(entry.row.categories.contains) ?? true) {
            rows.append((key, entry.row.date, entry.row.sourceID))
        }
        return rows.sorted { Self.listedBefore(($0.date, $0.key), ($1.date, $1.key)) }
    }

    /// Whether the row (date, key) comes before the other in the store's order.
    static func listedBefore(_ a: (date: Double, key: String), _ b: (date: Double, key: String)) -> Bool {
        if a.date != b.date { return a.date > b.date }
        return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
    }

    private func flush() throws(StoreError) {
        var done = 0
        while done < pending.count {
            let count = pending.withUnsafeBytes { pwrite(file, $0.baseAddress! + done, pending.count - done, off_t(written + done)) }
            guard count > 0 else { throw failure("could not write to it") }
            done += count
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private func failure(_ what: String) -> StoreError {
        .cannotOpen(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
