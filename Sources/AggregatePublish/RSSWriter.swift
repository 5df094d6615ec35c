import Foundation
import AggregateModel

/// RSS 2.0 (rssboard.org specification) with the Atom, content and Dublin Core modules.
enum RSSWriter {
    static func write(_ channel: Channel, context: FeedContext) -> String {
        let t = XMLEscaping.text
        let a = XMLEscaping.attribute
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += #"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">"# + "\n"
        out += "<channel>\n"
        out += "  <title>\(t(context.title(of: channel)))</title>\n"
        out += "  <link>\(t(context.urls.url(channel.slug + ".html")))</link>\n"
        out += "  <description>\(t(channel.description.isEmpty ? context.title(of: channel) : channel.description))</description>\n"
        out += "  <atom:link href=\"\(a(context.urls.url(channel.slug + ".xml")))\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        if let hub = context.hub {
            out += "  <atom:link href=\"\(a(hub))\" rel=\"hub\"/>\n"
        }
        if let language = context.site.language, !language.isEmpty {
            out += "  <language>\(t(language))</language>\n"
        }
        // NOTE: no lastBuildDate for an empty channel: the clock would change the file on every run.
        if let updated = channel.updated {
            out += "  <lastBuildDate>\(FeedDates.rfc822(updated))</lastBuildDate>\n"
        }
        out += "  <generator>\(FeedContext.generatorName)</generator>\n"
        out += "  <docs>https://www.rssboard.org/rss-specification</docs>\n"
        if let ttl = context.site.ttlMinutes, ttl > 0 {
            out += "  <ttl>\(ttl)</ttl>\n"
        }
        for item in channel.items {
            out += "  <item>\n"
            // RSS needs a title or a description; the description is always there, an empty title is left out.
            if !item.title.isEmpty {
                out += "    <title>\(t(item.title))</title>\n"
            }
            if let link = item.link {
                out += "    <link>\(t(link))</link>\n"
            }
            out += "    <guid isPermaLink=\"false\">\(t(item.item.key))</guid>\n"
            out += "    <pubDate>\(FeedDates.rfc822(item.published))</pubDate>\n"
            if let author = item.item.author.map(HTMLText.collapseWhitespace), !author.isEmpty {
                out += "    <dc:creator>\(t(author))</dc:creator>\n"
            }
            for tag in item.item.tags where !tag.isEmpty {
                out += "    <category>\(t(tag))</category>\n"
            }
            // NOTE: RSS 2.0 allows one enclosure per item (the W3C validator warns on more); Atom and JSON Feed carry all.
            if let enclosure = item.enclosures.first {
                out += "    <enclosure url=\"\(a(enclosure.url))\" length=\"\(max(0, enclosure.length ?? 0))\" type=\"\(a(mimeType(enclosure)))\"/>\n"
            }
            out += "    <description>\(t(item.descriptionWithAttribution))</description>\n"
            if item.item.content?.isEmpty == false {
                out += "    <content:encoded>\(t(item.contentWithAttribution))</content:encoded>\n"
            }
            if let credit = item.sourceFeedCredit, let feedURL = credit.feedURL {
                out += "    <source url=\"\(a(feedURL))\">\(t(credit.name))</source>\n"
            }
            out += "  </item>\n"
        }
        out += "</channel>\n</rss>\n"
        return out
    }

    /// The enclosure's type, or the generic binary type that RSS and JSON Feed accept when it is unknown.
    static func mimeType(_ enclosure: Enclosure) -> String {
        guard let type = enclosure.type?.trimmingCharacters(in: .whitespaces), type.contains("/") else {
            return "application/octet-stream"
        }
        return type
    }
}
