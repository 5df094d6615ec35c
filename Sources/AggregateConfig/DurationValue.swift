import Foundation

/// Durations written as a whole number and one unit: `500ms`, `90s`, `15m`, `2h`, `1d`.
public enum DurationValue {
    /// Seconds in each accepted unit.
    static let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]

    /// The duration in seconds, or nil when `text` is not one number followed by one unit.
    public static func seconds(_ text: String) -> TimeInterval? {
        // Longest suffix first, so "ms" is not read as "m" after a number ending in "m".
        for (suffix, scale) in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 9,
                  let number = Int(digits) else { return nil }
            return Double(number) * scale
        }
        return nil
    }

    /// Parses a duration that must be longer than zero.
    static func positive(_ text: String) throws(ValueError) -> TimeInterval {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValueError("\"\(text)\" has no unit; write e.g. \(text)s for seconds (units: ms, s, m, h, d)")
        }
        guard let seconds = seconds(text) else {
            throw ValueError("\"\(text)\" is not a duration; expected a whole number and a unit: ms, s, m, h or d (e.g. 90s, 15m, 2h, 1d)")
        }
        guard seconds > 0 else { throw ValueError("\"\(text)\" is zero; expected a duration longer than zero") }
        return seconds
    }

    /// `90` for 90 seconds, `15m`, `2h`: the shortest exact spelling, for writing configuration back.
    public static func format(_ seconds: TimeInterval) -> String {
        for (suffix, scale) in units.reversed() where scale >= 1 {
            let count = seconds / scale
            if count >= 1, count == count.rounded() { return "\(Int(count))\(suffix)" }
        }
        return "\(Int((seconds * 1000).rounded()))ms"
    }
}
