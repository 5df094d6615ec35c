/// An Atom text construct as written: its text and how to read it.
struct AtomText {
    var value: String
    /// `text`, `html` or `xhtml` (Atom 0.3 modes mapped onto these).
    var kind: String
    var base: String?
}

/// An Atom 1.0 or 0.3 `<feed>` as written, before adaptation.
struct AtomFeed {
    var version: String?
    var title: AtomText?
    var subtitle: AtomText?
    var alternate: String?
    var selfLink: String?
    var updated: String?
    var logo: String?
    var icon: String?
    var language: String?
    var authorName: String?
    var authorEmail: String?
}

/// One Atom `<entry>` as written.
struct AtomEntry {
    var base: String?
    var id: String?
    var title: AtomText?
    var alternate: String?
    var firstLink: String?
    var origLink: String?
    var published: String?
    var updated: String?
    var authorName: String?
    var authorEmail: String?
    var summary: AtomText?
    var content: AtomText?
    var categories: [String] = []
    var enclosures: [RSSEnclosure] = []
    var thumbnail: String?
    var mediaDescription: String?
    var itunesImage: String?
    var hasSource = false
    var sourceTitle: AtomText?
    var sourceSelf: String?
    var sourceAlternate: String?
    var sourceID: String?
}
