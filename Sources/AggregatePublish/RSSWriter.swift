import Foundation
import AggregateModel

/// RSS 2.0 (rssboard.org specification) with the Atom, content and Dublin Core modules.
enum RSSWriter {
    /// The channel's feed: its head, then the entries its items were written with.
    static func write(_ channel: Channel, context: FeedContext) -> [UInt8] {
        let t = XMLEscaping.text
        let a = XMLEscaping.attribute
        var head = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        head += #"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">"# + "\n"
        head += "<channel>\n"
        head += "  <title>\(t(context.title(of: channel)))</title>\n"
        head += "  <link>\(t(context.urls.url(channel.slug + ".html")))</link>\n"
        head += "  <description>\(t(channel.description.isEmpty ? context.title(of: channel) : channel.description))</description>\n"
        head += "  <atom:link href=\"\(a(context.urls.url(channel.slug + ".xml")))\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        if let hub = context.hub {
            head += "  <atom:link href=\"\(a(hub))\" rel=\"hub\"/>\n"
        }
        if let language = context.site.language, !language.isEmpty {
            head += "  <language>\(t(language))</language>\n"
        }
        // NOTE: no lastBuildDate for an empty channel: the clock would change the file on every run.
        if let updated = channel.updated {
            head += "  <lastBuildDate>\(FeedDates.rfc822(updated))</lastBuildDate>\n"
        }
        head += "  <generator>\(FeedContext.generatorName)</generator>\n"
        head += "  <docs>https://www.rssboard.org/rss-specification</docs>\n"
        if let ttl = context.site.ttlMinutes, ttl > 0 {
            head += "  <ttl>\(ttl)</ttl>\n"
        }
        var feed = FeedBytes(capacity: head.utf8.count + channel.items.reduce(32) { $0 + $1.entries.rss.count })
        feed.add(head)
        for item in channel.items { feed.add(item.entries.rss) }
        feed.add("</channel>\n</rss>\n")
        return feed.bytes
    }

    /// An item's `<item>`, the same in every channel.
    static func entry(_ item: PublishedItem) -> [UInt8] {
        var out = FeedBytes(capacity: 2 * item.bodyHTML.utf8.count + 1_024)
        out.add("  <item>\n")
        // RSS needs a title or a description; the description is always there, an empty title is left out.
        if !item.title.isEmpty {
            out.add("    <title>"); out.text(item.title); out.add("</title>\n")
        }
        if let link = item.link {
            out.add("    <link>"); out.text(link); out.add("</link>\n")
        }
        out.add("    <guid isPermaLink=\"false\">"); out.text(item.item.key); out.add("</guid>\n")
        out.add("    <pubDate>"); out.add(FeedDates.rfc822(item.published)); out.add("</pubDate>\n")
        if let author = item.author {
            out.add("    <dc:creator>"); out.text(author); out.add("</dc:creator>\n")
        }
        for tag in item.item.tags where !tag.isEmpty {
            out.add("    <category>"); out.text(tag); out.add("</category>\n")
        }
        // NOTE: RSS 2.0 allows one enclosure per item (the W3C validator warns on more); Atom and JSON Feed carry all.
        if let enclosure = item.enclosures.first {
            out.add("    <enclosure url=\""); out.attribute(enclosure.url)
            out.add("\" length=\""); out.add(String(max(0, enclosure.length ?? 0)))
            out.add("\" type=\""); out.attribute(mimeType(enclosure)); out.add("\"/>\n")
        }
        // The summary (else the body) with the attribution.
        out.add("    <description>"); out.text(item.summaryHTML ?? item.bodyHTML); out.text(item.attributionHTML); out.add("</description>\n")
        if item.item.content?.isEmpty == false {
            out.add("    <content:encoded>"); out.text(item.bodyHTML); out.text(item.attributionHTML); out.add("</content:encoded>\n")
        }
        if let credit = item.sourceFeedCredit, let feedURL = credit.feedURL {
            out.add("    <source url=\""); out.attribute(feedURL); out.add("\">"); out.text(credit.name); out.add("</source>\n")
        }
        out.add("  </item>\n")
        return out.bytes
    }

    /// The enclosure's type, or the generic binary type that RSS and JSON Feed accept when it is unknown.
    static func mimeType(_ enclosure: Enclosure) -> String {
        guard let type = enclosure.type?.trimmingCharacters(in: .whitespaces), type.contains("/") else {
            return "application/octet-stream"
        }
        return type
    }
}
