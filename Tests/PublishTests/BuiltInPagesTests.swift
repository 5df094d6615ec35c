import AggregateModel
@testable import AggregatePublish
import AggregateTestSupport
import Foundation
import Testing

/// `BuiltInPages` against Mustache rendering the built-in templates: the same bytes for the same page content.
@Suite struct BuiltInPagesTests {
    static let builtIn = try! Theme.load(themeDirectory: nil)
    /// The built-in templates rendered by Mustache, as any other theme is.
    static let mustache = try! Theme.load(themeDirectory: nil, byMustache: true)

    @Test func builtInTemplatesAreTheOnesWritten() throws {
        let folder = try Theme.builtInDirectory()
        var templates: [String: String] = [:]
        for name in Theme.requiredTemplates {
            templates[name] = try String(contentsOfFile: folder + "/\(name).mustache", encoding: .utf8)
        }
        #expect(
            BuiltInPages.digest(templates) == BuiltInPages.templatesDigest,
            "a built-in template changed: make BuiltInPages write what it renders, then set templatesDigest")
        #expect(Self.builtIn.isBuiltIn)
    }

    @Test func aThemeFolderWithCopiesOfTheTemplatesIsBuiltIn() throws {
        let folder = try Theme.builtInDirectory()
        let theme = try TestPaths.temporaryDirectory("publish-theme-copies")
        for name in Theme.requiredTemplates {
            try Data(contentsOf: URL(fileURLWithPath: folder + "/\(name).mustache")).write(to: theme.appendingPathComponent("\(name).mustache"))
        }
        try Data("{{title}}".utf8).write(to: theme.appendingPathComponent("extra.mustache"))
        #expect(try Theme.load(themeDirectory: theme.path).isBuiltIn)
        // A broken template of the folder is still reported when the built-in ones are not parsed.
        try Data("{{#open}}".utf8).write(to: theme.appendingPathComponent("extra.mustache"))
        #expect(throws: PublishError.self) { try Theme.load(themeDirectory: theme.path) }
    }

    /// One changed template is enough for Mustache to render every page, the built-in partials included.
    @Test func aChangedTemplateIsRenderedByMustache() throws {
        let folder = try Theme.builtInDirectory()
        let theme = try TestPaths.temporaryDirectory("publish-theme-headline")
        let headline = try String(contentsOfFile: folder + "/headline.mustache", encoding: .utf8)
        try Data(headline.replacingOccurrences(of: "<li>", with: "<li class=\"mine\">").utf8)
            .write(to: theme.appendingPathComponent("headline.mustache"))
        #expect(!(try Theme.load(themeDirectory: theme.path).isBuiltIn))
        let rendered = try Publisher.render(Fixtures.input(output: "/nonexistent", options: PublishOptions(themeDirectory: theme.path)))
        let index = String(decoding: try #require(rendered["index.html"]), as: UTF8.self)
        #expect(index.contains("<li class=\"mine\">"))
        let builtIn = try Publisher.render(Fixtures.input(output: "/nonexistent"))
        #expect(index.replacingOccurrences(of: "<li class=\"mine\">", with: "<li>") == String(decoding: try #require(builtIn["index.html"]), as: UTF8.self))
        #expect(rendered["tech.html"] == builtIn["tech.html"], "the headline partial is not on category pages")
    }

    /// The fixture site, articles included, as both write it.
    @Test func fixtureSiteIsTheSame() throws {
        let input = Fixtures.input(output: "/nonexistent", options: PublishOptions(articlePages: true))
        let context = FeedContext(site: input.site, hub: nil)
        let attribution = try Attribution(template: nil)
        func channel(_ slug: String, _ items: [Item]) -> Channel {
            Channel(slug: slug, title: slug, description: slug == "science" ? "" : "About <\(slug)>", items: items.map { PublishedItem($0, attribution: attribution) })
        }
        let channels = [channel("tech", input.itemsByCategory["tech"]!), channel("science", []), channel("all", input.allItems)]
        for articlePages in [false, true] {
            let fast = HTMLSite(theme: Self.builtIn, context: context, categories: input.categories, articlePages: articlePages)
            let slow = HTMLSite(theme: Self.mustache, context: context, categories: input.categories, articlePages: articlePages)
            for channel in channels {
                try expectSame(fast.categoryPage(channel), slow.categoryPage(channel), "\(channel.slug).html")
                for item in channel.items {
                    try expectSame(fast.articlePage(item, in: channel), slow.articlePage(item, in: channel), "article \(item.item.key)")
                }
            }
            try expectSame(fast.indexPage(all: channels[2], sections: Array(channels.prefix(2))), slow.indexPage(all: channels[2], sections: Array(channels.prefix(2))), "index.html")
            try expectSame(fast.indexPage(all: channels[1], sections: []), slow.indexPage(all: channels[1], sections: []), "empty index.html")
        }
    }

    /// Generated pages taking every branch of every template, with text Mustache escapes in every value.
    @Test func generatedPagesAreTheSame() throws {
        var random = SplitMix64(seed: 7)
        for round in 0..<300 {
            let frame = Self.frame(&random)
            let category = CategoryPage(frame: frame, title: Self.text(&random), items: (0..<random.below(4)).map { _ in Self.card(&random) })
            try expectSame(BuiltInPages.category(category), Self.render("category", category.context), "category \(round)")
            let index = IndexPage(
                frame: frame, hot: (0..<random.below(3)).map { _ in Self.headline(&random) },
                latest: (0..<random.below(3)).map { _ in Self.card(&random) },
                sections: (0..<random.below(3)).map { _ in
                    IndexPage.Section(slug: Self.text(&random), title: Self.text(&random), items: (0..<random.below(3)).map { _ in Self.headline(&random) })
                })
            try expectSame(BuiltInPages.index(index), Self.render("index", index.context), "index \(round)")
            var item = Self.card(&random)
            item.contentHTML = Self.text(&random)
            let article = ArticlePage(frame: frame, item: item)
            try expectSame(BuiltInPages.article(article), Self.render("article", article.context), "article \(round)")
        }
    }

    /// The default attribution as written and as Mustache renders it (a leading space makes it another template).
    @Test func defaultAttributionIsMustaches() throws {
        let written = try Attribution(template: nil)
        let rendered = try Attribution(template: " " + Attribution.defaultTemplate)
        var random = SplitMix64(seed: 5)
        let links = [nil, "", "https://example.com/a?b=1&c='2'", "ftp://example.com/", "https://é.example/<x>", "/relative"]
        func credit() -> Credit {
            Credit(
                sourceID: "s", name: Self.text(&random), feedURL: links[random.below(links.count)], siteURL: links[random.below(links.count)],
                link: links[random.below(links.count)])
        }
        for round in 0..<500 {
            let item = Item(
                key: "k", title: Self.text(&random), link: links[random.below(links.count)], published: nil, updated: nil,
                firstSeen: Date(timeIntervalSince1970: 0), author: nil, summary: nil, content: nil, tags: [], enclosures: [], image: nil,
                provenance: Provenance(source: credit(), upstream: random.below(2) == 0 ? nil : credit()),
                alsoReportedBy: (0..<random.below(4)).map { _ in credit() }, categories: [])
            #expect(" " + written.html(for: item) == rendered.html(for: item), "round \(round)")
        }
    }

    /// The escaping of `{{name}}`: Mustache's own on the strings where Characters and bytes could part.
    @Test(arguments: BuiltInPagesTests.awkward)
    func escapingIsMustaches(text: String) throws {
        var bytes: [UInt8] = []
        HTMLEscaping.appendText(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == Self.mustacheEscaped(text))
        var characters: [UInt8] = []
        HTMLEscaping.appendTextByCharacters(text, to: &characters)
        #expect(bytes == characters)
    }

    @Test func escapingGeneratedTextIsMustaches() throws {
        var random = SplitMix64(seed: 11)
        let pieces = Self.awkward + ["abcdefghijklmnopqrstuvwxyz0123456789", "é", "\u{301}", "\u{600}", "\r", "\n", "👍🏽", "\u{200D}", "<", "'"]
        for _ in 0..<2_000 {
            let text = (0..<random.below(12)).map { _ in pieces[random.below(pieces.count)] }.joined()
            var bytes: [UInt8] = []
            HTMLEscaping.appendText(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Self.mustacheEscaped(text), "\(Array(text.unicodeScalars))")
        }
    }

    /// `text` as Mustache escapes it: the title of a headline without a link (`<li>{{title}} <span class="meta">…`),
    /// cut out by bytes (a combining mark at the start of `text` makes one Character with the `>` before it).
    static func mustacheEscaped(_ text: String) -> String {
        let line = Array(mustache.render("headline", Headline(title: text, link: nil, sourceName: "", datetime: "", date: "", reportCount: 1).context).utf8)
        let end = Array(" <span class=\"meta\">".utf8)
        let cut = (4...(line.count - end.count)).first { Array(line[$0..<($0 + end.count)]) == end }!
        return String(decoding: line[4..<cut], as: UTF8.self)
    }

    // MARK: generated content

    /// Text where escaping by bytes and by Characters could part, markup, Mustache tags, nothing at all.
    static let awkward = [
        "", "plain", "<b>bold</b> & \"quoted\" it's", "<\u{301}", "\u{600}<", "é<", "<é", "'\u{301}x'", "&\u{200D}&", "a\r\n<",
        "日本語 & 中文", "{{title}}", "x>y<z", String(repeating: "long & <text> ", count: 40), "\u{1F1EB}\u{1F1F7}<", "\"\u{308}",
    ]

    static func text(_ random: inout SplitMix64) -> String {
        awkward[random.below(awkward.count)]
    }

    static func optional(_ random: inout SplitMix64) -> String? {
        random.below(3) == 0 ? nil : text(&random)
    }

    static func headline(_ random: inout SplitMix64) -> Headline {
        Headline(
            title: text(&random), link: optional(&random), sourceName: text(&random), datetime: text(&random), date: text(&random),
            reportCount: 1 + random.below(3))
    }

    static func card(_ random: inout SplitMix64) -> Card {
        Card(
            headline: headline(&random), author: optional(&random), readingTime: text(&random), articleURL: optional(&random),
            leadImage: optional(&random), summaryHTML: optional(&random), excerpt: optional(&random), attributionHTML: text(&random),
            tags: (0..<random.below(3)).map { _ in text(&random) }, related: (0..<random.below(4)).map { _ in headline(&random) },
            contentHTML: nil)
    }

    static func frame(_ random: inout SplitMix64) -> PageFrame {
        PageFrame(
            pageTitle: text(&random), siteTitle: text(&random), siteDescription: text(&random), language: optional(&random),
            description: optional(&random), canonical: optional(&random), noindex: random.below(2) == 0,
            root: random.below(2) == 0 ? "" : "../",
            nav: (0..<random.below(4)).map { _ in PageFrame.NavLink(slug: text(&random), title: text(&random), current: random.below(2) == 0) },
            feeds: (0..<random.below(4)).map { _ in
                PageFrame.FeedLink(type: text(&random), title: text(&random), url: text(&random), label: text(&random))
            })
    }

    static func render(_ template: String, _ context: [String: Any]) -> [UInt8] {
        Array(mustache.render(template, context).utf8)
    }
}

private func expectSame(_ fast: [UInt8], _ slow: [UInt8], _ what: String) throws {
    guard fast != slow else { return }
    let fastLines = String(decoding: fast, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let slowLines = String(decoding: slow, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(fastLines.count, slowLines.count)).first { fastLines[$0] != slowLines[$0] } ?? min(fastLines.count, slowLines.count)
    Issue.record(
        "\(what): line \(line + 1) differs:\n  built-in: \(line < fastLines.count ? String(fastLines[line]) : "(end)")\n  mustache: \(line < slowLines.count ? String(slowLines[line]) : "(end)")"
    )
}
