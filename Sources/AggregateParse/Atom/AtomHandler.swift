import Foundation

/// Reads Atom 1.0 and 0.3 elements into `AtomFeed`/`AtomEntry`, handing each entry to the adapter
/// when it ends.
final class AtomHandler: XMLEventHandler {
    private enum Field {
        case feedTitle, feedSubtitle, feedUpdated, feedLogo, feedIcon, feedAuthorName, feedAuthorEmail, feedLanguage
        case category
        case id, title, published, updated, authorName, authorEmail, summary, content, mediaDescription, origLink
        case sourceTitle, sourceID
    }

    // NOTE: one parse, on one thread, reads these at every element: no dynamic exclusivity checks (a runtime
    // call each).
    @exclusivity(unchecked) var feed = AtomFeed()
    @exclusivity(unchecked) private var entry: AtomEntry?
    @exclusivity(unchecked) private var entryDepth = 0
    @exclusivity(unchecked) private var authorDepth = 0
    @exclusivity(unchecked) private var sourceDepth = 0
    @exclusivity(unchecked) private var field: Field?
    @exclusivity(unchecked) private var fieldKind = "text"
    @exclusivity(unchecked) private var fieldBase: String?
    private let adapter: AtomAdapter

    init(rootAttributes: XMLAttributes, adapter: AtomAdapter) {
        self.adapter = adapter
        feed.version = rootAttributes.value("version")
        feed.language = rootAttributes.value("lang", .xml)
    }

    private func isAtom(_ ns: XMLNamespace) -> Bool { ns == .atom10 || ns == .atom03 || ns == .none }

    /// The capture mode for a text construct, from `type` (and Atom 0.3's `mode`).
    private func textConstruct(_ f: Field, _ attributes: XMLAttributes, base: String?) -> CaptureMode {
        field = f
        fieldBase = base
        let type = attributes.value("type")?.lowercased() ?? "text"
        let mode = attributes.value("mode")?.lowercased()
        switch (type, mode) {
        case (_, "xml"), ("xhtml", _), ("application/xhtml+xml", _):
            fieldKind = "xhtml"
            return .xhtml
        case (_, "base64"):
            fieldKind = type.contains("html") ? "base64html" : "base64text"
            return .text
        case ("html", _), ("text/html", _), (_, "escaped"):
            fieldKind = "html"
            return .html
        default:
            fieldKind = "text"
            return .text
        }
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes, depth: Int, base: String?) -> CaptureMode {
        let atom = isAtom(name.ns)
        if entry == nil && atom && name.local == "entry" {
            entry = AtomEntry(base: base)
            entryDepth = depth
            return .none
        }
        if atom && name.local == "author" && authorDepth == 0 {
            authorDepth = depth
            return .none
        }
        if authorDepth > 0 {
            guard atom else { return .none }
            let inEntry = entry != nil
            if name.local == "name" { field = inEntry ? .authorName : .feedAuthorName; return .text }
            if name.local == "email" { field = inEntry ? .authorEmail : .feedAuthorEmail; return .text }
            return .none
        }
        if entry != nil {
            if sourceDepth > 0 {
                guard atom else { return .none }
                switch name.local {
                case "title": return textConstruct(.sourceTitle, attributes, base: base)
                case "id": field = .sourceID; return .text
                case "link":
                    if let href = attributes.value("href") {
                        let rel = attributes.value("rel") ?? "alternate"
                        let url = URLResolver.resolve(href, against: base)
                        if rel == "self" && entry!.sourceSelf == nil { entry!.sourceSelf = url }
                        if rel == "alternate" && entry!.sourceAlternate == nil { entry!.sourceAlternate = url }
                    }
                default: break
                }
                return .none
            }
            return startInEntry(name, attributes, atom: atom, depth: depth, base: base)
        }
        if name.ns == .dc {
            switch name.local {
            case "title" where feed.title == nil: return textConstruct(.feedTitle, attributes, base: base)
            case "date" where feed.updated == nil: field = .feedUpdated; return .text
            case "language" where feed.language == nil: field = .feedLanguage; return .text
            default: return .none
            }
        }
        if atom {
            switch name.local {
            case "title": return textConstruct(.feedTitle, attributes, base: base)
            case "subtitle", "tagline": return textConstruct(.feedSubtitle, attributes, base: base)
            case "updated", "modified": field = .feedUpdated; return .text
            case "logo": field = .feedLogo; fieldBase = base; return .text
            case "icon": field = .feedIcon; fieldBase = base; return .text
            case "link":
                if let href = attributes.value("href") {
                    let rel = attributes.value("rel") ?? "alternate"
                    let url = URLResolver.resolve(href, against: base)
                    if rel == "self" && feed.selfLink == nil { feed.selfLink = url }
                    if rel == "alternate" {
                        let type = attributes.value("type")
                        if feed.alternate == nil || type == "text/html" { feed.alternate = url }
                    }
                }
            default: break
            }
        }
        return .none
    }

