import AggregateModel

/// The title index's number for each distinct word: a table open-addressed by the hash each `CanonicalWord` made
/// once, off the merging thread.
/// NOTE: a `[CanonicalWord: Int32]` hashed that hash again (SipHash) and compared the words byte by byte at every
/// look-up: ~620 instructions, seven look-ups for every item merged.
struct WordNumbers {
    /// By number, the word.
    private var words: [CanonicalWord] = []
    /// Per slot, 0 when free, else the high 32 bits of the word's hash, then its number plus one.
    private var table = [UInt64](repeating: 0, count: 1 << 10)

    subscript(word: CanonicalWord) -> Int32? {
        table.withUnsafeBufferPointer { table in words.withUnsafeBufferPointer { words in Self.number(of: word, table, words) } }
    }

    /// The numbers of `words`, by position: the tables are lent once for all of them.
    func numbers(of words: [CanonicalWord]) -> [Int32?] {
        table.withUnsafeBufferPointer { table in
            self.words.withUnsafeBufferPointer { numbered in words.map { Self.number(of: $0, table, numbered) } }
        }
    }

    private static func number(of word: CanonicalWord, _ table: UnsafeBufferPointer<UInt64>, _ words: UnsafeBufferPointer<CanonicalWord>) -> Int32? {
        let hash = UInt64(UInt(bitPattern: word.hashBits))
        let mask = table.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[index]
            if entry == 0 { return nil }
            if entry >> 32 == hash >> 32 {
                let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if words[number] == word { return Int32(number) }
            }
            index = (index + 1) & mask
        }
    }

    /// Numbers `word`, which has no number yet: the next number.
    mutating func add(_ word: CanonicalWord) -> Int32 {
        let number = words.count
        words.append(word)
        // At most half full: a look-up of a word not there stops at the first free slot.
        if words.count * 2 > table.count {
            table = [UInt64](repeating: 0, count: table.count * 2)
            for number in words.indices { place(number) }
        } else {
            place(number)
        }
        return Int32(number)
    }

    private mutating func place(_ number: Int) {
        let hash = UInt64(UInt(bitPattern: words[number].hashBits))
        let mask = table.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while table[index] != 0 { index = (index + 1) & mask }
        table[index] = (hash >> 32) << 32 | UInt64(number + 1)
    }
}
