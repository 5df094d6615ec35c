import Foundation

/// One source to fetch, with the validators stored from its last fetch.
public struct FetchRequest: Sendable, Hashable {
    /// The source's stable identifier, echoed in the response.
    public var sourceID: String
    /// An `http(s)` URL, or an absolute path of a local file.
    public var location: String
    /// `ETag` from the last successful fetch, sent as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified` from the last successful fetch, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Allow this source to resolve to loopback, private or link-local addresses.
    public var allowPrivateNetworks: Bool
    /// A form body to POST instead of a GET (WebSub hub notifications).
    public var formBody: String?

    public init(sourceID: String, location: String, etag: String? = nil, lastModified: String? = nil, allowPrivateNetworks: Bool = false) {
        self.sourceID = sourceID
        self.location = location
        self.etag = etag
        self.lastModified = lastModified
        self.allowPrivateNetworks = allowPrivateNetworks
        formBody = nil
    }

    /// True when `location` names a file on this machine rather than an http(s) URL.
    public var isLocalFile: Bool { location.hasPrefix("/") }
}

/// A source that answered: its body, or `notModified` after a conditional GET.
public struct FetchResponse: Sendable, Hashable {
    public var sourceID: String
    /// HTTP status of the final response; 200 for a local file.
    public var status: Int
    /// The decoded body (empty when `notModified`).
    public var body: [UInt8]
    /// The URL (or path) the body came from, after redirects: base for relative links.
    public var finalURL: String
    /// The server answered 304 to the stored validators: nothing changed.
    public var notModified: Bool
    /// Validators to store for the next conditional GET.
    public var etag: String?
    public var lastModified: String?
    /// `Content-Type` without parameters, lower-cased (`application/rss+xml`).
    public var contentType: String?
    /// The `charset` parameter of `Content-Type`, lower-cased, for the parser.
    public var charset: String?
    /// Where the source moved to when the redirect chain started with 301/308 (update the configuration).
    public var permanentRedirect: String?
    /// Freshness the server declared (Cache-Control max-age, else Expires), in seconds.
    public var maxAge: TimeInterval?
    /// Seconds from start to end of the transfer.
    public var elapsed: TimeInterval
    /// Bytes received on the wire (before content decoding); the file size for a local file.
    public var bytes: Int

    public init(
        sourceID: String, status: Int, body: [UInt8], finalURL: String, notModified: Bool = false,
        etag: String? = nil, lastModified: String? = nil, contentType: String? = nil, charset: String? = nil,
        permanentRedirect: String? = nil, maxAge: TimeInterval? = nil, elapsed: TimeInterval = 0, bytes: Int = 0
    ) {
        self.sourceID = sourceID
        self.status = status
        self.body = body
        self.finalURL = finalURL
        self.notModified = notModified
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.charset = charset
        self.permanentRedirect = permanentRedirect
        self.maxAge = maxAge
        self.elapsed = elapsed
        self.bytes = bytes
    }
}

/// What became of one request.
public struct FetchOutcome: Sendable {
    public var request: FetchRequest
    public var result: Result<FetchResponse, FetchError>

    public init(request: FetchRequest, result: Result<FetchResponse, FetchError>) {
        self.request = request
        self.result = result
    }
}
