import AggregateModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A headline made of ASCII and `InertScalars` only, split into words as byte ranges of its UTF-8.
///
/// `TitleNormalizer.words(ofNormalized:)` splits by Characters and makes Strings of Substrings: 30,000
/// instructions a headline. In such a headline every space is a grapheme cluster of its own (no inert scalar
/// joins the space after it or the one before it), so splitting at the byte 0x20 cuts where the Characters are
/// cut; runs of unspaced scripts are then paired by scalars in both.
struct HeadlineWords {
    let bytes: [UInt8]
    /// `words(ofNormalized:)`, in order, repeats included.
    let list: [Range<Int>]
    /// For each word of `list`: it holds a Character that is a number (`TitleSimilarity.hasDigit`).
    let numbers: [Bool]
    /// For each word of `list`: `TitleNormalizer.isDistinctive`.
    let distinctive: [Bool]

    /// nil when `title` holds a scalar that is neither ASCII nor inert.
    init?(_ title: String) {
        let bytes = Array(title.utf8)
        let ascii = bytes.allSatisfy { $0 < 0x80 }
        if !ascii && !InertScalars.all(title) { return nil }
        self.bytes = bytes
        // Runs between spaces (empty runs omitted); a run holding Han, Kana, Hangul or Thai and longer than two
        // scalars becomes its pairs of adjacent scalars.
        var list: [Range<Int>] = []
        list.reserveCapacity(bytes.count / 4 + 1)
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
            if index > start {
                if ascii {
                    list.append(start..<index)
                } else {
                    Self.split(bytes, start..<index, into: &list)
                }
            }
            start = index + 1
        }
        self.list = list
        (numbers, distinctive) = ascii ? Self.judgeASCII(bytes, list) : Self.judge(bytes, list)
    }

    /// Each scalar here is a Character of its own (see `InertScalars`), and a Character is a number when its
    /// scalar is (`Character.isNumber` asks its first scalar). A carriage return is ASCII and inert, but CR LF
    /// is one Character of two scalars: a word holding one is judged as a String.
    private static func judge(_ bytes: [UInt8], _ list: [Range<Int>]) -> ([Bool], [Bool]) {
        var numbers: [Bool] = [], distinctive: [Bool] = []
        numbers.reserveCapacity(list.count)
        distinctive.reserveCapacity(list.count)
        numeric.withAnswers { isNumber in
            for word in list {
                var scalars = 0, number = false, unspaced = false, carriageReturn = false
                var index = word.lowerBound
                while index < word.upperBound {
                    let (scalar, length) = decode(bytes, at: index)
                    if scalar.value < 0x80 {
                        if scalar.value >= 0x30 && scalar.value <= 0x39 { number = true }
                        if scalar.value == 0x0D { carriageReturn = true }
                    } else {
                        if isNumber(scalar) { number = true }
                        if TitleNormalizer.isUnspacedScript(scalar) { unspaced = true }
                    }
                    scalars += 1
                    index += length
                }
                numbers.append(number)
                distinctive.append(
                    carriageReturn
                        ? TitleNormalizer.isDistinctive(String(decoding: bytes[word], as: UTF8.self)) : scalars >= 4 || unspaced || number)
            }
        }
        return (numbers, distinctive)
    }

    private static func judgeASCII(_ bytes: [UInt8], _ list: [Range<Int>]) -> ([Bool], [Bool]) {
        var numbers: [Bool] = [], distinctive: [Bool] = []
        numbers.reserveCapacity(list.count)
        distinctive.reserveCapacity(list.count)
        for word in list {
            let number = bytes[word].contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            numbers.append(number)
            distinctive.append(
                bytes[word].contains(0x0D)
                    ? TitleNormalizer.isDistinctive(String(decoding: bytes[word], as: UTF8.self)) : word.count >= 4 || number)
        }
        return (numbers, distinctive)
    }

    /// `Unicode.Scalar.Properties.numericType != nil`, answered once per scalar (250 instructions each time).
    private static let numeric = ScalarMemo { $0.properties.numericType != nil }

    func string(_ word: Range<Int>) -> String {
        String(decoding: bytes[word], as: UTF8.self)
    }

    /// `TitleNormalizer.indexWords`: the distinct distinctive words (all distinct words when none is), sorted;
    /// and whether they are all distinctive.
    func indexWords() -> (words: [String], distinctive: Bool) {
        var chosen: [Range<Int>] = []
        chosen.reserveCapacity(list.count)
        for (word, distinctive) in zip(list, distinctive) where distinctive { chosen.append(word) }
        let allDistinctive = !chosen.isEmpty || list.isEmpty
        if chosen.isEmpty { chosen = list }
        // Sorted by bytes, then repeats dropped (neighbours once sorted), without hashing Strings. By insertion, in
        // place: a headline has a few words, and the library's sort took a buffer for each (a third of this function).
        bytes.withUnsafeBufferPointer { b in
            for index in chosen.indices.dropFirst() {
                let word = chosen[index]
                var place = index
                while place > 0 && Self.less(b, word, chosen[place - 1]) {
                    chosen[place] = chosen[place - 1]
                    place -= 1
                }
                chosen[place] = word
            }
        }
        var words: [String] = []
        words.reserveCapacity(chosen.count)
        for (index, word) in chosen.enumerated() where index == 0 || !equal(word, chosen[index - 1]) { words.append(string(word)) }
        // Strings compare by their NFC scalars, which is the order of the bytes for ASCII and NFC. Words in
        // strictly increasing order by `<` are distinct Strings and sorted: the Set's sorted words exactly.
        // Otherwise they are made as the Characters path makes them.
        guard zip(words, words.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return (Array(Set(chosen.map(string))).sorted(), allDistinctive)
        }
        return (words, allDistinctive)
    }

    func equal(_ x: Range<Int>, _ y: Range<Int>) -> Bool {
        x.count == y.count && bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + x.lowerBound, $0.baseAddress! + y.lowerBound, x.count) == 0 }
    }

    /// Byte order (memcmp, then the shorter first), for the non-empty words of `b`.
    private static func less(_ b: UnsafeBufferPointer<UInt8>, _ x: Range<Int>, _ y: Range<Int>) -> Bool {
        let order = memcmp(b.baseAddress! + x.lowerBound, b.baseAddress! + y.lowerBound, min(x.count, y.count))
        return order != 0 ? order < 0 : x.count < y.count
    }

    /// A run of a non-ASCII headline: itself, or its pairs of adjacent scalars.
    private static func split(_ bytes: [UInt8], _ run: Range<Int>, into list: inout [Range<Int>]) {
        var unspaced = false
        var scalars = 0
        var index = run.lowerBound
        while index < run.upperBound {
            let (scalar, length) = decode(bytes, at: index)
            if TitleNormalizer.isUnspacedScript(scalar) { unspaced = true }
            scalars += 1
            index += length
        }
        guard unspaced, scalars > 2 else {
            list.append(run)
            return
        }
        var first = run.lowerBound
        var second = first + decode(bytes, at: first).1
        while second < run.upperBound {
            let end = second + decode(bytes, at: second).1
            list.append(first..<end)
            first = second
            second = end
        }
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = length == 1 ? lead : lead & (0xFF >> (length + 1))
        for offset in 1..<max(length, 1) where length > 1 { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
