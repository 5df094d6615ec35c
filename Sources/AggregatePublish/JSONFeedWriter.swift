import AggregateModel

/// JSON Feed 1.1 (jsonfeed.org/version/1.1), with provenance in a `_source` extension object.
enum JSONFeedWriter {
    /// The channel's feed, its items as they were written.
    static func write(_ channel: Channel, context: FeedContext) -> [UInt8] {
        var feed: [(String, JSONValue)] = [
            ("version", .string("https://jsonfeed.org/version/1.1")),
            ("title", .string(context.title(of: channel))),
            ("home_page_url", .string(context.urls.url(channel.slug + ".html"))),
            ("feed_url", .string(context.urls.url(channel.slug + ".json"))),
        ]
        if !channel.description.isEmpty {
            feed.append(("description", .string(channel.description)))
        }
        if let language = context.site.language, !language.isEmpty {
            feed.append(("language", .string(language)))
        }
        if let hub = context.hub {
            feed.append(("hubs", .array([.object([("type", .string("WebSub")), ("url", .string(hub))])])))
        }
        feed.append(("items", .array(channel.items.map { .written($0.entries.json) })))
        return JSONValue.object(feed).serializedBytes()
    }

    /// An item as the feed's `items` array holds it (two levels deep), the same in every channel.
    static func entry(_ item: PublishedItem) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(item.bodyHTML.utf8.count + 1_024)
        self.item(item).write(into: &out, indent: 2)
        return out
    }

    static func item(_ item: PublishedItem) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(item.item.key))]
        if let link = item.link { members.append(("url", .string(link))) }
        if !item.title.isEmpty { members.append(("title", .string(item.title))) }
        members.append(("content_html", .string(item.contentWithAttribution)))
        if let summary = item.summaryText { members.append(("summary", .string(summary))) }
        if let image = item.leadImage { members.append(("image", .string(image))) }
        members.append(("date_published", .string(item.publishedRFC3339)))
        members.append(("date_modified", .string(item.updatedRFC3339)))
        if let author = item.author {
            members.append(("authors", .array([.object([("name", .string(author))])])))
        }
        let tags = item.item.tags.filter { !$0.isEmpty }
        if !tags.isEmpty { members.append(("tags", .array(tags.map(JSONValue.string)))) }
        if !item.enclosures.isEmpty {
            members.append(("attachments", .array(item.enclosures.map(attachment))))
        }
        members.append(("_source", source(item)))
        return .object(members)
    }

    private static func attachment(_ enclosure: Enclosure) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("url", .string(enclosure.url)),
            ("mime_type", .string(RSSWriter.mimeType(enclosure))),
        ]
        if let length = enclosure.length, length > 0 { members.append(("size_in_bytes", .int(length))) }
        return .object(members)
    }

    /// Provenance: who published the item, where it was read, and who else reported it.
    private static func source(_ item: PublishedItem) -> JSONValue {
        let credit = item.item.provenance.primaryCredit
        var members: [(String, JSONValue)] = [("name", .string(credit.name))]
        if let feedURL = PublicURL.absolute(credit.feedURL) ?? PublicURL.absolute(item.sourceFeedCredit?.feedURL) {
            members.append(("feed_url", .string(feedURL)))
        }
        if let siteURL = PublicURL.absolute(credit.siteURL) { members.append(("home_page_url", .string(siteURL))) }
        if let original = PublicURL.absolute(credit.link) ?? item.link { members.append(("original_url", .string(original))) }
        let others: [JSONValue] = item.item.alsoReportedBy.map { other in
            var fields: [(String, JSONValue)] = [("name", .string(other.name))]
            if let url = PublicURL.absolute(other.link ?? other.siteURL) { fields.append(("url", .string(url))) }
            if let feedURL = PublicURL.absolute(other.feedURL) { fields.append(("feed_url", .string(feedURL))) }
            return .object(fields)
        }
        members.append(("also_reported_by", .array(others)))
        return .object(members)
    }
}
