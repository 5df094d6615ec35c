/// What Media RSS adds to an RSS item or an Atom entry.
protocol MediaRSSHolder {
    var enclosures: [RSSEnclosure] { get set }
    var thumbnail: String? { get set }
    var mediaDescription: String? { get set }
}

extension RSSItem: MediaRSSHolder {}
extension AtomEntry: MediaRSSHolder {}

/// Media RSS elements, read the same way inside RSS items and Atom entries.
enum MediaRSS {
    /// `media:content` with a URL becomes an enclosure, the first `media:thumbnail` the lead image. Returns true
    /// for a `media:description` when the holder has none yet: the caller captures its text.
    static func start(_ local: String, _ attributes: XMLAttributes, base: String?, into holder: inout some MediaRSSHolder) -> Bool {
        switch local {
        case "content":
            if let url = attributes.value("url"), !url.isEmpty {
                holder.enclosures.append(RSSEnclosure(url: url, type: attributes.value("type"), length: attributes.value("fileSize"),
                                                      medium: attributes.value("medium"), base: base))
            }
        case "thumbnail":
            if holder.thumbnail == nil, let url = attributes.value("url") { holder.thumbnail = URLResolver.resolve(url, against: base) }
        case "description":
            return holder.mediaDescription == nil
        default: break
        }
        return false
    }
}
