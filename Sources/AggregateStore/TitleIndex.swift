import AggregateModel
import Foundation

/// The title words of the stored items, held in memory while the store is open.
///
/// The near-duplicate search asks, for every new item, how many titles hold each of its words and which titles
/// hold its rarest ones. As SQLite rows (one per word and item, and a count per word kept up to date at every
/// save and prune) that was about half of a cold run's merging thread. The words are stored with their item
/// (`items.title_words`), read once on first use, and kept here with each distinct word numbered once, so
/// that comparing words is comparing numbers (Cyrillic or Arabic words compared as Strings go through
/// Unicode normalization).
///
/// It mirrors the items table: `Store` records every save and delete here, and forgets the whole index when a
/// transaction rolls back (the next look-up reads it again from what was kept).
final class TitleIndex {
    private struct Slot {
        let key: String
        let date: Double
        let sourceID: String
        let title: String
        let words: [Int32]
        var live: Bool
    }

    /// Every item indexed, in the order saved; a saved-again or deleted item leaves a dead slot behind.
    private var slots: [Slot] = []
    private var slotByKey: [String: Int32] = [:]
    /// Each distinct word's number (String equality, as SQLite's table and Swift's Sets had it).
    private var wordIDs: [String: Int32] = [:]
    /// By word number: the slots whose titles hold it (dead slots included; they are skipped when read).
    private var postings: [[Int32]] = []
    /// By word number: how many live titles hold it.
    private var counts: [Int] = []

    /// Separates words in `items.title_words`; no word holds a space (see `TitleNormalizer.words`).
    static let separator: Character = " "

    static func joined(_ words: [String]) -> String { words.joined(separator: String(separator)) }

    private func id(of word: String) -> Int32 {
        if let id = wordIDs[word] { return id }
        let id = Int32(postings.count)
        wordIDs[word] = id
        postings.append([])
        counts.append(0)
        return id
    }

    func add(key: String, date: Double, sourceID: String, title: String, words: [String]) {
        remove(key: key)
        let slot = Int32(slots.count)
        // The same word twice counts once, as the table's primary key (word, date, key) made it.
        var ids: [Int32] = []
        ids.reserveCapacity(words.count)
        for word in words {
            let id = id(of: word)
            if !ids.contains(id) { ids.append(id) }
        }
        slots.append(Slot(key: key, date: date, sourceID: sourceID, title: title, words: ids, live: true))
        slotByKey[key] = slot
        for id in ids {
            postings[Int(id)].append(slot)
            counts[Int(id)] += 1
        }
    }

    /// Adds an item read back from `items.title_words`.
    func add(key: String, date: Double, sourceID: String, title: String, joinedWords: String) {
        add(key: key, date: date, sourceID: sourceID, title: title, words: joinedWords.split(separator: Self.separator).map(String.init))
    }

    func remove(key: String) {
        guard let slot = slotByKey.removeValue(forKey: key) else { return }
        slots[Int(slot)].live = false
        for id in slots[Int(slot)].words { counts[Int(id)] -= 1 }
    }

    /// How many titles hold each word (words no title holds are left out).
    func frequencies(_ words: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for word in words {
            if let id = wordIDs[word], counts[Int(id)] > 0 { result[word] = counts[Int(id)] }
        }
        return result
    }

    /// Items dated within `range` whose titles hold `word`, newest first (then the greater key first, the order
    /// in which SQLite read its index backwards), at most `limit`.
    func candidates(containing word: String, dated range: ClosedRange<Double>, limit: Int) -> [TitleCandidate] {
        guard let id = wordIDs[word] else { return [] }
        var found: [Int32] = []
        for slot in postings[Int(id)] {
            let entry = slots[Int(slot)]
            if entry.live && range.contains(entry.date) { found.append(slot) }
        }
        found.sort { a, b in
            let x = slots[Int(a)], y = slots[Int(b)]
            if x.date != y.date { return x.date > y.date }
            return y.key.utf8.lexicographicallyPrecedes(x.key.utf8)
        }
        return found.prefix(limit).map { slot in
            let entry = slots[Int(slot)]
            return TitleCandidate(key: entry.key, normalizedTitle: entry.title, sourceID: entry.sourceID)
        }
    }

    /// For each key, how many of `words` its indexed words hold; nil when a key is not indexed.
    func sharedCounts(_ words: [String], keys: [String]) -> [Int]? {
        let ids = words.compactMap { wordIDs[$0] }
        var result: [Int] = []
        result.reserveCapacity(keys.count)
        for key in keys {
            guard let slot = slotByKey[key] else { return nil }
            let held = slots[Int(slot)].words
            result.append(ids.reduce(0) { $0 + (held.contains($1) ? 1 : 0) })
        }
        return result
    }
}
