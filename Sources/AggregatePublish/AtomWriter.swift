import AggregateModel

/// Atom 1.0 (RFC 4287).
enum AtomWriter {
    /// The channel's feed: its head, then the entries its items were written with.
    static func write(_ channel: Channel, context: FeedContext) -> [UInt8] {
        let t = XMLEscaping.text
        let a = XMLEscaping.attribute
        let selfURL = context.urls.url(channel.slug + ".atom")
        var head = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        if let language = context.site.language, !language.isEmpty {
            head += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(a(language))\">\n"
        } else {
            head += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        }
        head += "  <id>\(t(selfURL))</id>\n"
        head += "  <title type=\"text\">\(t(context.title(of: channel)))</title>\n"
        if !channel.description.isEmpty {
            head += "  <subtitle type=\"text\">\(t(channel.description))</subtitle>\n"
        }
        // Atom requires `updated`; an empty feed gets the epoch rather than the clock, so it never churns.
        head += "  <updated>\(FeedDates.rfc3339(channel.updated ?? FeedDates.epoch))</updated>\n"
        head += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(a(selfURL))\"/>\n"
        head += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(a(context.urls.url(channel.slug + ".html")))\"/>\n"
        if let hub = context.hub {
            head += "  <link rel=\"hub\" href=\"\(a(hub))\"/>\n"
        }
        head += "  <generator>\(FeedContext.generatorName)</generator>\n"
        if channel.items.isEmpty {
            // RFC 4287 §4.1.1: a feed without entries must name an author itself.
            head += "  <author><name>\(t(context.site.title))</name></author>\n"
        }
        var feed = FeedBytes(capacity: head.utf8.count + channel.items.reduce(16) { $0 + $1.entries.atom.count })
        feed.add(head)
        for item in channel.items { feed.add(item.entries.atom) }
        feed.add("</feed>\n")
        return feed.bytes
    }

    /// An item's `<entry>`, the same in every channel.
    static func entry(_ item: PublishedItem) -> [UInt8] {
        var out = FeedBytes(capacity: 2 * item.bodyHTML.utf8.count + 1_024)
        out.add("  <entry>\n")
        out.add("    <id>"); out.text(item.item.key); out.add("</id>\n")
        out.add("    <title type=\"text\">"); out.text(item.title); out.add("</title>\n")
        out.add("    <updated>"); out.add(item.updatedRFC3339); out.add("</updated>\n")
        out.add("    <published>"); out.add(item.publishedRFC3339); out.add("</published>\n")
        out.add("    <author><name>"); out.text(item.authorOrSource); out.add("</name></author>\n")
        if let link = item.link {
            out.add("    <link rel=\"alternate\" type=\"text/html\" href=\""); out.attribute(link); out.add("\"/>\n")
        }
        for enclosure in item.enclosures {
            out.add("    <link rel=\"enclosure\" type=\""); out.attribute(RSSWriter.mimeType(enclosure))
            out.add("\" href=\""); out.attribute(enclosure.url); out.add("\"")
            if let length = enclosure.length, length > 0 {
                out.add(" length=\""); out.add(String(length)); out.add("\"")
            }
            out.add("/>\n")
        }
        for tag in item.item.tags where !tag.isEmpty {
            out.add("    <category term=\""); out.attribute(tag); out.add("\"/>\n")
        }
        if let summary = item.summaryHTML {
            out.add("    <summary type=\"html\">"); out.text(summary); out.add("</summary>\n")
        }
        out.add("    <content type=\"html\">"); out.text(item.bodyHTML); out.text(item.attributionHTML); out.add("</content>\n")
        source(of: item, into: &out)
        out.add("  </entry>\n")
        return out.bytes
    }

    /// RFC 4287 §4.2.11: the feed the entry was copied from.
    private static func source(of item: PublishedItem, into out: inout FeedBytes) {
        let credit = item.sourceFeedCredit ?? item.item.provenance.primaryCredit
        out.add("    <source>\n")
        if let feedURL = PublicURL.absolute(credit.feedURL) {
            out.add("      <id>"); out.text(feedURL); out.add("</id>\n")
        }
        out.add("      <title type=\"text\">"); out.text(credit.name); out.add("</title>\n")
        if let feedURL = PublicURL.absolute(credit.feedURL) {
            out.add("      <link rel=\"self\" href=\""); out.attribute(feedURL); out.add("\"/>\n")
        }
        if let siteURL = PublicURL.absolute(credit.siteURL) {
            out.add("      <link rel=\"alternate\" type=\"text/html\" href=\""); out.attribute(siteURL); out.add("\"/>\n")
        }
        // The source feed's own update time is not kept; the entry's is the latest the copy reflects.
        out.add("      <updated>"); out.add(item.updatedRFC3339); out.add("</updated>\n")
        out.add("    </source>\n")
    }
}
