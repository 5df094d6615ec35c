import Foundation

/// The mapping between `SourceState` and the `sources` table.
enum SourceColumns {
    static let names = [
        "id", "location", "config_hash", "etag", "last_modified", "body_hash", "last_attempt", "last_success",
        "last_error", "failures", "next_due", "permanent_redirect", "gone", "feed_title", "site_url", "feed_url",
        "refresh_hint",
    ]
    static let list = names.joined(separator: ", ")
    static let placeholders = names.map { _ in "?" }.joined(separator: ", ")

    static func values(_ s: SourceState) -> [SQLiteStatement.Value] {
        [
            .text(s.sourceID), .text(s.location), .text(s.configHash), .text(s.etag), .text(s.lastModified),
            .text(s.bodyHash), .real(s.lastAttempt?.timeIntervalSince1970), .real(s.lastSuccess?.timeIntervalSince1970),
            .text(s.lastError), .integer(s.consecutiveFailures), .real(s.nextDue?.timeIntervalSince1970),
            .text(s.permanentRedirect), .integer(s.gone ? 1 : 0), .text(s.feedTitle), .text(s.siteURL),
            .text(s.feedURL), .real(s.refreshHint),
        ]
    }

    static func read(_ row: SQLiteStatement.Row) -> SourceState {
        SourceState(
            sourceID: row.text(0) ?? "", location: row.text(1) ?? "", configHash: row.text(2), etag: row.text(3),
            lastModified: row.text(4), bodyHash: row.text(5), lastAttempt: row.real(6).map(Date.init(timeIntervalSince1970:)),
            lastSuccess: row.real(7).map(Date.init(timeIntervalSince1970:)), lastError: row.text(8),
            consecutiveFailures: row.integer(9) ?? 0, nextDue: row.real(10).map(Date.init(timeIntervalSince1970:)),
            permanentRedirect: row.text(11), gone: (row.integer(12) ?? 0) != 0, feedTitle: row.text(13),
            siteURL: row.text(14), feedURL: row.text(15), refreshHint: row.real(16)
        )
    }
}
