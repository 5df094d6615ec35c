import AggregateModel

/// A configured source as `sources.opml` lists it.
public struct PublishedSource: Sendable, Hashable {
    public var name: String
    /// Public URL of the feed; sources without an `http(s)` URL are left out of the OPML.
    public var feedURL: String
    public var siteURL: String?
    /// Category slugs.
    public var categories: [String]

    public init(name: String, feedURL: String, siteURL: String? = nil, categories: [String]) {
        self.name = name
        self.feedURL = feedURL
        self.siteURL = siteURL
        self.categories = categories
    }
}

/// Choices about what is published and how it looks.
public struct PublishOptions: Sendable, Hashable {
    /// Folder whose `*.mustache` files replace those of the built-in theme; its other top-level files
    /// (`style.css`, images) are copied to the output folder.
    public var themeDirectory: String?
    /// Also write one page per item under `articles/`.
    public var articlePages: Bool
    /// Mustache template of the attribution ending every item's HTML; nil means `Attribution.defaultTemplate`.
    public var attributionTemplate: String?
    /// WebSub hub URL advertised in the feeds.
    public var hub: String?

    public init(themeDirectory: String? = nil, articlePages: Bool = false, attributionTemplate: String? = nil, hub: String? = nil) {
        self.themeDirectory = themeDirectory
        self.articlePages = articlePages
        self.attributionTemplate = attributionTemplate
        self.hub = hub
    }
}

/// Everything one publish needs; nothing else is read.
public struct PublishInput: Sendable {
    public var site: SiteSettings
    public var categories: [CategorySettings]
    /// Category slug to its items, newest first, already limited.
    public var itemsByCategory: [String: [Item]]
    /// Items of every category for `all.*` and the front page, newest first, limited.
    public var allItems: [Item]
    public var sources: [PublishedSource]
    public var options: PublishOptions

    public init(
        site: SiteSettings, categories: [CategorySettings], itemsByCategory: [String: [Item]], allItems: [Item],
        sources: [PublishedSource], options: PublishOptions = PublishOptions()
    ) {
        self.site = site
        self.categories = categories
        self.itemsByCategory = itemsByCategory
        self.allItems = allItems
        self.sources = sources
        self.options = options
    }
}

/// What a publish did, as paths relative to the output folder, sorted.
public struct PublishReport: Sendable, Hashable {
    /// Files whose bytes changed (or are new).
    public var written: [String]
    /// Files left untouched because their bytes were already right.
    public var unchanged: [String]
    /// Files of an earlier publish that are no longer produced.
    public var removed: [String]

    public init(written: [String] = [], unchanged: [String] = [], removed: [String] = []) {
        self.written = written
        self.unchanged = unchanged
        self.removed = removed
    }
}
