/// Why a document could not be read as a feed. Messages are one line, say what to do, and carry no
/// prefix: the caller names the stage and the source (`parse: https://x/feed.xml: ...`).
public enum ParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Nothing (or only whitespace) to parse.
    case emptyInput
    /// An HTML page; `advertisedFeeds` are the absolute URLs of the feeds it links to.
    case htmlPage(advertisedFeeds: [String])
    /// XML whose root is not a feed element.
    case notAFeed(root: String)
    /// JSON that is not a JSON Feed.
    case notAJSONFeed(reason: String)
    /// Neither XML nor JSON.
    case unreadable(reason: String)

    public var description: String {
        switch self {
        case .emptyInput:
            return "the document is empty; expected an RSS, Atom or JSON feed"
        case .htmlPage(let feeds) where feeds.isEmpty:
            return "this is an HTML page, not a feed, and it advertises no feed; find the site's feed URL and use it instead"
        case .htmlPage(let feeds):
            return "this is an HTML page, not a feed; it advertises \(feeds.joined(separator: ", ")); use one of these as the source location"
        case .notAFeed(let root):
            return "not a feed: the root element is <\(root)>; expected <rss>, <rdf:RDF> or <feed>"
        case .notAJSONFeed(let reason):
            return "not a feed: JSON that is not a JSON Feed (\(reason))"
        case .unreadable(let reason):
            return "not a feed: \(reason)"
        }
    }
}
