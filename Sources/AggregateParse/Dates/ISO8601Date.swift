import Foundation

/// RFC 3339, ISO 8601 extended and basic forms, W3CDTF partial dates (`2003`, `2003-12`).
enum ISO8601Date {
    static func parse(_ s: ArraySlice<UInt8>) -> Date? {
        var i = s.startIndex
        let end = s.endIndex
        func number(_ count: Int) -> Int? {
            guard i + count <= end else { return nil }
            var v = 0
            for k in 0..<count {
                let b = s[i + k]
                guard isDigit(b) else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            i += count
            return v
        }
        func peek() -> UInt8? { i < end ? s[i] : nil }
        guard let year = number(4) else { return nil }
        var month = 1, day = 1
        let extended = peek() == UInt8(ascii: "-")
        if extended {
            i += 1
            guard let m = number(2) else { return nil }
            month = m
            if peek() == UInt8(ascii: "-") {
                i += 1
                guard let d = number(2) else { return nil }
                day = d
            }
        } else if i < end {
            guard let m = number(2), let d = number(2) else { return nil }
            month = m
            day = d
        }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        if let b = peek(), b == UInt8(ascii: "T") || b == UInt8(ascii: "t") || b == UInt8(ascii: " ") {
            i += 1
            while peek() == UInt8(ascii: " ") { i += 1 }
            guard let h = number(2) else { return nil }
            hour = h
            if peek() == UInt8(ascii: ":") { i += 1 }
            if let b = peek(), isDigit(b) {
                guard let m = number(2) else { return nil }
                minute = m
                if peek() == UInt8(ascii: ":") { i += 1 }
                if let b = peek(), isDigit(b) {
                    guard let sec = number(2) else { return nil }
                    second = sec
                    if let b = peek(), b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                        i += 1
                        var scale = 0.1
                        while let d = peek(), isDigit(d) {
                            fraction += Double(d - 0x30) * scale
                            scale /= 10
                            i += 1
                        }
                    }
                }
            }
            while peek() == UInt8(ascii: " ") { i += 1 }
            if let b = peek() {
                if b == UInt8(ascii: "Z") || b == UInt8(ascii: "z") {
                    i += 1
                } else if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                    i += 1
                    guard let oh = number(2) else { return nil }
                    var om = 0
                    if peek() == UInt8(ascii: ":") { i += 1 }
                    if let d = peek(), isDigit(d) {
                        guard let m = number(2) else { return nil }
                        om = m
                    }
                    guard oh <= 18, om <= 59 else { return nil }
                    offset = (oh * 3600 + om * 60) * (b == UInt8(ascii: "-") ? -1 : 1)
                } else {
                    // "2020-01-01 10:00:00 GMT" and similar: a zone name.
                    var word = ""
                    while let c = peek(), (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A {
                        word.unicodeScalars.append(Unicode.Scalar(c | 0x20))
                        i += 1
                    }
                    guard let zone = DateNames.zones[word], word.count > 1 else { return nil }
                    offset = zone
                }
            }
        }
        while let b = peek(), isSpace(b) { i += 1 }
        guard i == end else { return nil }
        return CivilTime.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                              fraction: fraction, offsetSeconds: offset)
    }
}
