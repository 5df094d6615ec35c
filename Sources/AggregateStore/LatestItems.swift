import Foundation

/// What `Store.latestItems` lists: the newest items of a category (or of every category when nil), newest first;
/// at most `perSource` of one source, none dated before `since`.
public struct LatestItems: Sendable, Hashable {
    public var category: String?
    public var limit: Int
    public var perSource: Int?
    public var since: Date?

    public init(category: String?, limit: Int, perSource: Int? = nil, since: Date? = nil) {
        self.category = category
        self.limit = limit
        self.perSource = perSource
        self.since = since
    }
}
