// What the HTML pages show, as typed values: `BuiltInPages` writes them as the built-in templates would, any
// other theme gets them as Mustache contexts (`context`, the keys of `Theme/README.md`).
//
// Absent values are `nil` here and `false` in the contexts, never missing: a missing key makes Mustache look it
// up in the enclosing context and show, say, the outer item's image under a related item.

/// The part of every page that `layout` shows.
struct PageFrame {
    var pageTitle: String
    var siteTitle: String
    var siteDescription: String
    var language: String?
    /// The page's description: the site's, a category's, an article's summary.
    var description: String?
    var canonical: String?
    var noindex: Bool
    /// `""` or `"../"`: the prefix of links to the site's own files.
    var root: String
    var nav: [NavLink]
    var feeds: [FeedLink]

    struct NavLink {
        let slug: String
        let title: String
        let current: Bool
    }

    struct FeedLink {
        let type: String
        let title: String
        let url: String
        let label: String
    }

    var context: [String: Any] {
        [
            "pageTitle": pageTitle,
            "siteTitle": siteTitle,
            "siteDescription": siteDescription,
            "language": language ?? false,
            "description": description ?? false,
            "canonical": canonical ?? false,
            "noindex": noindex,
            "root": root,
            "nav": nav.map { ["slug": $0.slug, "title": $0.title, "current": $0.current] as [String: Any] },
            "feeds": feeds.map { ["type": $0.type, "title": $0.title, "url": $0.url, "label": $0.label] as [String: Any] },
        ]
    }
}

/// One line about an item: the `headline` partial, and the start of a card.
struct Headline {
    let title: String
    let link: String?
    let sourceName: String
    /// RFC 3339.
    let datetime: String
    /// For people.
    let date: String
    let reportCount: Int

    var context: [String: Any] {
        [
            "title": title,
            "link": link ?? false,
            "sourceName": sourceName,
            "datetime": datetime,
            "date": date,
            "hasOtherSources": reportCount > 1,
            "reportCount": reportCount,
        ]
    }
}

/// An item's card (the `item` partial): its headline with more about it, and the headlines of related stories.
struct Card {
    let headline: Headline
    let author: String?
    let readingTime: String
    let articleURL: String?
    var leadImage: String?
    let summaryHTML: String?
    let excerpt: String?
    let attributionHTML: String
    let tags: [String]
    let related: [Headline]
    /// The whole body: on article pages only.
    var contentHTML: String?

    var context: [String: Any] {
        var card = headline.context
        card["author"] = author ?? false
        card["readingTime"] = readingTime
        card["articleURL"] = articleURL ?? false
        card["leadImage"] = leadImage ?? false
        card["summaryHTML"] = summaryHTML ?? false
        card["excerpt"] = excerpt ?? false
        card["attributionHTML"] = attributionHTML
        card["hasTags"] = !tags.isEmpty
        card["tags"] = tags
        card["hasRelated"] = !related.isEmpty
        card["related"] = related.map(\.context)
        card["contentHTML"] = contentHTML ?? false
        return card
    }
}

/// A category's page, or `all`'s.
struct CategoryPage {
    var frame: PageFrame
    let title: String
    let items: [Card]

    var context: [String: Any] {
        var page = frame.context
        page["title"] = title
        page["items"] = items.map(\.context)
        return page
    }
}

/// The front page.
struct IndexPage {
    var frame: PageFrame
    let hot: [Headline]
    let latest: [Card]
    let sections: [Section]

    struct Section {
        let slug: String
        let title: String
        let items: [Headline]
    }

    var context: [String: Any] {
        var page = frame.context
        page["hasHot"] = !hot.isEmpty
        page["hot"] = hot.map(\.context)
        page["latest"] = latest.map(\.context)
        page["sections"] = sections.map { section -> [String: Any] in
            ["slug": section.slug, "title": section.title, "hasItems": !section.items.isEmpty, "items": section.items.map(\.context)]
        }
        return page
    }
}

/// An item's own page.
struct ArticlePage {
    var frame: PageFrame
    let item: Card

    var context: [String: Any] {
        var page = frame.context
        page["item"] = item.context
        return page
    }
}
