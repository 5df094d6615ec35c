import Foundation

/// Calendar arithmetic without Foundation's calendars: proleptic Gregorian, UTC.
enum CivilTime {
    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// (year, month, day) of a day count since 1970-01-01.
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A validated UTC instant, or nil when a field is out of range.
    static func date(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                     fraction: Double = 0, offsetSeconds: Int = 0) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= daysInMonth(year: year, month: month), (0...24).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), !(hour == 24 && (minute != 0 || second != 0)) else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + min(second, 59)
        return Date(timeIntervalSince1970: Double(seconds - offsetSeconds) + fraction)
    }

    /// RFC 3339 in UTC with seconds precision and a `Z`: `2025-06-14T08:00:00Z`.
    static func rfc3339(_ date: Date) -> String {
        let (y, m, d, rest) = fields(date)
        guard (0...9999).contains(y) else { return interpolated(y, m, d, rest) }
        // NOTE: every entry of `parse --json` has two dates; built by interpolation they cost ~800
        // instructions each, 2% of a corpus parse.
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for k in stride(from: at + width - 1, through: at, by: -1) {
                    out[k] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(y, 0, 4); out[4] = UInt8(ascii: "-"); put(m, 5, 2); out[7] = UInt8(ascii: "-"); put(d, 8, 2)
            out[10] = UInt8(ascii: "T"); put(rest / 3600, 11, 2); out[13] = UInt8(ascii: ":"); put(rest % 3600 / 60, 14, 2)
            out[16] = UInt8(ascii: ":"); put(rest % 60, 17, 2); out[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Civil date and seconds into the day (UTC) of `date`.
    static func fields(_ date: Date) -> (year: Int, month: Int, day: Int, seconds: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86400
        var rest = total % 86400
        if rest < 0 { rest += 86400; days -= 1 }
        let (y, m, d) = civil(days: days)
        return (y, m, d, rest)
    }

    /// `rfc3339` for years outside 0...9999.
    static func interpolated(_ y: Int, _ m: Int, _ d: Int, _ rest: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var year = String(y)
        while year.count < 4 { year = "0" + year }
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}
