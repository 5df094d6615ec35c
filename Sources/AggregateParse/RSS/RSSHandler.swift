/// Reads RSS 0.90–0.94, 1.0 (RDF) and 2.0 elements into `RSSChannel`/`RSSItem`, handing each item
/// to the adapter as soon as it ends (one entry in flight).
final class RSSHandler: XMLEventHandler {
    private enum Field {
        case channelTitle, channelLink, channelDescription, channelLanguage, channelPubDate, channelLastBuildDate,
             channelDCDate, channelTTL, channelUpdatePeriod, channelUpdateFrequency, imageURL
        case title, link, guid, description, contentEncoded, pubDate, dcDate, updated, author, dcCreator,
             itunesAuthor, category, mediaDescription, itunesSummary, sourceTitle, origLink
    }

    // NOTE: one parse, on one thread, reads these at every element: no dynamic exclusivity checks (a runtime
    // call each).
    @exclusivity(unchecked) var channel = RSSChannel()
    @exclusivity(unchecked) private var item: RSSItem?
    @exclusivity(unchecked) private var itemDepth = 0
    @exclusivity(unchecked) private var imageDepth = 0
    @exclusivity(unchecked) private var skipDepth = 0
    @exclusivity(unchecked) private var field: Field?
    private let adapter: RSSAdapter
    @exclusivity(unchecked) private(set) var isRDF: Bool
    @exclusivity(unchecked) private(set) var sawRSS090 = false

    init(rootAttributes: XMLAttributes, isRDF: Bool, adapter: RSSAdapter) {
        self.isRDF = isRDF
        self.adapter = adapter
        channel.version = rootAttributes.value("version")
    }

    private func isCore(_ ns: XMLNamespace) -> Bool {
        switch ns {
        case .none, .rss10: return true
        case .rss090:
            sawRSS090 = true
            return true
        default: return false
        }
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes, depth: Int, base: String?) -> CaptureMode {
        if skipDepth > 0 { return .none }
        let core = isCore(name.ns)
        if item != nil {
            return startInItem(name, attributes, core: core, base: base)
        }
        if core && name.local == "item" {
            item = RSSItem(base: base)
            itemDepth = depth
            return .none
        }
        if imageDepth > 0 {
            if core && name.local == "url" && channel.imageURL == nil {
                field = .imageURL
                return .text
            }
            return .none
        }
        if core {
            switch name.local {
            case "image":
                imageDepth = depth
                return .none
            case "textinput", "textInput", "skipHours", "skipDays", "cloud", "items":
                skipDepth = depth
                return .none
            case "title": field = .channelTitle; return .text
            case "link": field = .channelLink; channel.linkBase = base; return .text
            case "description": field = .channelDescription; channel.descriptionBase = base; return .html
            case "language": field = .channelLanguage; return .text
            case "pubDate": field = .channelPubDate; return .text
            case "lastBuildDate": field = .channelLastBuildDate; return .text
            case "ttl": field = .channelTTL; return .text
            default: return .none
            }
        }
        switch name.ns {
        case .dc:
            if name.local == "language" { field = .channelLanguage; return .text }
            if name.local == "date" { field = .channelDCDate; return .text }
        case .syndication:
            if name.local == "updatePeriod" { field = .channelUpdatePeriod; return .text }
            if name.local == "updateFrequency" { field = .channelUpdateFrequency; return .text }
        case .atom10, .atom03:
            if name.local == "link", let href = attributes.value("href") {
                let rel = attributes.value("rel") ?? "alternate"
                let url = URLResolver.resolve(href, against: base)
                if rel == "self" && channel.selfLink == nil { channel.selfLink = url }
                if rel == "alternate" && channel.atomAlternate == nil { channel.atomAlternate = url }
            }
        case .itunes:
            if name.local == "image", channel.itunesImage == nil, let href = attributes.value("href") {
                channel.itunesImage = URLResolver.resolve(href, against: base)
            }
        default:
            break
        }
        return .none
    }

