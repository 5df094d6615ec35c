import Foundation
internal import AggregateModel

/// Maps RSS channels and items onto the common model (one adapter per format family).
final class RSSAdapter {
    let context: AdapterContext
    private(set) var entries: [Entry] = []

    init(context: AdapterContext) { self.context = context }

    private func updateFallback(_ channel: RSSChannel) {
        guard context.fallbackBase == nil else { return }
        if let selfLink = channel.selfLink, URLResolver.scheme(of: selfLink) != nil {
            context.fallbackBase = selfLink
        } else if let link = channel.link.map(ByteText.trimmed),
                  let resolved = Optional(URLResolver.resolve(link, against: channel.linkBase)),
                  URLResolver.isSafeAbsolute(resolved) {
            context.fallbackBase = resolved
        }
    }

    func add(_ item: RSSItem, channel: RSSChannel) {
        updateFallback(channel)
        var entry = Entry()
        let guid = item.guid.map(ByteText.trimmed)
        entry.id = guid?.isEmpty == false ? guid : nil
        entry.title = context.title(item.title, isHTML: false)
        // NOTE: FeedBurner rewrites <link> to its redirector and keeps the publisher's URL in origLink.
        var link = context.link(item.origLink, base: item.base)
            ?? context.link(item.link, base: item.base)
            ?? context.link(item.atomAlternate, base: item.base)
        if link == nil, item.guidIsPermaLink, let guid = entry.id, URLResolver.isSafeAbsolute(guid) {
            link = guid
        }
        entry.link = link
        entry.published = context.date(item.pubDate, field: "pubDate") ?? context.date(item.dcDate, field: "dc:date")
        entry.updated = context.date(item.updated, field: "updated")
        entry.author = context.author(item.dcCreator) ?? context.author(item.author) ?? context.author(item.itunesAuthor)
        entry.content = context.html(item.contentEncoded, base: item.contentBase ?? item.base)
        entry.summary = context.html(item.description, base: item.descriptionBase ?? item.base)
            ?? context.html(item.mediaDescription, base: item.base)
            ?? context.textAsHTML(item.itunesSummary)
        entry.categories = context.categories(item.categories)
        entry.enclosures = context.enclosures(item.enclosures)
        entry.image = context.image(thumbnail: item.thumbnail, enclosures: item.enclosures, itunes: item.itunesImage)
        if item.hasSource {
            let title = context.text(item.sourceTitle)
            let url = item.sourceURL.flatMap { context.link($0, base: item.base) }
            if title != nil || url != nil { entry.source = DeclaredSource(title: title, url: url) }
        }
        entries.append(entry)
    }

    func feed(_ channel: RSSChannel, format: FeedFormat) -> Feed {
        updateFallback(channel)
        var feed = Feed(format: format)
        feed.title = context.title(channel.title, isHTML: false)
        feed.link = context.link(channel.link, base: channel.linkBase) ?? channel.atomAlternate
        feed.selfLink = channel.selfLink
        feed.description = context.html(channel.description, base: channel.descriptionBase)
        feed.language = context.text(channel.language)
        feed.updated = context.date(channel.lastBuildDate, field: "lastBuildDate")
            ?? context.date(channel.pubDate, field: "pubDate")
            ?? context.date(channel.dcDate, field: "dc:date")
        feed.image = context.link(channel.imageURL, base: channel.linkBase) ?? channel.itunesImage
        feed.refreshHint = RefreshHint.seconds(ttl: channel.ttl, period: channel.updatePeriod, frequency: channel.updateFrequency)
        feed.entries = entries
        return feed
    }

    /// Tabs and space separators (`CharacterSet.whitespaces`) trimmed at both ends, without setting up a
    /// CharacterSet for every feed.
    private static func trimmedSpaces(_ s: String) -> String {
        if let first = s.utf8.first, let last = s.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return s }
        let isSpace = { (c: Unicode.Scalar) in c == "\t" || c.properties.generalCategory == .spaceSeparator }
        var scalars = Substring(s).unicodeScalars
        while let c = scalars.first, isSpace(c) { scalars.removeFirst() }
        while let c = scalars.last, isSpace(c) { scalars.removeLast() }
        return String(scalars)
    }

    /// The format an RSS document declares.
    static func format(version: String?, isRDF: Bool, sawRSS090: Bool) -> FeedFormat {
        if isRDF { return sawRSS090 ? .rss090 : .rss10 }
        switch version.map(trimmedSpaces) {
        case "0.9", "0.90": return .rss090
        case "0.91": return .rss091
        case "0.92": return .rss092
        case "0.93": return .rss093
        case "0.94": return .rss094
        default: return .rss20
        }
    }
}

/// How often a publisher asks to be polled, in seconds.
enum RefreshHint {
    static func seconds(ttl: String?, period: String?, frequency: String?) -> TimeInterval? {
        if let ttl = ttl.flatMap({ Int(ByteText.trimmed($0)) }), ttl > 0 {
            return TimeInterval(ttl * 60)
        }
        guard period != nil || frequency != nil else { return nil }
        let length: Int
        switch period?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() ?? "daily" {
        case "hourly": length = 3600
        case "daily": length = 86400
        case "weekly": length = 7 * 86400
        case "monthly": length = 30 * 86400
        case "yearly": length = 365 * 86400
        default: return nil
        }
        let times = frequency.flatMap { Int(ByteText.trimmed($0)) } ?? 1
        guard times > 0 else { return nil }
        return TimeInterval(length / times)
    }
}
