import AggregateModel

/// OPML 2.0 (opml.org/spec2.opml) subscription lists: the configured sources, and the feeds this site publishes.
enum OPMLWriter {
    /// `sources.opml`: one folder per category holding its sources, in configuration order.
    static func sources(_ sources: [PublishedSource], categories: [CategorySettings], context: FeedContext) -> String {
        let a = XMLEscaping.attribute
        var out = header(title: "\(context.site.title) — sources", context: context)
        var listed = 0
        for category in categories {
            // NOTE: a source with a local file as location has no public URL; a file path means nothing to
            // a reader and would leak the server's layout, so it is left out.
            let members = sources.filter { $0.categories.contains(category.slug) && PublicURL.isAbsoluteHTTP($0.feedURL) }
            guard !members.isEmpty else { continue }
            out += "    <outline text=\"\(a(category.title))\" title=\"\(a(category.title))\">\n"
            for source in members {
                var attributes = "type=\"rss\" text=\"\(a(source.name))\" title=\"\(a(source.name))\" xmlUrl=\"\(a(source.feedURL))\""
                if let site = PublicURL.absolute(source.siteURL) { attributes += " htmlUrl=\"\(a(site))\"" }
                // OPML 2.0 `category`: comma-separated slash-delimited paths; here the slugs, for re-import.
                attributes += " category=\"\(a(source.categories.map { "/" + $0 }.joined(separator: ",")))\""
                out += "      <outline \(attributes)/>\n"
            }
            out += "    </outline>\n"
            listed += members.count
        }
        if listed == 0 {
            // OPML 2.0: a body holds at least one outline.
            out += "    <outline text=\"No sources with a public feed URL\"/>\n"
        }
        out += footer
        return out
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
