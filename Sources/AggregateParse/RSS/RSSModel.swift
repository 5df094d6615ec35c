/// An RSS (0.9x, 1.0/RDF, 2.0) channel as the document writes it, before adaptation.
struct RSSChannel {
    var version: String?
    var title: String?
    var link: String?
    var linkBase: String?
    var atomAlternate: String?
    var selfLink: String?
    var description: String?
    var descriptionBase: String?
    var language: String?
    var pubDate: String?
    var lastBuildDate: String?
    var dcDate: String?
    var imageURL: String?
    var itunesImage: String?
    var ttl: String?
    var updatePeriod: String?
    var updateFrequency: String?
}

/// One RSS `<item>` as written.
struct RSSItem {
    var base: String?
    var title: String?
    var link: String?
    var atomAlternate: String?
    var origLink: String?
    var guid: String?
    var guidIsPermaLink = true
    var description: String?
    var descriptionBase: String?
    var contentEncoded: String?
    var contentBase: String?
    var pubDate: String?
    var dcDate: String?
    var updated: String?
    var author: String?
    var dcCreator: String?
    var itunesAuthor: String?
    var categories: [String] = []
    var enclosures: [RSSEnclosure] = []
    var thumbnail: String?
    var mediaDescription: String?
    var itunesSummary: String?
    var itunesImage: String?
    var sourceURL: String?
    var sourceTitle: String?
    var hasSource = false
}

/// `<enclosure>`, `media:content` or Atom `link rel="enclosure"`.
struct RSSEnclosure {
    var url: String
    var type: String?
    var length: String?
    var medium: String?
    var base: String?
}
