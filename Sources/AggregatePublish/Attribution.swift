import AggregateModel
import Mustache

/// The visible credit that ends every republished item: a Mustache template over the item's provenance.
struct Attribution: Sendable {
    /// The built-in template: `<p class="source-link"><a href="ORIGINAL">Source link</a> — SOURCE NAME</p>`,
    /// plus "Also reported by" when other publishers carried the same story.
    static let defaultTemplate = #"<p class="source-link">{{#original}}<a href="{{original}}">Source link</a> — {{/original}}{{source}}{{#hasAlsoReportedBy}}<br>Also reported by: {{#alsoReportedBy}}{{#url}}<a href="{{url}}">{{name}}</a>{{/url}}{{^url}}{{name}}{{/url}}{{^last()}}, {{/last()}}{{/alsoReportedBy}}{{/hasAlsoReportedBy}}</p>"#

    private let template: MustacheTemplate

    /// Parses the template; nil uses `defaultTemplate`.
    init(template text: String?) throws(PublishError) {
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
        template.render(Self.context(for: item))
    }

    /// The values a template can use: `original`, `source`, `sourceURL`, `feedURL`, `title`,
    /// `hasAlsoReportedBy` and `alsoReportedBy` (each with `name`, `url`, `feedURL`).
    /// Absent values are `false` so that sections skip them without climbing to an outer context.
    static func context(for item: Item) -> [String: Any] {
        let credit = item.provenance.primaryCredit
        let also: [[String: Any]] = item.alsoReportedBy.map { other in
            [
                "name": other.name,
                "url": PublicURL.absolute(other.link ?? other.siteURL ?? other.feedURL) ?? false,
                "feedURL": PublicURL.absolute(other.feedURL) ?? false,
            ]
        }
        return [
            "original": PublicURL.absolute(credit.link ?? item.link) ?? PublicURL.absolute(item.link) ?? false,
            "source": credit.name,
            "sourceURL": PublicURL.absolute(credit.siteURL) ?? false,
            "feedURL": PublicURL.absolute(credit.feedURL) ?? false,
            "title": item.title,
            "hasAlsoReportedBy": !also.isEmpty,
            "alsoReportedBy": also,
        ]
    }
}
