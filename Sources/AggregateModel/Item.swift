import Foundation

/// Who published an item: the "Source link" every output shows.
public struct Credit: Sendable, Hashable, Codable {
    /// The configured source's id (see `SourceSettings.id`); empty for an upstream publisher.
    public var sourceID: String
    /// Display name of the publisher.
    public var name: String
    /// URL of the feed the item was read from.
    public var feedURL: String?
    /// Home page of the publisher.
    public var siteURL: String?
    /// The original article's URL at this publisher.
    public var link: String?

    public init(sourceID: String, name: String, feedURL: String? = nil, siteURL: String? = nil, link: String? = nil) {
        self.sourceID = sourceID
        self.name = name
        self.feedURL = feedURL
        self.siteURL = siteURL
        self.link = link
    }
}

/// Where an item came from, kept from the moment it is parsed.
public struct Provenance: Sendable, Hashable, Codable {
    /// The configured source that delivered the item.
    public var source: Credit
    /// The entry's id in the source feed.
    public var originalID: String?
    public var originalAuthor: String?
    /// The upstream publisher the source feed names for this entry, credited in outputs when present.
    public var upstream: Credit?

    public init(source: Credit, originalID: String? = nil, originalAuthor: String? = nil, upstream: Credit? = nil) {
        self.source = source
        self.originalID = originalID
        self.originalAuthor = originalAuthor
        self.upstream = upstream
    }

    /// The publisher to credit first: the upstream one when the feed names it.
    public var primaryCredit: Credit { upstream ?? source }
}

/// A merged item as the store keeps it and the writers publish it.
public struct Item: Sendable, Hashable, Codable {
    /// Stable identity across runs and outputs (`guid`, Atom `id`, JSON Feed `id`).
    public var key: String
    public var title: String
    /// The original article's URL.
    public var link: String?
    public var published: Date?
    public var updated: Date?
    /// When this tool first saw the item; dates in the future are clamped to it.
    public var firstSeen: Date
    public var author: String?
    public var summary: String?
    public var content: String?
    public var tags: [String]
    public var enclosures: [Enclosure]
    public var image: String?
    public var provenance: Provenance
    /// Other publishers of the same story, merged into this item.
    public var alsoReportedBy: [Credit]
    /// Slugs of the categories this item is published in.
    public var categories: [String]

    public init(
        key: String, title: String, link: String?, published: Date?, updated: Date?, firstSeen: Date,
        author: String?, summary: String?, content: String?, tags: [String], enclosures: [Enclosure],
        image: String?, provenance: Provenance, alsoReportedBy: [Credit] = [], categories: [String]
    ) {
        self.key = key
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.firstSeen = firstSeen
        self.author = author
        self.summary = summary
        self.content = content
        self.tags = tags
        self.enclosures = enclosures
        self.image = image
        self.provenance = provenance
        self.alsoReportedBy = alsoReportedBy
        self.categories = categories
    }

    /// The date readers sort and see: published, else updated, else first seen.
    public var displayDate: Date { published ?? updated ?? firstSeen }
}
