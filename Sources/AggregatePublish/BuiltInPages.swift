import AggregateModel

/// The pages of the built-in theme written as its templates render them, byte for byte, without Mustache.
/// `Theme.isBuiltIn` says when: every template the pages use is the text this file was written from
/// (`templatesDigest`); any other theme is rendered by Mustache from `PageContent`'s contexts.
///
/// NOTE: swift-mustache cost 1.6 M instructions a card on the 1,000-feed corpus (0.8 G of the 1.06 G a publish
/// took): every `{{name}}` looked its name up through the context stack by dynamic casts and `Mirror`, split it on
/// dots, and escaped its value a Character at a time through a Dictionary. Tests hold this file to the templates
/// (`BuiltInPagesTests`): the same pages from Mustache and from here, on every branch of every template.
enum BuiltInPages {
    /// `StableHash.hex(joining:separator: 0)` of the templates `Theme.requiredTemplates` names, in that order.
    static let templatesDigest = "ffdebe65f3b10f3580a7e5ad943f5ac6"

    /// True when `templates` (by name) are those this file writes.
    static func matches(_ templates: [String: String]) -> Bool {
        digest(templates) == templatesDigest
    }

    static func digest(_ templates: [String: String]) -> String {
        StableHash.hex(joining: Theme.requiredTemplates.map { templates[$0] ?? "" }, separator: 0)
    }

    /// `category.mustache`.
    static func category(_ page: CategoryPage) -> [UInt8] {
        var out = PageBytes()
        layout(page.frame, &out) { out in
            out.add("<header class=\"page-header\">\n<h1>")
            out.text(page.title)
            out.add("</h1>\n")
            if let description = page.frame.description {
                out.add("<p>")
                out.text(description)
                out.add("</p>\n")
            }
            out.add("<p class=\"feeds\">")
            for feed in page.frame.feeds {
                out.linked(feed.label, to: feed.url)
                out.add(" ")
            }
            out.add("</p>\n</header>\n")
            if page.items.isEmpty {
                out.add("<p class=\"empty\">Nothing in this section yet.</p>\n")
            }
            for card in page.items { item(card, &out) }
        }
        return out.bytes
    }

    /// `index.mustache`.
    static func index(_ page: IndexPage) -> [UInt8] {
        var out = PageBytes()
        layout(page.frame, &out) { out in
            out.add("<h1 class=\"visually-hidden\">")
            out.text(page.frame.siteTitle)
            out.add("</h1>\n")
            if !page.hot.isEmpty {
                out.add("<section class=\"hot\">\n<h2>What's hot</h2>\n<ol>\n")
                for line in page.hot { headline(line, &out) }
                out.add("</ol>\n</section>\n")
            }
            out.add("<section class=\"latest\">\n<h2>Latest</h2>\n")
            if page.latest.isEmpty {
                out.add("<p class=\"empty\">Nothing published yet.</p>\n")
            }
            for card in page.latest { item(card, &out) }
            out.add("</section>\n")
            for section in page.sections {
                out.add("<section class=\"section\">\n<h2><a href=\"")
                out.text(section.slug)
                out.add(".html\">")
                out.text(section.title)
                out.add("</a></h2>\n")
                if section.items.isEmpty {
                    out.add("<p class=\"empty\">Nothing in this section yet.</p>\n")
                } else {
                    out.add("<ul class=\"headlines\">\n")
                    for line in section.items { headline(line, &out) }
                    out.add("</ul>\n")
                }
                out.add("<p class=\"more\"><a href=\"")
                out.text(section.slug)
                out.add(".html\">More ")
                out.text(section.title)
                out.add("</a></p>\n</section>\n")
            }
        }
        return out.bytes
    }

    /// `article.mustache`.
    static func article(_ page: ArticlePage) -> [UInt8] {
        var out = PageBytes()
        layout(page.frame, &out) { out in
            let card = page.item
            out.add("<article class=\"item article\">\n<h1>")
            out.linked(card.headline.title, to: card.headline.link)
            out.add("</h1>\n")
            meta(card, &out)
            out.add("</p>\n")
            if let image = card.leadImage {
                out.add("<img class=\"lead\" src=\"")
                out.text(image)
                out.add("\" alt=\"\">\n")
            }
            out.add("<div class=\"content\">\n")
            // `{{{contentHTML}}}` of `false` would show "false"; an article page always has its body.
            out.add(card.contentHTML ?? "false")
            out.add("\n")
            out.add(card.attributionHTML)
            out.add("\n</div>\n</article>\n")
        }
        return out.bytes
    }

