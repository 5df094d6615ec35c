import Foundation

/// Everything `feeds.conf` says, with paths made absolute.
public struct Configuration: Sendable, Hashable {
    public var site: SiteSettings
    public var categories: [CategorySettings]
    public var sources: [SourceSettings]
    /// Absolute path of the file this was read from.
    public var path: String

    public init(site: SiteSettings, categories: [CategorySettings], sources: [SourceSettings], path: String) {
        self.site = site
        self.categories = categories
        self.sources = sources
        self.path = path
    }
}

/// The `[site]` section.
public struct SiteSettings: Sendable, Hashable {
    public var title: String
    public var description: String
    /// Public URL the output folder is served at, ending in `/`.
    public var baseURL: String
    /// Absolute path of the output folder.
    public var outputDirectory: String
    /// Absolute path of the cache folder (store, lock, run reports).
    public var cacheDirectory: String
    /// Items in each category feed.
    public var itemsPerFeed: Int
    public var language: String?
    /// `ttl` advertised in the outputs, in minutes.
    public var ttlMinutes: Int?
    /// Fetch limits.
    public var fetch: FetchSettings
    /// Items of any source matching this are dropped.
    public var exclude: PatternSetting?
    /// How the same story is recognised across sources.
    public var dedupe: DedupeSettings
    /// Publishing choices beyond the feeds themselves.
    public var publishing: PublishingSettings

    public init(
        title: String, description: String, baseURL: String, outputDirectory: String, cacheDirectory: String,
        itemsPerFeed: Int = 50, language: String? = nil, ttlMinutes: Int? = nil, fetch: FetchSettings = FetchSettings()
    ) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.outputDirectory = outputDirectory
        self.cacheDirectory = cacheDirectory
        self.itemsPerFeed = itemsPerFeed
        self.language = language
        self.ttlMinutes = ttlMinutes
        self.fetch = fetch
        exclude = nil
        dedupe = DedupeSettings()
        publishing = PublishingSettings()
    }
}

/// A regular expression from `feeds.conf`, matched case-insensitively, with where it was written.
public struct PatternSetting: Sendable, Hashable {
    public var pattern: String
    /// `file:line`.
    public var origin: String

    public init(pattern: String, origin: String) {
        self.pattern = pattern
        self.origin = origin
    }
}

/// `dedupe_threshold`, `dedupe_window`, `tracking_parameters` in `[site]`.
public struct DedupeSettings: Sendable, Hashable {
    /// Headline similarity (0–1) from which two items are one story.
    public var threshold: Double
    /// Seconds apart two items may be and still be one story.
    public var window: TimeInterval
    /// Query parameters to drop from links, beyond the built-in tracking list.
    public var trackingParameters: [String]

    public init(threshold: Double = 0.75, window: TimeInterval = 48 * 3600, trackingParameters: [String] = []) {
        self.threshold = threshold
        self.window = window
        self.trackingParameters = trackingParameters
    }
}

/// `theme`, `article_pages`, `hub`, `attribution` in `[site]`.
public struct PublishingSettings: Sendable, Hashable {
    /// Folder of templates that replace the built-in theme.
    public var themeDirectory: String?
    /// Write one page per item.
    public var articlePages: Bool
    /// WebSub hub to link and ping.
    public var hub: String?
    /// HTML appended to each republished item; see docs/feeds-conf.md for its placeholders.
    public var attributionTemplate: String?

    public init(themeDirectory: String? = nil, articlePages: Bool = false, hub: String? = nil, attributionTemplate: String? = nil) {
        self.themeDirectory = themeDirectory
        self.articlePages = articlePages
        self.hub = hub
        self.attributionTemplate = attributionTemplate
    }
}

/// Limits and manners of the fetch stage, from `[site]`.
public struct FetchSettings: Sendable, Hashable {
    /// Seconds for a whole transfer.
    public var timeout: TimeInterval
    /// Seconds to establish a connection.
    public var connectTimeout: TimeInterval
    /// Largest decoded body accepted, in bytes.
    public var maxBytes: Int
    /// Transfers at once.
    public var concurrency: Int
    /// Transfers at once to one host.
    public var perHost: Int
    /// Allow remote sources that resolve to loopback, private or link-local addresses.
    public var allowPrivateNetworks: Bool

    public init(
        timeout: TimeInterval = 30, connectTimeout: TimeInterval = 10, maxBytes: Int = 16 << 20,
        concurrency: Int = 16, perHost: Int = 2, allowPrivateNetworks: Bool = false
    ) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxBytes = maxBytes
        self.concurrency = concurrency
        self.perHost = perHost
        self.allowPrivateNetworks = allowPrivateNetworks
    }
}

/// A `[category SLUG]` section.
public struct CategorySettings: Sendable, Hashable {
    /// File-name-safe identifier: lower-case ASCII letters, digits and `-`.
    public var slug: String
    public var title: String
    public var description: String
    /// Items of any source matching this join the category.
    public var match: PatternSetting?
    /// Items matching this are kept out of the category.
    public var exclude: PatternSetting?
    /// Items older than this many seconds leave the category.
    public var maxAge: TimeInterval?
    /// At most this many items of one source in the category's feed.
    public var perSource: Int?

    public init(slug: String, title: String, description: String, match: PatternSetting? = nil, exclude: PatternSetting? = nil, maxAge: TimeInterval? = nil, perSource: Int? = nil) {
        self.slug = slug
        self.title = title
        self.description = description
        self.match = match
        self.exclude = exclude
        self.maxAge = maxAge
        self.perSource = perSource
    }
}

/// One source line.
public struct SourceSettings: Sendable, Hashable {
    /// Stable identifier: the `id=` option, else the location as written.
    public var id: String
    /// An `http(s)` URL, or an absolute path of a local file.
    public var location: String
    public var name: String
    /// Category slugs, at least one.
    public var categories: [String]
    /// Home page to credit; defaults to the feed's own link.
    public var siteURL: String?
    /// Public URL of the feed to credit when `location` is a local file; defaults to the feed's self link.
    public var feedURL: String?
    /// Seconds between fetches; nil means the site default.
    public var refresh: TimeInterval?
    /// Lower wins when the same story comes from several sources.
    public var priority: Int
    /// Allow this source to resolve to private addresses.
    public var allowPrivateNetworks: Bool
    /// `file:line` of the source line, for messages.
    public var origin: String
    /// This source's items matching this are dropped.
    public var exclude: PatternSetting?

    public init(
        id: String, location: String, name: String, categories: [String], siteURL: String? = nil,
        feedURL: String? = nil, refresh: TimeInterval? = nil, priority: Int = 100,
        allowPrivateNetworks: Bool = false, origin: String = ""
    ) {
        self.id = id
        self.location = location
        self.name = name
        self.categories = categories
        self.siteURL = siteURL
        self.feedURL = feedURL
        self.refresh = refresh
        self.priority = priority
        self.allowPrivateNetworks = allowPrivateNetworks
        self.origin = origin
    }

    /// True when the source is read from the local file system.
    public var isLocalFile: Bool { !(location.hasPrefix("http://") || location.hasPrefix("https://")) }
}
