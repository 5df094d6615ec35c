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
    // NOTE: the index is used by one thread at a time (the store's), and its properties are read for every item
    // and every pooled slot: their dynamic exclusivity checks (a runtime call each) were 0.5% of a cold run.
    private struct Slot {
        let key: String
        let sourceID: String
        let title: String
        /// The title made ready for comparison, when the save brought it (see `HeadlineForm`); dropped when the
        /// slot dies.
        var form: (any HeadlineForm)?
    }

    /// Every item indexed, in the order saved; a saved-again or deleted item leaves a dead slot behind.
    @exclusivity(unchecked) private var slots: [Slot] = []
    /// By slot, what a posting list is scanned and pooled on, without retaining anything: one cache line a
    /// slot. NOTE: as five arrays (dates, liveness, sources, signatures, pool marks) each pooled slot was five
    /// cache misses over 41,000 slots, most of the near-duplicate search's own time.
    @exclusivity(unchecked) private var probes: [Probe] = []

    private struct Probe {
        let date: Double
        /// One bit for each of the slot's word numbers (`signatureBit`): a pooled slot whose signature lacks a
        /// rare word surely lacks it (most pooled slots share one rare word only).
        let signature: UInt64
        /// The source's number (in `sourceNumbers`).
        let source: Int32
        /// The number of the last `ranked` call that pooled the slot.
        var pooledBy: UInt32 = 0
        var live = true
        /// The number of the categories the item's rows were saved under (in `categoryLists`), -1 when not known.
        var categories: Int32 = -1
    }

    /// Each distinct list of categories items were saved under (most items of a source share one), and its number.
    @exclusivity(unchecked) private var categoryLists: [[String]] = []
    @exclusivity(unchecked) private var categoryListNumbers: [[String]: Int32] = [:]

    private func number(ofCategories list: [String]?) -> Int32 {
        guard let list else { return -1 }
        if let number = categoryListNumbers[list] { return number }
        let number = Int32(categoryLists.count)
        categoryLists.append(list)
        categoryListNumbers[list] = number
        return number
    }
    /// The word numbers of slot `i` are `slotWords[wordStarts[i]..<wordStarts[i + 1]]`: ranking reads them for every
    /// pooled slot, and one array each is one cache miss less per slot than an array per slot.
    @exclusivity(unchecked) private var slotWords: [Int32] = []
    @exclusivity(unchecked) private var wordStarts: [Int32] = [0]
    /// By slot, the key's first 16 bytes, big-endian and padded with zeros, when the key is ASCII: ranking orders
    /// slots by key, and comparing these orders ASCII keys as their Strings do, without reading the Strings (in
    /// the sort, copying a `Slot` retained and released its four references at every comparison).
    @exclusivity(unchecked) private var keyHeads: [(UInt64, UInt64)?] = []
    @exclusivity(unchecked) private var sourceNumbers: [String: Int32] = [:]
    @exclusivity(unchecked) private var slotByKey: [String: Int32] = [:]
    /// Each distinct word's number (String equality, as SQLite's table and Swift's Sets had it; see `CanonicalWord`).
    @exclusivity(unchecked) private var wordIDs = WordNumbers()
    /// By word number: the slots whose titles hold it, oldest first (by date, then key), so that a look-up reads
    /// only the newest within its range. Dead slots stay; they are skipped when read.
    @exclusivity(unchecked) private var postings: [[Int32]] = []
    /// By word number: how many live titles hold it.
    @exclusivity(unchecked) private var counts: [Int] = []

    /// Separates words in `items.title_words`; no word holds a space (see `TitleNormalizer.words`).
    static let separator: Character = " "

    /// The words with the separator between them, copied as bytes (`joined(separator:)` cost 4,700 instructions a
    /// title on the parsing thread).
    static func joined(_ words: [String]) -> String {
        String(unsafeUninitializedCapacity: ByteJoin.length(of: words)) { ByteJoin.write(words, separator: UInt8(ascii: " "), into: $0) }
    }

    /// The words of the last `counts` call and their numbers, by position. The same headline's words come back
    /// in `ranked` and, when it is saved, in `add`: hashing each again (a Unicode-normalizing hash unless ASCII)
    /// was a tenth of the near-duplicate search.
    @exclusivity(unchecked) private var recentWords: [String] = []
    @exclusivity(unchecked) private var recentIDs: [Int32?] = []
    /// The recent words' `CanonicalWord`s, when the caller made them (empty otherwise): a word new to the index is
    /// numbered under it without making it again.
    @exclusivity(unchecked) private var recentKeys: [CanonicalWord] = []

    /// `wordIDs[word]`, from the recent words when it is one of them (a word's number never changes).
    private func number(of word: String) -> Int32? {
        let length = word.utf8.count
        for index in recentWords.indices where recentWords[index].utf8.count == length && recentWords[index] == word {
            if let id = recentIDs[index] { return id }
            break
        }
        return wordIDs[CanonicalWord(word)]
    }

    /// `wordIDs[word]` for the word at `position` of a title's words: the recent words' number when it is the
    /// same word at the same place (a saved headline's words are those last counted, in order), without
    /// searching them.
    private func number(of word: String, at position: Int) -> Int32? {
        guard let recent = recentPosition(of: word, at: position) else { return wordIDs[CanonicalWord(word)] }
        return recentIDs[recent] ?? wordIDs[key(of: word, at: recent)]
    }

    /// `position` when the recent words hold `word` there.
    private func recentPosition(of word: String, at position: Int) -> Int? {
        position < recentWords.count && recentWords[position] == word ? position : nil
    }

    private func key(of word: String, at position: Int) -> CanonicalWord {
        guard let recent = recentPosition(of: word, at: position), recent < recentKeys.count else { return CanonicalWord(word) }
        return recentKeys[recent]
    }

    private func id(of word: String, at position: Int) -> Int32 {
        if let id = number(of: word, at: position) { return id }
        let id = wordIDs.add(key(of: word, at: position))
        postings.append([])
        counts.append(0)
        return id
    }

    /// Indexes the item saved under `key`; `categories`, when given, are those its category rows were saved under.
    func add(
        key: String, date: Double, sourceID: String, title: String, words: [String], form: (any HeadlineForm)? = nil,
        categories: [String]? = nil
    ) {
        let slot = Int32(slots.count)
        // One look-up of the key, which takes its new slot; a slot it had dies (hashing the key for each of a
        // look-up, a removal and an insertion, and the source's id twice, was a quarter of this function).
        let previous = slotByKey.updateValue(slot, forKey: key)
        // The same word twice counts once, as the table's primary key (word, date, key) made it.
        var ids: [Int32] = []
        ids.reserveCapacity(words.count)
        for (position, word) in words.enumerated() {
            let id = id(of: word, at: position)
            if !ids.contains(id) { ids.append(id) }
        }
        if let previous, holds(previous, date: date, sourceID: sourceID, title: title, ids: ids) {
            // Saved again as it was indexed (a duplicate credited on it): the slot stays where it is in its postings.
            slotByKey[key] = previous
            if let form { slots[Int(previous)].form = form }
            probes[Int(previous)].categories = number(ofCategories: categories)
            return
        }
        // Saved again under the same title: the form made before still holds.
        let kept = form ?? previous.flatMap { slots[Int($0)].title == title ? slots[Int($0)].form : nil }
        if let previous { retire(previous) }
        slots.append(Slot(key: key, sourceID: sourceID, title: title, form: kept))
        keyHeads.append(Self.head(of: key))
        slotWords.append(contentsOf: ids)
        wordStarts.append(Int32(slotWords.count))
        probes.append(Probe(
            date: date, signature: ids.reduce(0) { $0 | Self.signatureBit($1) }, source: number(ofSaved: sourceID),
            categories: number(ofCategories: categories)))
        insert(slot, into: ids)
        for id in ids { counts[Int(id)] += 1 }
    }

    /// Whether live slot `slot` indexes an item with this date, source, title and word numbers.
    private func holds(_ slot: Int32, date: Double, sourceID: String, title: String, ids: [Int32]) -> Bool {
        let index = Int(slot)
        return probes[index].date == date && slots[index].sourceID == sourceID && slots[index].title == title
            && slotWords[Int(wordStarts[index])..<Int(wordStarts[index + 1])].elementsEqual(ids)
    }

    /// Whether slot `a` comes before slot `b` in a posting list.
    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let x = probes[Int(a)].date, y = probes[Int(b)].date
        if x != y { return x < y }
        // Same date: most often two items of one feed. Their keys' heads, when they differ, order them as the keys.
        if let p = keyHeads[Int(a)], let q = keyHeads[Int(b)], p != q { return p < q }
        // Their bytes (a saved-again item meets its own dead slot: the same key).
        var first = slots[Int(a)].key, second = slots[Int(b)].key
        return first.withUTF8 { p in second.withUTF8 { q in
            let shorter = min(p.count, q.count)
            let order = shorter == 0 ? 0 : memcmp(p.baseAddress!, q.baseAddress!, shorter)
            return order != 0 ? order < 0 : p.count < q.count
        } }
    }

    /// While the store's rows are read in: postings are appended, and sorted once by `finishLoading`.
    private var loading = false

    func beginLoading() { loading = true }

    func finishLoading() {
        loading = false
        for word in postings.indices where postings[word].count > 1 { postings[word].sort(by: precedes) }
    }

    /// Puts `slot` in the posting list of each of `words`.
    private func insert(_ slot: Int32, into words: [Int32]) {
        if loading {
            for word in words { postings[Int(word)].append(slot) }
            return
        }
        // Items mostly arrive in no date order; a binary search and a move of 4-byte numbers keep the order.
        // On the arrays' storage, and each array taken once for the whole title: each read of a property of the
        // index was an exclusivity check (1.4 million of them at 1,000 feeds).
        let date = probes[Int(slot)].date, head = keyHeads[Int(slot)]
        probes.withUnsafeBufferPointer { probes in
            keyHeads.withUnsafeBufferPointer { heads in
                postings.withUnsafeMutableBufferPointer { postings in
                    for word in words {
                        let place = postings[Int(word)].withUnsafeBufferPointer { list in
                            var low = 0, high = list.count
                            while low < high {
                                let middle = (low + high) / 2
                                let other = list[middle], otherDate = probes[Int(other)].date
                                let before: Bool
                                if otherDate != date {
                                    before = otherDate < date
                                } else if let p = heads[Int(other)], let head, p != head {
                                    before = p < head
                                } else {
                                    before = precedes(other, slot)
                                }
                                if before { low = middle + 1 } else { high = middle }
                            }
                            return low
                        }
                        postings[Int(word)].insert(slot, at: place)
                    }
                }
            }
        }
    }

    /// Adds an item read back from `items.title_words`.
    func add(key: String, date: Double, sourceID: String, title: String, joinedWords: String) {
        add(key: key, date: date, sourceID: sourceID, title: title, words: joinedWords.split(separator: Self.separator).map(String.init))
    }

    func contains(key: String) -> Bool { slotByKey[key] != nil }

    /// The date `key` was saved with, if it is held.
    func date(of key: String) -> Double? { slotByKey[key].map { probes[Int($0)].date } }

    /// The date `key` was saved with and the categories its rows were saved under (nil when not known), if it is held.
    func saved(_ key: String) -> (date: Double, categories: [String]?)? {
        guard let slot = slotByKey[key] else { return nil }
        let probe = probes[Int(slot)]
        return (probe.date, probe.categories < 0 ? nil : categoryLists[Int(probe.categories)])
    }

    func remove(key: String) {
        guard let slot = slotByKey.removeValue(forKey: key) else { return }
        retire(slot)
    }

    /// A slot whose item was deleted or saved again: dead from now on.
    private func retire(_ slot: Int32) {
        probes[Int(slot)].live = false
        slots[Int(slot)].form = nil
        for id in slotWords[Int(wordStarts[Int(slot)])..<Int(wordStarts[Int(slot) + 1])] { counts[Int(id)] -= 1 }
    }

    /// How many titles hold each word (words no title holds are left out).
    func frequencies(_ words: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for word in words {
            if let id = wordIDs[CanonicalWord(word)], counts[Int(id)] > 0 { result[word] = counts[Int(id)] }
        }
        return result
    }

    /// `frequencies` by position: how many titles hold `words[i]`, nil for none.
    func counts(_ words: [String]) -> [Int?] {
        counts(words, keys: words.map(CanonicalWord.init))
    }

    /// The same, with `keys[i]` the `CanonicalWord` of `words[i]`.
    func counts(_ words: [String], keys: [CanonicalWord]) -> [Int?] {
        precondition(keys.count == words.count, "TitleIndex: \(keys.count) keys for \(words.count) words")
        let ids = wordIDs.numbers(of: keys)
        recentWords = words
        recentKeys = keys
        recentIDs = ids
        return counts.withUnsafeBufferPointer { counts in ids.map { id in id.flatMap { counts[Int($0)] > 0 ? counts[Int($0)] : nil } } }
    }

    /// Items dated within `range` whose titles hold `word`, newest first (then the greater key first, the order
    /// in which SQLite read its index backwards), at most `limit`.
    func candidates(containing word: String, dated range: ClosedRange<Double>, limit: Int) -> [TitleCandidate] {
        guard let id = wordIDs[CanonicalWord(word)] else { return [] }
        return slots(holding: id, dated: range, limit: limit).map(candidate)
    }

    private func slots(holding id: Int32, dated range: ClosedRange<Double>, limit: Int) -> [Int32] {
        var found: [Int32] = []
        forEachSlot(holding: id, dated: range, limit: limit) { slot, _ in found.append(Int32(slot)) }
        return found
    }

    /// Calls `body` with each live slot whose title holds word `id`, dated within `range`, newest first (then the
    /// greater key first, the order in which SQLite read its index backwards), at most `limit`; and its probe.
    private func forEachSlot(holding id: Int32, dated range: ClosedRange<Double>, limit: Int, _ body: (Int, inout Probe) -> Void) {
        // On the arrays' storage: each read of a property of the index was an exclusivity check.
        postings[Int(id)].withUnsafeBufferPointer { list in
            probes.withUnsafeMutableBufferPointer { probes in
                // The first slot dated after the range, then backwards.
                var low = 0, high = list.count
                while low < high {
                    let middle = (low + high) / 2
                    if probes[Int(list[middle])].date <= range.upperBound { low = middle + 1 } else { high = middle }
                }
                var found = 0
                var index = low - 1
                while index >= 0 && found < limit {
                    let slot = Int(list[index])
                    if probes[slot].date < range.lowerBound { break }
                    if probes[slot].live {
                        found += 1
                        body(slot, &probes[slot])
                    }
                    index -= 1
                }
            }
        }
    }

    private func candidate(_ slot: Int32) -> TitleCandidate {
        let entry = slots[Int(slot)]
        return TitleCandidate(key: entry.key, normalizedTitle: entry.title, sourceID: entry.sourceID, form: entry.form)
    }

    /// The last source `ranked` excluded and its number: the entries of one feed come one after another, and
    /// hashing the source's id for each was 33 M instructions at 1,000 feeds.
    @exclusivity(unchecked) private var lastExcluded: (id: String, number: Int32?)?

    /// The last source `add` numbered: the items of one feed are saved one after another.
    @exclusivity(unchecked) private var lastSaved: (id: String, number: Int32)?

    /// The number of the source `id`, numbered now if it is new.
    private func number(ofSaved id: String) -> Int32 {
        if let lastSaved, lastSaved.id == id { return lastSaved.number }
        let number: Int32
        if let known = sourceNumbers[id] {
            number = known
        } else {
            number = Int32(sourceNumbers.count)
            sourceNumbers[id] = number
        }
        lastSaved = (id, number)
        return number
    }

    private func number(ofSource id: String) -> Int32 {
        if let lastExcluded, lastExcluded.id == id, let number = lastExcluded.number { return number }
        let number = sourceNumbers[id]
        lastExcluded = (id, number)
        return number ?? -1
    }

    /// The number of the last `ranked` call (see `Probe.pooledBy`).
    @exclusivity(unchecked) private var query: UInt32 = 0

    /// A pooled slot that holds enough of the words, with what ranks it.
    private struct Ranked {
        let shared: Int
        let slot: Int32
        let head: (UInt64, UInt64)?
    }

    /// `ranked`'s working lists, kept from call to call: made anew at each, they were ~8 allocations a search.
    @exclusivity(unchecked) private var pool: [Int32] = []
    @exclusivity(unchecked) private var ranking: [Ranked] = []

    /// See `Store.rankedTitleCandidates`: the same pooling and ranking as the merge stage's generic one, on slot
    /// and word numbers.
    /// NOTE: the postings were listed into arrays of their own, then pooled, and each comparison of the ranking read
    /// the slots' key heads again: ~18,000 instructions a search at 1,000 feeds, a third of the near-duplicate
    /// search; ~11,000 now.
    func ranked(words: [String], needed: Int, dated range: ClosedRange<Double>, excludingSource: String, perWord: Int, keep: Int) -> [TitleCandidate] {
        rank(words: words, needed: needed, dated: range, excludingSource: excludingSource, perWord: perWord)
        return ranking.prefix(keep).map { candidate($0.slot) }
    }

    /// See `Store.bestTitleCandidate`: the first `keep` of `ranked`'s slots scored in place.
    /// NOTE: copied out as `TitleCandidate`s, each slot's key, title, source and kept form were retained and released,
    /// each a cache miss on an old item's objects. Lent (see `LentForm`), none is.
    func best(
        words: [String], needed: Int, dated range: ClosedRange<Double>, excludingSource: String, perWord: Int, keep: Int,
        score: HeadlineScore
    ) -> String? {
        rank(words: words, needed: needed, dated: range, excludingSource: excludingSource, perWord: perWord)
        var best: (score: Double, slot: Int32)?
        slots.withUnsafeBufferPointer { slots in
            for ranked in ranking.prefix(keep) {
                let slot = Int(ranked.slot)
                guard let value = score(slots[slot].form.map(LentForm.init), { slots[slot].title }), value > (best?.score ?? 0) else { continue }
                best = (value, ranked.slot)
            }
        }
        return best.map { slots[Int($0.slot)].key }
    }

    /// Leaves in `ranking` the pooled slots holding enough of `words`, in `ranked`'s order.
    private func rank(words: [String], needed: Int, dated range: ClosedRange<Double>, excludingSource: String, perWord: Int) {
        let excluded = number(ofSource: excludingSource)
        // A slot is pooled once: marked with this query's number (searching the pool for each was a third of
        // this function).
        query &+= 1
        if query == 0 {
            for slot in probes.indices { probes[slot].pooledBy = 0 }
            query = 1
        }
        withUnsafeTemporaryAllocation(of: (id: Int32, bit: UInt64).self, capacity: words.count) { known in
            // The words the index holds, in order, and their bits; those of the first `needed` words are searched.
            var count = 0, searched = 0
            for (position, word) in words.enumerated() {
                guard let id = number(of: word) else { continue }
                known[count] = (id, Self.signatureBit(id))
                count += 1
                if position < needed { searched = count }
            }
            pool.removeAll(keepingCapacity: true)
            for index in 0..<searched { collect(known[index].id, dated: range, limit: perWord, excluding: excluded) }
            ranking.removeAll(keepingCapacity: true)
            // On the arrays' storage: a slice of `slotWords` per pooled slot retained and released the array.
            slotWords.withUnsafeBufferPointer { held in
                wordStarts.withUnsafeBufferPointer { starts in
                    probes.withUnsafeBufferPointer { probes in
                        keyHeads.withUnsafeBufferPointer { heads in
                            for slot in pool {
                                // The words the signature may hold: fewer than needed, and the slot is out.
                                let signature = probes[Int(slot)].signature
                                var possible = 0
                                for index in 0..<count where signature & known[index].bit != 0 { possible += 1 }
                                guard possible >= needed else { continue }
                                let words = held[Int(starts[Int(slot)])..<Int(starts[Int(slot) + 1])]
                                var shared = 0
                                for index in 0..<count where words.contains(known[index].id) { shared += 1 }
                                if shared >= needed { ranking.append(Ranked(shared: shared, slot: slot, head: heads[Int(slot)])) }
                            }
                        }
                    }
                }
            }
            // By insertion: a few slots are ranked (four on average at 1,000 feeds), and the library's sort took a
            // buffer for each call (112 M instructions). Keys are unique, so the order is the sort's.
            for index in ranking.indices.dropFirst() {
                let slot = ranking[index]
                var place = index
                while place > 0 && ranks(slot, before: ranking[place - 1]) {
                    ranking[place] = ranking[place - 1]
                    place -= 1
                }
                ranking[place] = slot
            }
        }
    }

    /// Pools the slots `slots(holding:dated:limit:)` lists, but for those of source `excluded` and those pooled
    /// already, without listing them first.
    private func collect(_ id: Int32, dated range: ClosedRange<Double>, limit: Int, excluding excluded: Int32) {
        let query = query
        forEachSlot(holding: id, dated: range, limit: limit) { slot, probe in
            guard probe.source != excluded && probe.pooledBy != query else { return }
            probe.pooledBy = query
            pool.append(Int32(slot))
        }
    }

    /// The ranking's order: more words shared first, then the greater key.
    private func ranks(_ a: Ranked, before b: Ranked) -> Bool {
        if a.shared != b.shared { return a.shared > b.shared }
        if let x = a.head, let y = b.head, x != y { return x > y }
        return slots[Int(a.slot)].key > slots[Int(b.slot)].key
    }

    /// A word number's bit in a slot's signature.
    private static func signatureBit(_ id: Int32) -> UInt64 {
        1 << ((UInt64(UInt32(bitPattern: id)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// See `keyHeads`. Read on the key's storage: through its UTF-8 view it cost 1,800 instructions a key, paid
    /// again for every item when a store's index is read in.
    static func head(of key: String) -> (UInt64, UInt64)? {
        key.utf8.withContiguousStorageIfAvailable(head) ?? Array(key.utf8).withUnsafeBufferPointer(head)
    }

    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (index, byte) in bytes.prefix(16).enumerated() {
            if index < 8 { words.0 |= UInt64(byte) << (56 - 8 * index) } else { words.1 |= UInt64(byte) << (56 - 8 * (index - 8)) }
        }
        return words
    }

    /// Keys of the items dated before `date`.
    func keys(datedBefore date: Double) -> [String] {
        slots.indices.filter { probes[$0].live && probes[$0].date < date }.map { slots[$0].key }
    }
}
