import Foundation

/// RFC 822/1123 dates and what publishers make of them: no weekday, 2-digit years, 1-digit days,
/// zone names and military letters, `+0530`/`+05:30`/`GMT+2`, no zone (read as UTC), names of days
/// and months in several languages, `2020/1/10 14:33:00`, `10.01.2020`.
enum RFC822Date {
    private enum Token {
        case number(Int, digits: Int)
        case word(String, comma: Bool)
        case symbol(UInt8)
    }

    private static func tokenize(_ s: ArraySlice<UInt8>) -> [Token]? {
        var tokens: [Token] = []
        var i = s.startIndex
        while i < s.endIndex {
            let b = s[i]
            if isDigit(b) {
                var v = 0
                var n = 0
                while i < s.endIndex, isDigit(s[i]) {
                    if n < 9 { v = v * 10 + Int(s[i] - 0x30) }
                    n += 1
                    i += 1
                }
                tokens.append(.number(v, digits: n))
            } else if isLetter(b) {
                let start = i
                while i < s.endIndex, isLetter(s[i]) || s[i] == UInt8(ascii: "-") && i + 1 < s.endIndex && isLetter(s[i + 1]) { i += 1 }
                let word = String(decoding: s[start..<i], as: UTF8.self).lowercased()
                if i < s.endIndex, s[i] == UInt8(ascii: ".") { i += 1 }
                tokens.append(.word(word, comma: i < s.endIndex && s[i] == UInt8(ascii: ",")))
            } else if b == UInt8(ascii: "(") {
                // A comment such as "(PST)" or "(Coordinated Universal Time)": the offset before it rules.
                while i < s.endIndex, s[i] != UInt8(ascii: ")") { i += 1 }
                i += 1
            } else if isSpace(b) || b == UInt8(ascii: ",") {
                i += 1
            } else {
                tokens.append(.symbol(b))
                i += 1
            }
        }
        return tokens
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }

