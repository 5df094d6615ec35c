import Testing
@testable import AggregateParse

/// The table conversion of windows-1252 and ISO-8859-15 must give what iconv gives, undefined bytes included.
@Suite struct SingleByteCharsetTests {
    @Test(arguments: ["WINDOWS-1252", "ISO-8859-15"])
    func agreesWithIconv(_ charset: String) throws {
        let table = try #require(SingleByteCharset.named(charset))
        var bytes: [UInt8] = Array(0...255)
        var state: UInt64 = 11
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = UInt8(truncatingIfNeeded: state >> 33)
            bytes.append(r % 3 == 0 ? r : UInt8(ascii: "a") + r % 26)
        }
        let expected = try #require(Transcoder.iconvToUTF8(bytes[...], from: charset))
        let converted = table.toUTF8(bytes[...])
        #expect(converted.bytes == expected.bytes)
        #expect(converted.invalid == expected.invalid)
        #expect(table.toUTF8(bytes[10..<300]).bytes == Transcoder.iconvToUTF8(bytes[10..<300], from: charset)?.bytes)
    }
}
