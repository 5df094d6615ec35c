import Foundation

/// The syndication format and version a document declares.
public enum FeedFormat: String, Sendable, Codable, CaseIterable {
    case rss090, rss091, rss092, rss093, rss094, rss20, rss10, atom03, atom10, json10, json11
}

/// One parsed source document: feed metadata plus its entries, in document order.
public struct Feed: Sendable, Hashable, Codable {
    public var format: FeedFormat
    public var title: String?
    /// Absolute URL of the feed's web site (its alternate link).
    public var link: String?
    /// The feed's own URL as it declares it (`atom:link rel="self"`, JSON Feed `feed_url`).
    public var selfLink: String?
    /// Description, subtitle or tagline, as sanitized HTML.
    public var description: String?
    public var language: String?
    public var updated: Date?
    public var image: String?
    /// How often the publisher asks to be polled (RSS `ttl`, `sy:updatePeriod`/`sy:updateFrequency`), in seconds.
    public var refreshHint: TimeInterval?
    public var entries: [Entry]

    public init(
        format: FeedFormat, title: String? = nil, link: String? = nil, selfLink: String? = nil,
        description: String? = nil, language: String? = nil, updated: Date? = nil, image: String? = nil,
        refreshHint: TimeInterval? = nil, entries: [Entry] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.selfLink = selfLink
        self.description = description
        self.language = language
        self.updated = updated
        self.image = image
        self.refreshHint = refreshHint
        self.entries = entries
    }
}
