import Foundation

/// What the store remembers of one source between runs.
public struct SourceState: Sendable, Hashable, Codable {
    public var sourceID: String
    public var location: String
    /// Hash of the source's configuration line; a change clears `gone` and the backoff.
    public var configHash: String?
    public var etag: String?
    public var lastModified: String?
    /// Hash of the last body parsed, to skip an unchanged body served without validators.
    public var bodyHash: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextDue: Date?
    /// Where a 301/308 said the feed now lives.
    public var permanentRedirect: String?
    /// The server answered 410 Gone.
    public var gone: Bool
    public var feedTitle: String?
    public var siteURL: String?
    public var feedURL: String?
    /// Seconds between fetches the publisher asked for (ttl, sy:, max-age).
    public var refreshHint: TimeInterval?

    public init(
        sourceID: String, location: String, configHash: String? = nil, etag: String? = nil,
        lastModified: String? = nil, bodyHash: String? = nil, lastAttempt: Date? = nil, lastSuccess: Date? = nil,
        lastError: String? = nil, consecutiveFailures: Int = 0, nextDue: Date? = nil,
        permanentRedirect: String? = nil, gone: Bool = false, feedTitle: String? = nil, siteURL: String? = nil,
        feedURL: String? = nil, refreshHint: TimeInterval? = nil
    ) {
        self.sourceID = sourceID
        self.location = location
        self.configHash = configHash
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.lastAttempt = lastAttempt
        self.lastSuccess = lastSuccess
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.nextDue = nextDue
        self.permanentRedirect = permanentRedirect
        self.gone = gone
        self.feedTitle = feedTitle
        self.siteURL = siteURL
        self.feedURL = feedURL
        self.refreshHint = refreshHint
    }
}
