import AggregateModel

/// Writes the configured sources as an OPML 2.0 subscription list.
public enum OPMLExport {
    /// OPML 2.0 with one folder per category; each source is listed in every folder it belongs to and
    /// carries its categories as `category="/slug,…"`. No dates, so the same configuration gives the same bytes.
    public static func document(for configuration: Configuration) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head>
                <title>\(XMLEntities.escapeText(configuration.site.title))</title>
                <docs>http://opml.org/spec2.opml</docs>
              </head>
              <body>

            """
        for category in configuration.categories {
            let members = configuration.sources.filter { $0.categories.contains(category.slug) }
            let exportable = members.compactMap { source in feedURL(of: source).map { (source, $0) } }
            guard !exportable.isEmpty else { continue }
            let title = category.title.isEmpty ? category.slug : category.title
            out += "    <outline text=\"\(XMLEntities.escapeAttribute(title))\" title=\"\(XMLEntities.escapeAttribute(title))\">\n"
            for (source, url) in exportable {
                var line = "      <outline type=\"rss\" text=\"\(XMLEntities.escapeAttribute(source.name))\" title=\"\(XMLEntities.escapeAttribute(source.name))\""
                line += " xmlUrl=\"\(XMLEntities.escapeAttribute(url))\""
                if let site = source.siteURL { line += " htmlUrl=\"\(XMLEntities.escapeAttribute(site))\"" }
                let categories = source.categories.map { "/" + $0 }.joined(separator: ",")
                line += " category=\"\(XMLEntities.escapeAttribute(categories))\"/>\n"
                out += line
            }
            out += "    </outline>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    /// Sources that cannot be exported: local files without a `feed_url`.
    public static func unexportable(in configuration: Configuration) -> [SourceSettings] {
        configuration.sources.filter { feedURL(of: $0) == nil }
    }

    /// The public URL of the feed: the location when it is remote, else `feed_url`.
    static func feedURL(of source: SourceSettings) -> String? {
        source.isLocalFile ? source.feedURL : source.location
    }
}
