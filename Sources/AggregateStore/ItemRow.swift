/// An item's columns in the store, but for its key and JSON.
struct ItemRow {
    var sourceID: String
    var date: Double
    var contentHash: String
    var normalizedTitle: String
    var titleWords: String
    /// Each once, in the item's order.
    var categories: [String]

    /// The values of `items`' columns (key, source_id, date, content_hash, title_norm, title_words).
    func values(key: String) -> [SQLiteStatement.Value] {
        [.text(key), .text(sourceID), .real(date), .text(contentHash), .text(normalizedTitle), .text(titleWords)]
    }
}
