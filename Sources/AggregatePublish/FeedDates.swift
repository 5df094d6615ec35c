import Foundation

/// Date formats of the outputs, computed by hand in UTC so they never depend on locale or time zone.
enum FeedDates {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The epoch, the `updated` of an Atom feed that has no items.
    static let epoch = Date(timeIntervalSince1970: 0)

    /// RFC 822 (as RSS 2.0 uses it, with a four-digit year): `Sat, 14 Jun 2025 08:00:00 +0000`.
    static func rfc822(_ date: Date) -> String {
        let c = components(date)
        return "\(weekdays[c.weekday]), \(pad(c.day)) \(months[c.month - 1]) \(pad(c.year, 4)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) +0000"
    }

    /// RFC 3339 in UTC, whole seconds: `2025-06-14T08:00:00Z`.
    static func rfc3339(_ date: Date) -> String {
        let c = components(date)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
    }

    /// For people: `14 Jun 2025, 08:00 UTC`.
    static func human(_ date: Date) -> String {
        let c = components(date)
        return "\(c.day) \(months[c.month - 1]) \(c.year), \(pad(c.hour)):\(pad(c.minute)) UTC"
    }

    struct Components {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int
    }

    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the dates every output format can write.
    static let representable = Date(timeIntervalSince1970: -62_135_596_800)...Date(timeIntervalSince1970: 253_402_300_799)

    static func components(_ date: Date) -> Components {
        // NOTE: feeds carry years 0, -1 and 99999; outside four digits no format has a spelling for them.
        let date = min(max(date, representable.lowerBound), representable.upperBound)
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = floorDiv(total, 86_400)
        let secondsOfDay = total - days * 86_400
        // Civil-from-days (H. Hinnant), proleptic Gregorian calendar.
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7) % 7
        return Components(
            year: year, month: month, day: day, hour: secondsOfDay / 3600, minute: secondsOfDay % 3600 / 60,
            second: secondsOfDay % 60, weekday: weekday)
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
