import AggregateModel
import Foundation

/// The HTML pages: front page, one page per category and `all`, optional article pages; what they show (`PageContent`)
/// written by `BuiltInPages` for the built-in theme, rendered by Mustache for any other.
struct HTMLSite {
    let theme: Theme
    let context: FeedContext
    let categories: [CategorySettings]
    let articlePages: Bool

    /// Related items under each item: at most this many.
    static let relatedLimit = 3
    /// Items in "What's hot".
    static let hotLimit = 5
    /// Items in "Latest" on the front page, and headlines per section.
    static let latestLimit = 10
    static let sectionHeadlines = 5

    func categoryPage(_ channel: Channel) -> [UInt8] {
        var frame = self.frame(title: "\(channel.title) — \(context.site.title)", current: channel.slug, root: "", feedsOf: channel.slug)
        frame.description = channel.description.isEmpty ? nil : channel.description
        // Each item's headline once: related stories show it again under other items.
        let headlines = channel.items.map(headline)
        let related = RelatedStories(channel)
        let page = CategoryPage(frame: frame, title: channel.title, items: channel.items.indices.map { index in
            card(channel.items[index], headline: headlines[index], related: related.offsets(for: channel.items[index]).map { headlines[$0] }, root: "")
        })
        return theme.isBuiltIn ? BuiltInPages.category(page) : Array(theme.render("category", page.context).utf8)
    }

    func indexPage(all: Channel, sections: [Channel]) -> [UInt8] {
        let frame = self.frame(title: context.site.title, current: "index", root: "", feedsOf: all.slug)
        let headlines = all.items.map(headline)
        let related = RelatedStories(all)
        let page = IndexPage(
            frame: frame,
            hot: Self.hot(all.items).map(headline),
            latest: all.items.indices.prefix(Self.latestLimit).map { index in
                card(all.items[index], headline: headlines[index], related: related.offsets(for: all.items[index]).map { headlines[$0] }, root: "")
            },
            sections: sections.map { section in
                IndexPage.Section(slug: section.slug, title: section.title, items: section.items.prefix(Self.sectionHeadlines).map(headline))
            })
        return theme.isBuiltIn ? BuiltInPages.index(page) : Array(theme.render("index", page.context).utf8)
    }

    func articlePage(_ item: PublishedItem, in channel: Channel) -> [UInt8] {
        var frame = self.frame(title: "\(item.title.isEmpty ? "Untitled" : item.title) — \(context.site.title)", current: "", root: "../", feedsOf: channel.slug)
        frame.canonical = PublicURL.absolute(item.item.provenance.primaryCredit.link) ?? item.link
        frame.noindex = true
        frame.description = item.summaryText
        var article = card(item, headline: headline(item), related: Self.related(to: item, in: channel).map(headline), root: "../")
        article.contentHTML = item.bodyHTML
        // The body already shows its own first image: no second copy above it.
        if let image = item.leadImage, item.bodyHTML.contains(image) || item.bodyHTML.contains(XMLEscaping.attribute(image)) {
            article.leadImage = nil
        }
        let page = ArticlePage(frame: frame, item: article)
        return theme.isBuiltIn ? BuiltInPages.article(page) : Array(theme.render("article", page.context).utf8)
    }

    /// `articles/` plus a stable hash of the key: keys are URNs and URLs, unfit for file names.
    static func articlePath(for key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "articles/" + String(repeating: "0", count: 16 - hex.count) + hex + ".html"
    }

    /// The last day's stories (counted back from the newest item, not the clock), most reported first.
    static func hot(_ items: [PublishedItem]) -> [PublishedItem] {
        guard let newest = items.map(\.published).max() else { return [] }
        let since = newest.addingTimeInterval(-86_400)
        return items.filter { $0.published >= since }
            .enumerated()
            .sorted { lhs, rhs in
                let (l, r) = (lhs.element, rhs.element)
                if l.reportCount != r.reportCount { return l.reportCount > r.reportCount }
                if l.published != r.published { return l.published > r.published }
                return lhs.offset < rhs.offset
            }
            .prefix(hotLimit).map(\.element)
    }

    /// Items of the same channel sharing tags with `item`: most shared tags first, then newest (`RelatedStories`).
    static func related(to item: PublishedItem, in channel: Channel) -> [PublishedItem] {
        RelatedStories(channel).offsets(for: item).map { channel.items[$0] }
    }

    // MARK: page content

    private func frame(title: String, current: String, root: String, feedsOf slug: String) -> PageFrame {
        var nav = categories.map { PageFrame.NavLink(slug: $0.slug, title: $0.title, current: $0.slug == current) }
        nav.append(PageFrame.NavLink(slug: "all", title: "All stories", current: current == "all"))
        let feedTitle = slug == "all" ? context.site.title : "\(context.site.title) — \(categories.first { $0.slug == slug }?.title ?? slug)"
        return PageFrame(
            pageTitle: title,
            siteTitle: context.site.title,
            siteDescription: context.site.description,
            language: context.site.language.flatMap { $0.isEmpty ? nil : $0 },
            description: context.site.description.isEmpty ? nil : context.site.description,
            canonical: nil,
            noindex: false,
            root: root,
            nav: nav,
            feeds: [
                PageFrame.FeedLink(type: "application/rss+xml", title: feedTitle + " (RSS)", url: context.urls.url(slug + ".xml"), label: "RSS"),
                PageFrame.FeedLink(type: "application/atom+xml", title: feedTitle + " (Atom)", url: context.urls.url(slug + ".atom"), label: "Atom"),
                PageFrame.FeedLink(
                    type: "application/feed+json", title: feedTitle + " (JSON Feed)", url: context.urls.url(slug + ".json"), label: "JSON Feed"),
            ])
    }

    private func headline(_ item: PublishedItem) -> Headline {
        Headline(
            title: item.title.isEmpty ? "Untitled" : item.title,
            link: item.link,
            sourceName: item.item.provenance.primaryCredit.name,
            datetime: item.publishedRFC3339,
            date: FeedDates.human(item.published),
            reportCount: item.reportCount)
    }

    /// The item's card: its `headline` with more about it, and the headlines of `related` stories.
    private func card(_ item: PublishedItem, headline: Headline, related: [Headline], root: String) -> Card {
        Card(
            headline: headline,
            author: item.author,
            readingTime: "\(item.readingMinutes) min read",
            articleURL: articlePages ? root + Self.articlePath(for: item.item.key) : nil,
            leadImage: item.leadImage,
            summaryHTML: item.summaryHTML,
            excerpt: item.summaryHTML == nil ? Self.excerpt(item.bodyHTML) : nil,
            attributionHTML: item.attributionHTML,
            tags: item.item.tags.filter { !$0.isEmpty },
            related: related,
            contentHTML: nil)
    }

    /// The first words of a body shown when the item has no summary.
    static func excerpt(_ html: String, words limit: Int = 50) -> String? {
        let words = HTMLText.plainText(html).split(separator: " ")
        guard !words.isEmpty else { return nil }
        return words.prefix(limit).joined(separator: " ") + (words.count > limit ? " …" : "")
    }
}

extension PublishedItem {
    /// Publishers that carried the story: this one and those merged into it.
    var reportCount: Int { 1 + item.alsoReportedBy.count }
}