    private func startInEntry(_ name: XMLName, _ attributes: XMLAttributes, atom: Bool, depth: Int, base: String?) -> CaptureMode {
        if atom {
            switch name.local {
            case "id": field = .id; return .text
            case "title": return textConstruct(.title, attributes, base: base)
            case "published", "issued", "created": if entry!.published == nil { field = .published; return .text }
            case "updated", "modified": field = .updated; return .text
            case "summary": return textConstruct(.summary, attributes, base: base)
            case "content":
                if let src = attributes.value("src") {
                    // Out-of-line content: the link is what the entry can offer.
                    if entry!.firstLink == nil { entry!.firstLink = URLResolver.resolve(src, against: base) }
                    return .none
                }
                return textConstruct(.content, attributes, base: base)
            case "category":
                if let term = attributes.value("term") ?? attributes.value("label") { entry!.categories.append(term) }
            case "source":
                entry!.hasSource = true
                sourceDepth = depth
            case "link":
                if let href = attributes.value("href") {
                    let rel = attributes.value("rel") ?? "alternate"
                    let url = URLResolver.resolve(href, against: base)
                    if entry!.firstLink == nil { entry!.firstLink = url }
                    if rel == "alternate" {
                        let type = attributes.value("type")
                        if entry!.alternate == nil || type == "text/html" { entry!.alternate = url }
                    } else if rel == "enclosure" {
                        entry!.enclosures.append(RSSEnclosure(url: href, type: attributes.value("type"), length: attributes.value("length"), base: base))
                    }
                }
            default: break
            }
            return .none
        }
        switch name.ns {
        case .media:
            if MediaRSS.start(name.local, attributes, base: base, into: &entry!) {
                field = .mediaDescription
                fieldKind = attributes.value("type") == "html" ? "html" : "text"
                return fieldKind == "html" ? .html : .text
            }
        case .feedburner where name.local == "origLink":
            field = .origLink
            return .text
        case .itunes where name.local == "image":
            if entry!.itunesImage == nil, let href = attributes.value("href") { entry!.itunesImage = URLResolver.resolve(href, against: base) }
        case .dc:
            // Atom 0.3 documents written with Dublin Core instead of Atom's own elements.
            switch name.local {
            case "title" where entry!.title == nil: return textConstruct(.title, attributes, base: base)
            case "creator" where entry!.authorName == nil: field = .authorName; return .text
            case "date" where entry!.published == nil: field = .published; return .text
            case "subject": field = .category; return .text
            case "description" where entry!.summary == nil: return textConstruct(.summary, attributes, base: base)
            default: break
            }
        default: break
        }
        return .none
    }

    func end(_ name: XMLName, depth: Int, text: String?) {
        if let text, let field {
            self.field = nil
            store(text, field)
            return
        }
        if authorDepth > 0 && depth == authorDepth { authorDepth = 0; return }
        if sourceDepth > 0 && depth == sourceDepth { sourceDepth = 0; return }
        if entry != nil && depth == entryDepth, let finished = entry.take() {
            adapter.add(finished, feed: feed)
        }
    }

    private func construct(_ text: String) -> AtomText {
        switch fieldKind {
        case "base64html", "base64text":
            let compact = text.filter { !$0.isWhitespace }
            let decoded = Data(base64Encoded: compact).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return AtomText(value: decoded, kind: fieldKind == "base64html" ? "html" : "text", base: fieldBase)
        default:
            return AtomText(value: text, kind: fieldKind, base: fieldBase)
        }
    }

    private func store(_ text: String, _ field: Field) {
        switch field {
        case .feedTitle: if feed.title == nil { feed.title = construct(text) }
        case .feedSubtitle: if feed.subtitle == nil { feed.subtitle = construct(text) }
        case .feedUpdated: feed.updated = text
        case .feedLogo: feed.logo = URLResolver.resolve(text, against: fieldBase)
        case .feedIcon: feed.icon = URLResolver.resolve(text, against: fieldBase)
        case .feedLanguage: feed.language = text
        case .feedAuthorName: if feed.authorName == nil { feed.authorName = text }
        case .feedAuthorEmail: if feed.authorEmail == nil { feed.authorEmail = text }
        case .category: entry!.categories.append(text)
        case .id: entry!.id = text
        case .title: if entry!.title == nil { entry!.title = construct(text) }
        case .published: entry!.published = text
        case .updated: entry!.updated = text
        case .authorName: if entry!.authorName == nil { entry!.authorName = text }
        case .authorEmail: if entry!.authorEmail == nil { entry!.authorEmail = text }
        case .summary: if entry!.summary == nil { entry!.summary = construct(text) }
        case .content: if entry!.content == nil { entry!.content = construct(text) }
        case .mediaDescription: entry!.mediaDescription = fieldKind == "html" ? text : HTMLEscaping.escape(text)
        case .origLink: entry!.origLink = text
        case .sourceTitle: entry!.sourceTitle = construct(text)
        case .sourceID: entry!.sourceID = text
        }
    }
}
