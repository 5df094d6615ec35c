/// The feeds an HTML page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`.
enum AdvertisedFeeds {
    static func find(in bytes: [UInt8], pageURL: String?) -> [String] {
        let sink = Sink()
        HTMLStream.parse(bytes, into: sink)
        let base = sink.base.map { URLResolver.resolve($0, against: pageURL) } ?? pageURL
        var seen: Set<String> = []
        return sink.hrefs.map { URLResolver.resolve($0, against: base) }.filter { seen.insert($0).inserted }
    }

    /// True when the start of a document looks like an HTML page.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<head") || head.contains("<body")
            || head.contains("<title")
    }

    private final class Sink: HTMLEventSink {
        var hrefs: [String] = []
        var base: String?
        func start(_ cName: UnsafePointer<CChar>, _ cAttributes: UnsafePointer<UnsafePointer<CChar>?>?) {
            let name = String(cString: cName)
            guard name == "base" || name == "link" else { return }
            let attributes = HTMLStream.attributes(cAttributes).map { ($0.0.lowercased(), $0.1) }
            if name == "base", base == nil, let href = attributes.first(where: { $0.0 == "href" })?.1 { base = href }
            guard name == "link" else { return }
            var rel = "", type = "", href: String?
            for (k, v) in attributes {
                switch k {
                case "rel": rel = v.lowercased()
                case "type": type = v.lowercased().trimmingQuotes()
                case "href": href = v
                default: break
                }
            }
            let feedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml"]
            if rel.split(separator: " ").contains("alternate"), feedTypes.contains(type), let href, !href.isEmpty {
                hrefs.append(href)
            }
        }
        func end(_ name: UnsafePointer<CChar>) {}
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }
}