    /// `layout.mustache`, with `main` writing the page's `{{$main}}` block.
    private static func layout(_ frame: PageFrame, _ out: inout PageBytes, main: (inout PageBytes) -> Void) {
        out.add("<!DOCTYPE html>\n<html")
        if let language = frame.language {
            out.add(" lang=\"")
            out.text(language)
            out.add("\"")
        }
        out.add(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        out.text(frame.pageTitle)
        out.add("</title>\n")
        if let description = frame.description {
            out.add("<meta name=\"description\" content=\"")
            out.text(description)
            out.add("\">\n")
        }
        if let canonical = frame.canonical {
            out.add("<link rel=\"canonical\" href=\"")
            out.text(canonical)
            out.add("\">\n")
        }
        if frame.noindex {
            out.add("<meta name=\"robots\" content=\"noindex\">\n")
        }
        for feed in frame.feeds {
            out.add("<link rel=\"alternate\" type=\"")
            out.text(feed.type)
            out.add("\" title=\"")
            out.text(feed.title)
            out.add("\" href=\"")
            out.text(feed.url)
            out.add("\">\n")
        }
        out.add("<link rel=\"stylesheet\" href=\"")
        out.text(frame.root)
        out.add("style.css\">\n</head>\n<body>\n<header class=\"site-header\">\n<a class=\"site-title\" href=\"")
        out.text(frame.root)
        out.add("index.html\">")
        out.text(frame.siteTitle)
        out.add("</a>\n<nav aria-label=\"Sections\">\n<ul>\n")
        for link in frame.nav {
            out.add("<li><a href=\"")
            out.text(frame.root)
            out.text(link.slug)
            out.add(".html\"")
            if link.current { out.add(" aria-current=\"page\"") }
            out.add(">")
            out.text(link.title)
            out.add("</a></li>\n")
        }
        out.add("</ul>\n</nav>\n</header>\n<main>\n")
        main(&out)
        out.add("\n</main>\n<footer class=\"site-footer\">\n<p>")
        out.text(frame.siteDescription)
        out.add("</p>\n<p>Subscribe:")
        for feed in frame.feeds {
            out.add(" <a href=\"")
            out.text(feed.url)
            out.add("\">")
            out.text(feed.label)
            out.add("</a>")
        }
        out.add(" · <a href=\"")
        out.text(frame.root)
        out.add("feeds.opml\">all feeds (OPML)</a> · <a href=\"")
        out.text(frame.root)
        out.add(
            "sources.opml\">our sources (OPML)</a></p>\n<p>Every story links to its original publisher; the text belongs to them.</p>\n</footer>\n</body>\n</html>\n"
        )
    }

    /// `item.mustache`.
    private static func item(_ card: Card, _ out: inout PageBytes) {
        out.add("<article class=\"item\">\n")
        if let image = card.leadImage {
            out.add("<img class=\"lead\" src=\"")
            out.text(image)
            out.add("\" alt=\"\" loading=\"lazy\">\n")
        }
        out.add("<h3>")
        out.linked(card.headline.title, to: card.headline.link)
        out.add("</h3>\n")
        meta(card, &out)
        if card.headline.reportCount > 1 {
            out.add(" · ")
            out.text(String(card.headline.reportCount))
            out.add(" sources")
        }
        if let articleURL = card.articleURL {
            out.add(" · <a href=\"")
            out.text(articleURL)
            out.add("\">read here</a>")
        }
        out.add("</p>\n<div class=\"summary\">\n")
        if let summary = card.summaryHTML {
            out.add(summary)
        } else if let excerpt = card.excerpt {
            out.add("<p>")
            out.text(excerpt)
            out.add("</p>")
        }
        out.add("\n")
        out.add(card.attributionHTML)
        out.add("\n</div>\n")
        if !card.tags.isEmpty {
            out.add("<p class=\"tags\">")
            for tag in card.tags {
                out.add("<span class=\"tag\">")
                out.text(tag)
                out.add("</span> ")
            }
            out.add("</p>\n")
        }
        if !card.related.isEmpty {
            out.add("<aside class=\"related\">\n<h4>Related</h4>\n<ul>\n")
            for related in card.related {
                out.add("<li>")
                out.linked(related.title, to: related.link)
                out.add(" <span class=\"meta\">")
                out.text(related.sourceName)
                out.add(" · <time datetime=\"")
                out.text(related.datetime)
                out.add("\">")
                out.text(related.date)
                out.add("</time></span></li>\n")
            }
            out.add("</ul>\n</aside>\n")
        }
        out.add("</article>\n")
    }

    /// `headline.mustache`.
    private static func headline(_ line: Headline, _ out: inout PageBytes) {
        out.add("<li>")
        out.linked(line.title, to: line.link)
        out.add(" <span class=\"meta\">")
        out.text(line.sourceName)
        out.add(" · <time datetime=\"")
        out.text(line.datetime)
        out.add("\">")
        out.text(line.date)
        out.add("</time>")
        if line.reportCount > 1 {
            out.add(" · ")
            out.text(String(line.reportCount))
            out.add(" sources")
        }
        out.add("</span></li>\n")
    }

    /// The meta line of `item` and `article` up to the reading time, its closing tag left to them.
    private static func meta(_ card: Card, _ out: inout PageBytes) {
        out.add("<p class=\"meta\"><span class=\"source\">")
        out.text(card.headline.sourceName)
        out.add("</span>")
        if let author = card.author {
            out.add(" · ")
            out.text(author)
        }
        out.add(" · <time datetime=\"")
        out.text(card.headline.datetime)
        out.add("\">")
        out.text(card.headline.date)
        out.add("</time> · ")
        out.text(card.readingTime)
    }
}

/// A page's bytes: template text as it is, `{{name}}` values escaped as Mustache escapes them, `{{{name}}}`
/// values as they are.
struct PageBytes {
    var bytes: [UInt8] = []

    /// Template text.
    mutating func add(_ markup: StaticString) {
        bytes.append(literal: markup)
    }

    /// A `{{{name}}}` value.
    mutating func add(_ html: String) {
        bytes.append(contentsOf: html.utf8)
    }

    /// A `{{name}}` value (`HTMLEscaping`).
    mutating func text(_ value: String) {
        HTMLEscaping.appendText(value, to: &bytes)
    }

    /// `{{#url}}<a href="{{url}}">{{text}}</a>{{/url}}{{^url}}{{text}}{{/url}}`: the text, linked when there is a URL.
    mutating func linked(_ value: String, to url: String?) {
        guard let url else { return text(value) }
        add("<a href=\"")
        text(url)
        add("\">")
        text(value)
        add("</a>")
    }
}
