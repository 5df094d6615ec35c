import CCurl
import Foundation

/// The header fields of one HTTP response that the fetch stage reports.
struct ResponseHeaders {
    var etag: String?
    var lastModified: String?
    var contentType: String?
    var cacheControl: String?
    var expires: String?
    var retryAfter: String?
    var date: String?
    var location: String?

    /// Records `line` (`Name: value`, CRLF included or not) if it is one of the fields kept.
    mutating func record(line: String) {
        guard let colon = line.firstIndex(of: ":") else { return }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        switch line[..<colon].lowercased() {
        case "etag": etag = value
        case "last-modified": lastModified = value
        case "content-type": contentType = value
        case "cache-control": cacheControl = cacheControl.map { $0 + ", " + value } ?? value
        case "expires": expires = value
        case "retry-after": retryAfter = value
        case "date": date = value
        case "location": location = value
        default: break
        }
    }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    var mediaType: String? {
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return type?.isEmpty == false ? type : nil
    }

    /// The `charset` parameter of `Content-Type`, lower-cased and unquoted.
    var charset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Seconds the response stays fresh: Cache-Control max-age, else Expires minus Date (or now).
    func maxAge(now: Date = Date()) -> TimeInterval? {
        if let cacheControl {
            for directive in cacheControl.split(separator: ",") {
                let pair = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "max-age", let seconds = Int(pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))) {
                    return TimeInterval(max(0, seconds))
                }
            }
        }
        guard let expires else { return nil }
        // An Expires that is not a date (often "0" or "-1") means already expired (RFC 9111, 5.3).
        guard let expiry = HTTPDate.parse(expires) else { return 0 }
        let reference = date.flatMap(HTTPDate.parse) ?? now
        return max(0, expiry.timeIntervalSince(reference))
    }

    /// Seconds to wait from Retry-After: delay-seconds, or an HTTP-date relative to Date (or now).
    func retryAfterSeconds(now: Date = Date()) -> TimeInterval? {
        guard let retryAfter else { return nil }
        if let seconds = Int(retryAfter) { return TimeInterval(max(0, seconds)) }
        guard let when = HTTPDate.parse(retryAfter) else { return nil }
        let reference = date.flatMap(HTTPDate.parse) ?? now
        return max(0, when.timeIntervalSince(reference))
    }
}

/// HTTP dates (IMF-fixdate, RFC 850, asctime) parsed by libcurl's own date parser.
enum HTTPDate {
    static func parse(_ text: String) -> Date? {
        let seconds = curl_getdate(text, nil)
        return seconds == -1 ? nil : Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