    private func startInItem(_ name: XMLName, _ attributes: XMLAttributes, core: Bool, base: String?) -> CaptureMode {
        if core {
            switch name.local {
            case "title": field = .title; return .text
            case "link": field = .link; return .text
            case "guid":
                field = .guid
                if let permalink = attributes.value("isPermaLink") { item!.guidIsPermaLink = permalink.lowercased() != "false" }
                return .text
            case "description": field = .description; item!.descriptionBase = base; return .html
            case "pubDate": field = .pubDate; return .text
            case "author": field = .author; return .text
            case "category": field = .category; return .text
            case "enclosure":
                if let url = attributes.value("url"), !url.isEmpty {
                    item!.enclosures.append(RSSEnclosure(url: url, type: attributes.value("type"), length: attributes.value("length"), base: base))
                }
                return .none
            case "source":
                item!.hasSource = true
                item!.sourceURL = attributes.value("url").map { URLResolver.resolve($0, against: base) }
                field = .sourceTitle
                return .text
            default: return .none
            }
        }
        switch name.ns {
        case .content where name.local == "encoded":
            field = .contentEncoded
            item!.contentBase = base
            return .html
        case .dc:
            switch name.local {
            case "creator": field = .dcCreator; return .text
            case "date": field = .dcDate; return .text
            case "subject": field = .category; return .text
            case "title" where item!.title == nil: field = .title; return .text
            case "description" where item!.description == nil: field = .description; item!.descriptionBase = base; return .html
            default: return .none
            }
        case .dcterms:
            if name.local == "modified" { field = .updated; return .text }
            if name.local == "created" || name.local == "issued" { field = .dcDate; return .text }
        case .media:
            if MediaRSS.start(name.local, attributes, base: base, into: &item!) {
                field = .mediaDescription
                return attributes.value("type") == "html" ? .html : .text
            }
        case .itunes:
            switch name.local {
            case "author": field = .itunesAuthor; return .text
            case "summary": field = .itunesSummary; return .text
            case "image":
                if item!.itunesImage == nil, let href = attributes.value("href") { item!.itunesImage = URLResolver.resolve(href, against: base) }
            default: break
            }
        case .feedburner where name.local == "origLink":
            field = .origLink
            return .text
        case .atom10, .atom03:
            if name.local == "link", let href = attributes.value("href") {
                let rel = attributes.value("rel") ?? "alternate"
                if rel == "alternate" && item!.atomAlternate == nil { item!.atomAlternate = URLResolver.resolve(href, against: base) }
                if rel == "enclosure" {
                    item!.enclosures.append(RSSEnclosure(url: href, type: attributes.value("type"), length: attributes.value("length"), base: base))
                }
            } else if name.local == "updated" || name.local == "modified" {
                field = .updated
                return .text
            }
        default:
            break
        }
        return .none
    }

    func end(_ name: XMLName, depth: Int, text: String?) {
        if skipDepth > 0 {
            if depth == skipDepth { skipDepth = 0 }
            return
        }
        if let text, let field {
            self.field = nil
            store(text, in: field)
            return
        }
        if item != nil && depth == itemDepth {
            // Moved out, not copied: an item holds a dozen Strings.
            if let finished = item.take() { adapter.add(finished, channel: channel) }
            return
        }
        if imageDepth > 0 && depth == imageDepth { imageDepth = 0 }
    }

    private func store(_ text: String, in field: Field) {
        switch field {
        case .channelTitle: if channel.title == nil { channel.title = text }
        case .channelLink: if channel.link == nil || channel.link!.isEmpty { channel.link = text }
        case .channelDescription: if channel.description == nil { channel.description = text }
        case .channelLanguage: if channel.language == nil { channel.language = text }
        case .channelPubDate: channel.pubDate = text
        case .channelLastBuildDate: channel.lastBuildDate = text
        case .channelDCDate: channel.dcDate = text
        case .channelTTL: channel.ttl = text
        case .channelUpdatePeriod: channel.updatePeriod = text
        case .channelUpdateFrequency: channel.updateFrequency = text
        case .imageURL: channel.imageURL = text
        case .title: if item!.title == nil { item!.title = text }
        case .link: if item!.link == nil || item!.link!.isEmpty { item!.link = text }
        case .guid: item!.guid = text
        case .description: if item!.description == nil { item!.description = text }
        case .contentEncoded: if item!.contentEncoded == nil { item!.contentEncoded = text }
        case .pubDate: item!.pubDate = text
        case .dcDate: if item!.dcDate == nil { item!.dcDate = text }
        case .updated: item!.updated = text
        case .author: if item!.author == nil { item!.author = text }
        case .dcCreator: if item!.dcCreator == nil { item!.dcCreator = text }
        case .itunesAuthor: item!.itunesAuthor = text
        case .category: item!.categories.append(text)
        case .mediaDescription: item!.mediaDescription = text
        case .itunesSummary: item!.itunesSummary = text
        case .sourceTitle: item!.sourceTitle = text
        case .origLink: item!.origLink = text
        }
    }
}
