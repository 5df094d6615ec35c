import AggregateModel
@testable import AggregateStore
import Testing

/// The title index's word numbers: each word one number, kept as the table grows; canonically equal words share it.
@Suite struct WordNumbersTests {
    @Test func everyWordKeepsItsNumberAsTheTableGrows() {
        var numbers = WordNumbers()
        let words = (0..<5_000).map { "w\($0)" } + ["é", "中文", "россия", "", " "]
        for (index, word) in words.enumerated() {
            #expect(numbers[CanonicalWord(word)] == nil, "\(word) before it is added")
            #expect(numbers.add(CanonicalWord(word)) == Int32(index))
        }
        for (index, word) in words.enumerated() {
            #expect(numbers[CanonicalWord(word)] == Int32(index), "\(word)")
        }
        #expect(numbers[CanonicalWord("w5000")] == nil)
        #expect(numbers[CanonicalWord("w")] == nil)
        // "e" and a combining acute accent is "é" as a String: the same word.
        #expect(numbers[CanonicalWord("e\u{301}")] == Int32(5_000))
    }
}
