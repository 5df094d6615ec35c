import AggregateModel
import Mustache

/// The visible credit that ends every republished item: a Mustache template over the item's provenance.
struct Attribution: Sendable {
    /// The built-in template: `<p class="source-link"><a href="ORIGINAL">Source link</a> — SOURCE NAME</p>`,
    /// plus "Also reported by" when other publishers carried the same story.
    static let defaultTemplate = #"<p class="source-link">{{#original}}<a href="{{original}}">Source link</a> — {{/original}}{{source}}{{#hasAlsoReportedBy}}<br>Also reported by: {{#alsoReportedBy}}{{#url}}<a href="{{url}}">{{name}}</a>{{/url}}{{^url}}{{name}}{{/url}}{{^last()}}, {{/last()}}{{/alsoReportedBy}}{{/hasAlsoReportedBy}}</p>"#

    private let template: MustacheTemplate
    /// The template is `defaultTemplate`: `defaultHTML` writes it.
    /// NOTE: Mustache took 165,000 instructions an item for it, a third of what publishing an item costs.
    private let isDefault: Bool

    /// Parses the template; nil uses `defaultTemplate`.
    init(template text: String?) throws(PublishError) {
        isDefault = (text ?? Self.defaultTemplate) == Self.defaultTemplate
        do {
            template = try MustacheTemplate(string: text ?? Self.defaultTemplate)
        } catch let error as MustacheTemplate.ParserError {
            throw .badTemplate(
                name: "attribution (attributionTemplate)", line: error.context.lineNumber,
                column: error.context.columnNumber, reason: "\(error.error)")
        } catch {
            throw .badTemplate(name: "attribution (attributionTemplate)", line: 0, column: 0, reason: "\(error)")
        }
    }

    /// The attribution HTML of one item.
    func html(for item: Item) -> String {
        isDefault ? Self.defaultHTML(Credits(item)) : template.render(Credits(item).context)
    }

    /// `defaultTemplate` rendered: what Mustache makes of it, byte for byte (tests), written directly.
    static func defaultHTML(_ credits: Credits) -> String {
        var out = PageBytes()
        out.add("<p class=\"source-link\">")
        if let original = credits.original {
            out.add("<a href=\"")
            out.text(original)
            out.add("\">Source link</a> — ")
        }
        out.text(credits.source)
        if !credits.alsoReportedBy.isEmpty {
            out.add("<br>Also reported by: ")
            for (index, other) in credits.alsoReportedBy.enumerated() {
                out.linked(other.name, to: other.url)
                if index < credits.alsoReportedBy.count - 1 { out.add(", ") }
            }
        }
        out.add("</p>")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// What a template can show of an item's provenance.
    struct Credits {
        let original: String?
        let source: String
        let sourceURL: String?
        let feedURL: String?
        let title: String
        let alsoReportedBy: [(name: String, url: String?, feedURL: String?)]

        init(_ item: Item) {
            let credit = item.provenance.primaryCredit
            original = PublicURL.absolute(credit.link ?? item.link) ?? PublicURL.absolute(item.link)
            source = credit.name
            sourceURL = PublicURL.absolute(credit.siteURL)
            feedURL = PublicURL.absolute(credit.feedURL)
            title = item.title
            alsoReportedBy = item.alsoReportedBy.map { other in
                (other.name, PublicURL.absolute(other.link ?? other.siteURL ?? other.feedURL), PublicURL.absolute(other.feedURL))
            }
        }

        /// The values a template can use: `original`, `source`, `sourceURL`, `feedURL`, `title`,
        /// `hasAlsoReportedBy` and `alsoReportedBy` (each with `name`, `url`, `feedURL`).
        /// Absent values are `false` so that sections skip them without climbing to an outer context.
        var context: [String: Any] {
            let also: [[String: Any]] = alsoReportedBy.map { other in
                ["name": other.name, "url": other.url ?? false, "feedURL": other.feedURL ?? false]
            }
            return [
                "original": original ?? false,
                "source": source,
                "sourceURL": sourceURL ?? false,
                "feedURL": feedURL ?? false,
                "title": title,
                "hasAlsoReportedBy": !also.isEmpty,
                "alsoReportedBy": also,
            ]
        }
    }
}
