import Foundation
internal import AggregateModel

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org) onto the common model.
enum JSONFeedAdapter {
    /// The feed, or nil when the JSON is not a JSON Feed.
    static func feed(_ root: JSONValue, context: AdapterContext) -> Feed? {
        guard case .object = root else { return nil }
        let version = root["version"]?.string ?? ""
        let items = root["items"]?.array
        let format: FeedFormat
        if version.contains("jsonfeed.org/version/1.1") || version == "1.1" {
            format = .json11
        } else if version.contains("jsonfeed.org/version/1") || version == "1" || version == "1.0" {
            format = .json10
        } else if items != nil && root["title"] != nil {
            // NOTE: some publishers leave out the version; the shape is still a JSON Feed.
            context.warnings.add("JSON Feed without a version; read as JSON Feed 1.0")
            format = .json10
        } else {
            return nil
        }
        var feed = Feed(format: format)
        feed.title = context.title(root["title"]?.string, isHTML: false)
        feed.link = context.link(root["home_page_url"]?.string, base: nil)
        feed.selfLink = context.link(root["feed_url"]?.string, base: nil)
        if context.fallbackBase == nil { context.fallbackBase = feed.selfLink ?? feed.link }
        feed.description = context.textAsHTML(root["description"]?.string)
        feed.language = context.text(root["language"]?.string)
        feed.image = context.link(root["icon"]?.string, base: nil) ?? context.link(root["favicon"]?.string, base: nil)
        let feedAuthor = author(root)
        for item in items ?? [] {
            guard case .object = item else { continue }
            var entry = Entry()
            entry.id = item["id"]?.string.flatMap { context.text($0) }
            entry.title = context.title(item["title"]?.string, isHTML: false)
            entry.link = context.link(item["url"]?.string, base: nil) ?? context.link(item["external_url"]?.string, base: nil)
            entry.published = context.date(item["date_published"]?.string, field: "date_published")
            entry.updated = context.date(item["date_modified"]?.string, field: "date_modified")
            entry.author = context.text(author(item) ?? feedAuthor)
            entry.content = context.html(item["content_html"]?.string, base: nil) ?? context.textAsHTML(item["content_text"]?.string)
            entry.summary = context.textAsHTML(item["summary"]?.string)
            entry.categories = context.categories((item["tags"]?.array ?? []).compactMap { $0.string })
            var enclosures: [RSSEnclosure] = []
            for attachment in item["attachments"]?.array ?? [] {
                guard let url = attachment["url"]?.string else { continue }
                let size = attachment["size_in_bytes"]?.number.map { String(Int($0)) }
                enclosures.append(RSSEnclosure(url: url, type: attachment["mime_type"]?.string, length: size))
            }
            entry.enclosures = context.enclosures(enclosures)
            entry.image = context.link(item["image"]?.string, base: nil) ?? context.link(item["banner_image"]?.string, base: nil)
            // NOTE: JSON Feed has no source element; aggregators (this one included) credit the original
            // publisher in a `_source` extension object, the JSON Feed way to extend an item.
            if let source = item["_source"], case .object = source {
                let name = source["name"]?.string.flatMap { context.text($0) }
                let url = context.link(source["feed_url"]?.string, base: nil)
                if name != nil || url != nil { entry.source = DeclaredSource(title: name, url: url) }
            }
            feed.entries.append(entry)
        }
        return feed
    }

    /// `authors[0].name` (1.1) or `author.name` (1.0), else the author's URL.
    private static func author(_ object: JSONValue) -> String? {
        let first = object["authors"]?.array?.first ?? object["author"]
        guard let first else { return nil }
        if let name = first["name"]?.string, !name.isEmpty { return name }
        return first["url"]?.string
    }
}
