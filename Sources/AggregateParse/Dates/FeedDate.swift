import Foundation

/// Dates as feeds write them: RFC 822/1123 and its breakages, RFC 3339, ISO 8601 and W3CDTF (also
/// partial), and the day and month names of the common European languages. A hand-written byte
/// parser: no DateFormatter, and nil (never a guess) when the string does not say one instant.
enum FeedDate {
    /// The instant `string` names, or nil.
    static func parse(_ string: String) -> Date? {
        let bytes = Array(string.utf8)
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard end > start else { return nil }
        let slice = bytes[start..<end]
        if slice.count >= 4, slice.prefix(4).allSatisfy(isDigit) {
            let fifth = slice.count > 4 ? slice[slice.startIndex + 4] : 0
            if slice.count == 4 || fifth == UInt8(ascii: "-") || isDigit(fifth) {
                if let date = ISO8601Date.parse(slice) { return date }
            }
        }
        return RFC822Date.parse(slice)
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