    static func parse(_ s: ArraySlice<UInt8>) -> Date? {
        guard let tokens = tokenize(s) else { return nil }
        var year: Int?, month: Int?, day: Int?
        var hour: Int?, minute = 0, second = 0
        var fraction = 0.0
        var offset: Int?
        var pm: Bool?
        var k = 0
        func symbol(at index: Int) -> UInt8? {
            if index < tokens.count, case .symbol(let c) = tokens[index] { return c }
            return nil
        }
        func numberValue(at index: Int) -> (Int, Int)? {
            if index < tokens.count, case .number(let v, let n) = tokens[index] { return (v, n) }
            return nil
        }
        while k < tokens.count {
            switch tokens[k] {
            case .word(let w, let comma):
                k += 1
                // A leading "Mar.," or "January," names the day of the week (or repeats the month).
                if comma && year == nil && day == nil && hour == nil
                    && (DateNames.weekdays.contains(w) || DateNames.months[w] != nil) {
                    continue
                }
                if hour != nil, offset == nil, let zone = DateNames.zones[w] {
                    offset = zone
                    // "GMT+0530", "UTC-5"
                    if let sign = symbol(at: k), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                       let (v, n) = numberValue(at: k + 1) {
                        guard let o = zoneOffset(v, digits: n, minutes: nil) else { return nil }
                        offset = zone + (sign == UInt8(ascii: "-") ? -o : o)
                        k += 2
                        if symbol(at: k) == UInt8(ascii: ":"), let (m, mn) = numberValue(at: k + 1), mn == 2, n <= 2 {
                            offset! += (sign == UInt8(ascii: "-") ? -m : m) * 60
                            k += 2
                        }
                    }
                } else if month == nil, let m = DateNames.months[w] {
                    month = m
                } else if DateNames.weekdays.contains(w) || DateNames.fillers.contains(w) {
                    continue
                } else if w == "am" || w == "pm" {
                    pm = w == "pm"
                } else if w == "st" || w == "nd" || w == "rd" || w == "th" {
                    continue
                } else if w == "t", hour == nil {
                    continue
                } else {
                    return nil
                }
            case .number(let v, let n):
                k += 1
                if symbol(at: k) == UInt8(ascii: ":") {
                    // hh:mm[:ss[.fff]]
                    guard hour == nil, n <= 2, let (m, mn) = numberValue(at: k + 1), mn == 2 else { return nil }
                    hour = v
                    minute = m
                    k += 2
                    if symbol(at: k) == UInt8(ascii: ":"), let (sec, sn) = numberValue(at: k + 1), sn == 2 {
                        second = sec
                        k += 2
                        if symbol(at: k) == UInt8(ascii: "."), let (f, fn) = numberValue(at: k + 1) {
                            fraction = Double(f) / pow(10, Double(min(fn, 9)))
                            k += 2
                        }
                    }
                } else if let sep = symbol(at: k), sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") || sep == UInt8(ascii: "-"),
                          let (b, bn) = numberValue(at: k + 1), symbol(at: k + 2) == sep, let (c, cn) = numberValue(at: k + 3),
                          year == nil, month == nil, day == nil {
                    // Numeric dates: Y/M/D, D.M.Y; D/M/Y or M/D/Y only when unambiguous.
                    k += 4
                    if n == 4 {
                        (year, month, day) = (v, b, c)
                    } else if cn == 4 || cn == 2 {
                        let y = cn == 2 ? twoDigitYear(c) : c
                        _ = bn
                        if sep == UInt8(ascii: ".") || sep == UInt8(ascii: "-") || v > 12 {
                            (year, month, day) = (y, b, v)
                        } else if b > 12 {
                            (year, month, day) = (y, v, b)
                        } else {
                            return nil
                        }
                    } else {
                        return nil
                    }
                } else if let sep = symbol(at: k), sep == UInt8(ascii: "-"), month == nil, day == nil, n <= 2,
                          k + 1 < tokens.count, case .word(let w, _) = tokens[k + 1], let m = DateNames.months[w] {
                    // 05-Apr-2020
                    day = v
                    month = m
                    k += 2
                    if symbol(at: k) == UInt8(ascii: "-") { k += 1 }
                } else if day == nil && n <= 2 && year == nil {
                    day = v
                } else if year == nil && (n == 4 || (n == 2 && month != nil && day != nil)) {
                    year = n == 4 ? v : twoDigitYear(v)
                } else if day == nil && n <= 2 && month != nil {
                    day = v
                } else if hour == nil && n == 4 && year != nil {
                    // "03 Apr 02 1500 GMT"
                    hour = v / 100
                    minute = v % 100
                } else {
                    return nil
                }
            case .symbol(let c):
                k += 1
                if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")), hour != nil, offset == nil, let (v, n) = numberValue(at: k) {
                    k += 1
                    var minutes: Int?
                    if symbol(at: k) == UInt8(ascii: ":"), let (m, mn) = numberValue(at: k + 1), mn == 2 {
                        minutes = m
                        k += 2
                    }
                    guard let o = zoneOffset(v, digits: n, minutes: minutes) else { return nil }
                    offset = c == UInt8(ascii: "-") ? -o : o
                } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") {
                    continue
                } else {
                    return nil
                }
            }
        }
        guard let year, let month, let day else { return nil }
        var h = hour ?? 0
        if let pm {
            guard (1...12).contains(h) else { return nil }
            if pm && h < 12 { h += 12 }
            if !pm && h == 12 { h = 0 }
        }
        return CivilTime.date(year: year, month: month, day: day, hour: h, minute: minute, second: second,
                              fraction: fraction, offsetSeconds: offset ?? 0)
    }

    private static func twoDigitYear(_ v: Int) -> Int { v < 50 ? 2000 + v : 1900 + v }

    /// Seconds for "0530" (4 digits), "05" with separate minutes, or "5".
    private static func zoneOffset(_ v: Int, digits: Int, minutes: Int?) -> Int? {
        let hours: Int
        var mins = minutes ?? 0
        if digits == 4 {
            guard minutes == nil else { return nil }
            hours = v / 100
            mins = v % 100
        } else if digits <= 2 {
            hours = v
        } else {
            return nil
        }
        guard hours <= 18, mins <= 59 else { return nil }
        return hours * 3600 + mins * 60
    }
}
