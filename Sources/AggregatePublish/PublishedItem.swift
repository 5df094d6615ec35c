import AggregateModel
import Foundation

/// One item as every writer shows it: the republishable parts chosen once, URLs checked, attribution rendered.
struct PublishedItem: Sendable {
    let item: Item
    /// The title on one line, without characters XML forbids.
    let title: String
    /// Link to the original article, when absolute.
    let link: String?
    /// The HTML body: content, else summary, else nothing; without attribution.
    let bodyHTML: String
    /// The item's summary HTML, when it has one.
    let summaryHTML: String?
    /// Plain-text summary for JSON Feed's `summary` and HTML meta.
    let summaryText: String?
    /// The attribution ending every republished body.
    let attributionHTML: String
    /// Lead image: the item's image, an image enclosure, or the first `<img>` of the content.
    let leadImage: String?
    /// Whole minutes at 200 words a minute, at least 1.
    let readingMinutes: Int
    /// Published, else updated, else first seen.
    let published: Date
    /// Updated, else published: never before `published`.
    let updated: Date
    /// `published` and `updated` in RFC 3339 (Atom, JSON Feed, the pages' `datetime`).
    let publishedRFC3339: String
    let updatedRFC3339: String
    /// The author on one line, when there is one.
    let author: String?
    /// Author, else the credited publisher's name (Atom requires a name).
    let authorOrSource: String
    /// Enclosures with absolute URLs.
    let enclosures: [Enclosure]
    /// The tags, lowercased: what related stories share.
    let relatedTags: Set<String>
    /// Its entry in each feed format, written once: an item is in several channels, the same in each.
    private(set) var entries = FeedEntries()

    init(_ item: Item, attribution: Attribution) {
        self.item = item
        title = HTMLText.collapseWhitespace(XMLEscaping.allowedScalars(item.title))
        link = PublicURL.absolute(item.link) ?? PublicURL.absolute(item.provenance.primaryCredit.link)
        let content = item.content.flatMap { $0.isEmpty ? nil : $0 }
        let summary = item.summary.flatMap { $0.isEmpty ? nil : $0 }
        bodyHTML = content ?? summary ?? ""
        summaryHTML = summary
        attributionHTML = attribution.html(for: item)
        enclosures = item.enclosures.filter { PublicURL.isAbsoluteHTTP($0.url) }
        leadImage = PublicURL.absolute(item.image)
            ?? enclosures.first(where: { $0.type?.lowercased().hasPrefix("image/") == true })?.url
            ?? PublicURL.absolute(content.flatMap(HTMLText.firstImageSource))
        let words = HTMLText.wordCount(bodyHTML)
        readingMinutes = max(1, (words + 199) / 200)
        published = item.displayDate
        updated = max(item.updated ?? item.displayDate, item.displayDate)
        publishedRFC3339 = FeedDates.rfc3339(published)
        updatedRFC3339 = FeedDates.rfc3339(updated)
        author = item.author.map(HTMLText.collapseWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        authorOrSource = author ?? item.provenance.primaryCredit.name
        relatedTags = Set(item.tags.map { $0.lowercased() })
        summaryText = summary.map { HTMLText.plainText($0) }.flatMap { $0.isEmpty ? nil : $0 }
        entries = FeedEntries(rss: RSSWriter.entry(self), atom: AtomWriter.entry(self), json: JSONFeedWriter.entry(self))
    }

    /// The body with its attribution: what RSS `content:encoded`, Atom `content`, JSON `content_html` carry.
    var contentWithAttribution: String { bodyHTML + attributionHTML }

    /// The credit to name as the source feed: the primary one, else the configured source when only it has a feed URL.
    var sourceFeedCredit: Credit? {
        let primary = item.provenance.primaryCredit
        if PublicURL.isAbsoluteHTTP(primary.feedURL) { return primary }
        if PublicURL.isAbsoluteHTTP(item.provenance.source.feedURL) { return item.provenance.source }
        return nil
    }
}

/// An item's entries in the feeds: the bytes of RSS `<item>`, Atom `<entry>` and the JSON Feed item.
struct FeedEntries: Sendable {
    var rss: [UInt8] = []
    var atom: [UInt8] = []
    var json: [UInt8] = []
}

/// A feed to write: one category, or `all`.
struct Channel: Sendable {
    let slug: String
    let title: String
    let description: String
    let items: [PublishedItem]

    /// The date the feed last changed: its newest item's update, never the clock.
    var updated: Date? { items.map(\.updated).max() }
}
