import Foundation

/// Why a source could not be fetched; each message names the source's location and what to do.
public enum FetchError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The location is neither an http(s) URL nor an absolute path.
    case invalidLocation(String)
    /// The location, or a redirect, leads to a scheme other than http and https.
    case forbiddenScheme(url: String, target: String)
    /// The host name does not resolve.
    case resolveFailed(url: String, reason: String)
    /// No connection could be made (refused, unreachable, reset).
    case connectionFailed(url: String, reason: String)
    /// The host resolves to a loopback, private, link-local or unspecified address and that was not allowed.
    case privateAddress(url: String, address: String)
    /// No connection within the connect timeout.
    case connectTimedOut(url: String, seconds: TimeInterval)
    /// The transfer did not finish within the timeout.
    case timedOut(url: String, seconds: TimeInterval)
    /// The server sent almost nothing for too long.
    case stalled(url: String, seconds: TimeInterval)
    /// The decoded body is, or was announced to be, larger than the limit.
    case tooLarge(url: String, limit: Int)
    /// More redirects than allowed, or a redirect loop.
    case tooManyRedirects(url: String, limit: Int)
    /// TLS handshake or certificate verification failed.
    case tlsFailed(url: String, reason: String)
    /// The server answered with an error status (or a redirect without a usable target).
    case httpStatus(url: String, code: Int, retryAfter: TimeInterval?)
    /// 410 Gone: the feed was removed on purpose.
    case gone(url: String)
    /// The body could not be decoded (bad gzip, deflate, br or zstd data).
    case badContentEncoding(url: String, reason: String)
    /// The transfer broke off for another reason libcurl reported.
    case transferFailed(url: String, reason: String)
    /// A local file could not be read.
    case fileUnreadable(path: String, reason: String)

    /// Seconds the server asked us to wait (Retry-After on 429 and 503).
    /// The server said 410 Gone: the feed will not come back at this address.
    public var isGone: Bool {
        if case .gone = self { return true }
        return false
    }

    public var retryAfter: TimeInterval? {
        if case .httpStatus(_, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// The URL or path of the source this error is about.
    public var location: String {
        switch self {
        case .invalidLocation(let url): url
        case .forbiddenScheme(let url, _), .resolveFailed(let url, _), .connectionFailed(let url, _),
             .privateAddress(let url, _), .connectTimedOut(let url, _), .timedOut(let url, _), .stalled(let url, _),
             .tooLarge(let url, _), .tooManyRedirects(let url, _), .tlsFailed(let url, _), .httpStatus(let url, _, _),
             .gone(let url), .badContentEncoding(let url, _), .transferFailed(let url, _): url
        case .fileUnreadable(let path, _): path
        }
    }

    public var description: String {
        "fetch: \(location): " + explanation
    }

    private var explanation: String {
        switch self {
        case .invalidLocation:
            return "not an http(s) URL nor an absolute file path (fix the source line in feeds.conf)"
        case .forbiddenScheme(let url, let target):
            return target == url
                ? "only http and https sources can be fetched (use an http(s) URL or an absolute file path)"
                : "redirected to \(target), which is neither http nor https; refused (point the source at a feed served over http(s))"
        case .resolveFailed(_, let reason):
            return "host name does not resolve (\(reason)); check the URL and the network's DNS"
        case .connectionFailed(_, let reason):
            return "could not connect (\(reason)); the server may be down, try again later"
        case .privateAddress(_, let address):
            return "resolves to the private or loopback address \(address); refused (add allow_private_networks=yes to the source line if this is intended)"
        case .connectTimedOut(_, let seconds):
            return "no connection within \(Self.format(seconds)) s (limit: connect_timeout in [site]); the server may be down"
        case .timedOut(_, let seconds):
            return "timed out after \(Self.format(seconds)) s (limit: timeout in [site])"
        case .stalled(_, let seconds):
            return "the server sent almost nothing for \(Self.format(seconds)) s; gave up (try again later)"
        case .tooLarge(_, let limit):
            return "body larger than \(Self.formatBytes(limit)) once decoded; refused (limit: max_size in [site])"
        case .tooManyRedirects(_, let limit):
            return "more than \(limit) redirects (a redirect loop?); open the URL in a browser and use the final address"
        case .tlsFailed(_, let reason):
            return "TLS failed (\(reason)); the server's certificate may be invalid or expired"
        case .httpStatus(_, let code, let retryAfter):
            var text = "the server answered HTTP \(code)"
            switch code {
            case 300..<400: text += " without a usable redirect target"
            case 401, 403: text += "; access refused (the feed may need a login, or blocks this client)"
            case 404: text += "; the feed is not there any more (check the URL)"
            case 429: text += "; too many requests"
            case 500..<600: text += "; server error, try again later"
            default: break
            }
            if let retryAfter { text += " (asks to retry after \(Self.format(retryAfter)) s)" }
            return text
        case .gone:
            return "the server answered HTTP 410 Gone: the feed was removed (delete the source from feeds.conf)"
        case .badContentEncoding(_, let reason):
            return "the compressed body could not be decoded (\(reason)); the server sent broken data"
        case .transferFailed(_, let reason):
            return "transfer failed (\(reason)); try again later"
        case .fileUnreadable(_, let reason):
            return "cannot read the file (\(reason)); check the path in feeds.conf"
        }
    }

    private static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }

    private static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
