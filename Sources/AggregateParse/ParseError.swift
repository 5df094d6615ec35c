/// Why a document could not be read as a feed. Messages are one line and say what to do.
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
            return "parse: the document is empty; expected an RSS, Atom or JSON feed"
        case .htmlPage(let feeds) where feeds.isEmpty:
            return "parse: this is an HTML page, not a feed, and it advertises no feed; find the site's feed URL and use it instead"
        case .htmlPage(let feeds):
            return "parse: this is an HTML page, not a feed; it advertises \(feeds.joined(separator: ", ")); use one of these as the source location"
        case .notAFeed(let root):
            return "parse: not a feed: the root element is <\(root)>; expected <rss>, <rdf:RDF> or <feed>"
        case .notAJSONFeed(let reason):
            return "parse: not a feed: JSON that is not a JSON Feed (\(reason))"
        case .unreadable(let reason):
            return "parse: not a feed: \(reason)"
        }
    }
}
