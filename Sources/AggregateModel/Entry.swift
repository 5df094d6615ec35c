import Foundation

/// One item of a parsed feed, normalized across formats (see `parse-json.md`).
public struct Entry: Sendable, Hashable, Codable {
    public var id: String?
    /// Plain text.
    public var title: String?
    /// Absolute URL of the article.
    public var link: String?
    public var published: Date?
    public var updated: Date?
    /// Author's name, or e-mail when no name is given.
    public var author: String?
    /// Sanitized HTML with absolute URLs.
    public var summary: String?
    /// Sanitized HTML with absolute URLs.
    public var content: String?
    public var categories: [String]
    public var enclosures: [Enclosure]
    /// Upstream publisher the feed itself names for this entry (RSS `<source>`, Atom `<source>`).
    public var source: DeclaredSource?
    /// Lead image: `media:thumbnail`, an image `media:content`, JSON Feed `image`.
    public var image: String?

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil, published: Date? = nil,
        updated: Date? = nil, author: String? = nil, summary: String? = nil, content: String? = nil,
        categories: [String] = [], enclosures: [Enclosure] = [], source: DeclaredSource? = nil,
        image: String? = nil
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.author = author
        self.summary = summary
        self.content = content
        self.categories = categories
        self.enclosures = enclosures
        self.source = source
        self.image = image
    }
}

/// A media file attached to an entry.
public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// Provenance a feed declares for one of its entries.
public struct DeclaredSource: Sendable, Hashable, Codable {
    public var title: String?
    public var url: String?

    public init(title: String? = nil, url: String? = nil) {
        self.title = title
        self.url = url
    }
}
