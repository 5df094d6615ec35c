import AggregateModel

/// OPML 2.0 (opml.org/spec2.opml) subscription lists: the configured sources, and the feeds this site publishes.
enum OPMLWriter {
    /// `sources.opml`: one folder per category holding its sources, in configuration order.
    /// NOTE: as bytes, not a String grown by interpolation: 18,000 instructions a source, 22 M for 1,000 sources.
    static func sources(_ sources: [PublishedSource], categories: [CategorySettings], context: FeedContext) -> [UInt8] {
        var out = FeedBytes()
        out.add(header(title: "\(context.site.title) — sources", context: context))
        var listed = 0
        for category in categories {
            // NOTE: a source with a local file as location has no public URL; a file path means nothing to
            // a reader and would leak the server's layout, so it is left out.
            let members = sources.filter { $0.categories.contains(category.slug) && PublicURL.isAbsoluteHTTP($0.feedURL) }
            guard !members.isEmpty else { continue }
            out.add("    <outline text=\""); out.attribute(category.title)
            out.add("\" title=\""); out.attribute(category.title); out.add("\">\n")
            for source in members {
                out.add("      <outline type=\"rss\" text=\""); out.attribute(source.name)
                out.add("\" title=\""); out.attribute(source.name)
                out.add("\" xmlUrl=\""); out.attribute(source.feedURL); out.add("\"")
                if let site = PublicURL.absolute(source.siteURL) {
                    out.add(" htmlUrl=\""); out.attribute(site); out.add("\"")
                }
                // OPML 2.0 `category`: comma-separated slash-delimited paths; here the slugs, for re-import.
                out.add(" category=\""); out.attribute(source.categories.map { "/" + $0 }.joined(separator: ",")); out.add("\"/>\n")
            }
            out.add("    </outline>\n")
            listed += members.count
        }
        if listed == 0 {
            // OPML 2.0: a body holds at least one outline.
            out.add("    <outline text=\"No sources with a public feed URL\"/>\n")
        }
        out.add(footer)
        return out.bytes
    }

    /// `feeds.opml`: the category feeds and `all`, for subscribers.
    static func feeds(_ channels: [(slug: String, title: String)], context: FeedContext) -> String {
        let a = XMLEscaping.attribute
        var out = header(title: "\(context.site.title) — feeds", context: context)
        for channel in channels {
            let title = "\(context.site.title) — \(channel.title)"
            out += "    <outline type=\"rss\" text=\"\(a(title))\" title=\"\(a(title))\" xmlUrl=\"\(a(context.urls.url(channel.slug + ".xml")))\" htmlUrl=\"\(a(context.urls.url(channel.slug + ".html")))\"/>\n"
        }
        out += footer
        return out
    }

    private static func header(title: String, context: FeedContext) -> String {
        // No dateCreated/dateModified: they would have to come from the clock and churn the file.
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>\(XMLEscaping.text(title))</title>
            <docs>http://opml.org/spec2.opml</docs>
          </head>
          <body>

        """
    }

    private static let footer = "  </body>\n</opml>\n"
}
