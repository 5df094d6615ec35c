import AggregateModel

/// Atom 1.0 (RFC 4287).
enum AtomWriter {
    static func write(_ channel: Channel, context: FeedContext) -> String {
        let t = XMLEscaping.text
        let a = XMLEscaping.attribute
        let selfURL = context.urls.url(channel.slug + ".atom")
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        if let language = context.site.language, !language.isEmpty {
            out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(a(language))\">\n"
        } else {
            out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        }
        out += "  <id>\(t(selfURL))</id>\n"
        out += "  <title type=\"text\">\(t(context.title(of: channel)))</title>\n"
        if !channel.description.isEmpty {
            out += "  <subtitle type=\"text\">\(t(channel.description))</subtitle>\n"
        }
        // Atom requires `updated`; an empty feed gets the epoch rather than the clock, so it never churns.
        out += "  <updated>\(FeedDates.rfc3339(channel.updated ?? FeedDates.epoch))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(a(selfURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(a(context.urls.url(channel.slug + ".html")))\"/>\n"
        if let hub = context.hub {
            out += "  <link rel=\"hub\" href=\"\(a(hub))\"/>\n"
        }
        out += "  <generator>\(FeedContext.generatorName)</generator>\n"
        if channel.items.isEmpty {
            // RFC 4287 §4.1.1: a feed without entries must name an author itself.
            out += "  <author><name>\(t(context.site.title))</name></author>\n"
        }
        for item in channel.items {
            out += "  <entry>\n"
            out += "    <id>\(t(item.item.key))</id>\n"
            out += "    <title type=\"text\">\(t(item.title))</title>\n"
            out += "    <updated>\(FeedDates.rfc3339(item.updated))</updated>\n"
            out += "    <published>\(FeedDates.rfc3339(item.published))</published>\n"
            out += "    <author><name>\(t(item.authorOrSource))</name></author>\n"
            if let link = item.link {
                out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(a(link))\"/>\n"
            }
            for enclosure in item.enclosures {
                var attributes = "rel=\"enclosure\" type=\"\(a(RSSWriter.mimeType(enclosure)))\" href=\"\(a(enclosure.url))\""
                if let length = enclosure.length, length > 0 { attributes += " length=\"\(length)\"" }
                out += "    <link \(attributes)/>\n"
            }
            for tag in item.item.tags where !tag.isEmpty {
                out += "    <category term=\"\(a(tag))\"/>\n"
            }
            if let summary = item.summaryHTML {
                out += "    <summary type=\"html\">\(t(summary))</summary>\n"
            }
            out += "    <content type=\"html\">\(t(item.contentWithAttribution))</content>\n"
            out += source(of: item)
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// RFC 4287 §4.2.11: the feed the entry was copied from.
    private static func source(of item: PublishedItem) -> String {
        let t = XMLEscaping.text
        let a = XMLEscaping.attribute
        let credit = item.sourceFeedCredit ?? item.item.provenance.primaryCredit
        var out = "    <source>\n"
        if let feedURL = PublicURL.absolute(credit.feedURL) {
            out += "      <id>\(t(feedURL))</id>\n"
        }
        out += "      <title type=\"text\">\(t(credit.name))</title>\n"
        if let feedURL = PublicURL.absolute(credit.feedURL) {
            out += "      <link rel=\"self\" href=\"\(a(feedURL))\"/>\n"
        }
        if let siteURL = PublicURL.absolute(credit.siteURL) {
            out += "      <link rel=\"alternate\" type=\"text/html\" href=\"\(a(siteURL))\"/>\n"
        }
        // The source feed's own update time is not kept; the entry's is the latest the copy reflects.
        out += "      <updated>\(FeedDates.rfc3339(item.updated))</updated>\n"
        out += "    </source>\n"
        return out
    }
}
