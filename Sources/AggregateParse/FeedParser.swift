public import AggregateModel
internal import CXMLShim

/// A parsed feed and what was recovered from on the way.
public struct ParseResult: Sendable {
    public var feed: Feed
    /// One line per problem, without a prefix (the caller names the source).
    public var warnings: [String]

    public init(feed: Feed, warnings: [String]) {
        self.feed = feed
        self.warnings = warnings
    }
}

/// Entry point of the parse stage: detects the format from the content, then adapts it.
public enum FeedParser {
    /// `url` is the document's own URL (for resolving relative links; may be a file:// URL); `httpCharset` from Content-Type.
    public static func parse(_ data: [UInt8], url: String?, httpCharset: String? = nil) throws(ParseError) -> ParseResult {
        _ = libxml2Ready
        guard data.contains(where: { !isSpace($0) && $0 != 0 }) else { throw .emptyInput }
        let warnings = WarningLog()
        let bytes = DocumentDecoder.decode(data, httpCharset: httpCharset, warnings: warnings)
        guard let first = bytes.first(where: { !isSpace($0) }) else { throw .emptyInput }
        // Only a web URL is a useful base; a file:// path is not where the feed's links point.
        let documentURL = url.flatMap { URLResolver.isSafeAbsolute($0) ? $0 : nil }
        let context = AdapterContext(warnings: warnings)
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let (value, problems) = LenientJSON.parse(bytes)
            guard let value else { throw .unreadable(reason: problems.first ?? "invalid JSON") }
            guard let feed = JSONFeedAdapter.feed(value, context: context) else {
                if case .object(let o) = value, o["rss"] != nil {
                    throw .notAJSONFeed(reason: "an RSS document written as JSON, not a JSON Feed")
                }
                throw .notAJSONFeed(reason: "no \"version\" of https://jsonfeed.org and no \"items\"")
            }
            problems.forEach { warnings.add($0) }
            return ParseResult(feed: feed, warnings: warnings.all)
        }
        guard first == UInt8(ascii: "<") else {
            throw .unreadable(reason: "the document is neither XML nor JSON")
        }
        let repaired = PrologRepair.repair(bytes, warnings: context.warnings) ?? bytes
        return try parseXML(repaired, documentURL: documentURL, pageURL: url, context: context)
    }

    /// libxml2 wants one initialization before parses run on several threads; Swift runs this once.
    private static let libxml2Ready: Void = axml_init()

    private static func parseXML(_ bytes: [UInt8], documentURL: String?, pageURL: String?, context: AdapterContext) throws(ParseError) -> ParseResult {
        var build: (() -> Feed)?
        let stream = XMLStream(documentURL: documentURL, warnings: context.warnings) { root, attributes in
            switch root.local {
            case "rss", "channel":
                let adapter = RSSAdapter(context: context)
                let handler = RSSHandler(rootAttributes: attributes, isRDF: false, adapter: adapter)
                build = {
                    adapter.feed(handler.channel, format: RSSAdapter.format(version: handler.channel.version, isRDF: false, sawRSS090: handler.sawRSS090))
                }
                return handler
            case "RDF":
                let adapter = RSSAdapter(context: context)
                let handler = RSSHandler(rootAttributes: attributes, isRDF: true, adapter: adapter)
                build = {
                    adapter.feed(handler.channel, format: RSSAdapter.format(version: nil, isRDF: true, sawRSS090: handler.sawRSS090))
                }
                return handler
            case "feed" where root.ns != .xhtml:
                let adapter = AtomAdapter(context: context)
                let handler = AtomHandler(rootAttributes: attributes, adapter: adapter)
                let isAtom03 = root.ns == .atom03 || attributes.value("version") == "0.3"
                build = { adapter.feed(handler.feed, isAtom03: isAtom03) }
                return handler
            default:
                return nil
            }
        }
        stream.parse(bytes)
        if let build {
            let feed = build()
            return ParseResult(feed: feed, warnings: context.warnings.all)
        }
        let root = stream.rootName?.local
        if root?.lowercased() == "html" || AdvertisedFeeds.looksLikeHTML(bytes) {
            throw .htmlPage(advertisedFeeds: AdvertisedFeeds.find(in: bytes, pageURL: pageURL))
        }
        guard let root else { throw .unreadable(reason: "no XML element could be read") }
        throw .notAFeed(root: stream.rootQualifiedName ?? root)
    }
}
