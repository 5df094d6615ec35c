import Foundation

/// What happened to one source in a run; written to the cache folder as JSON.
public struct SourceReport: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable {
        /// Fetched and merged.
        case ok
        /// The server answered 304 Not Modified.
        case notModified = "not-modified"
        /// The body was the same as last time; not parsed again.
        case unchanged
        /// Not due yet.
        case skipped
        /// The fetch or the parse failed.
        case failed
        /// The server said 410 Gone; not fetched until its line in feeds.conf changes.
        case gone
    }

    public var id: String
    public var name: String
    public var location: String
    public var status: Status
    public var httpStatus: Int?
    public var bytes: Int
    public var notModified: Bool
    public var new: Int
    public var updated: Int
    public var duplicate: Int
    public var unchanged: Int
    public var filtered: Int
    public var warnings: [String]
    public var error: String?
    public var seconds: Double
    public var nextDue: Date?
    /// Where a permanent redirect says the feed now lives: a suggested change to feeds.conf.
    public var movedTo: String?

    init(id: String, name: String, location: String, status: Status) {
        self.id = id
        self.name = name
        self.location = location
        self.status = status
        httpStatus = nil
        bytes = 0
        notModified = false
        new = 0
        updated = 0
        duplicate = 0
        unchanged = 0
        filtered = 0
        warnings = []
        error = nil
        seconds = 0
        nextDue = nil
        movedTo = nil
    }
}

/// The whole run.
public struct RunReport: Sendable, Codable, Hashable {
    public var started: Date
    public var finished: Date
    public var sources: [SourceReport]
    public var filesWritten: [String]
    public var filesUnchanged: Int
    public var filesRemoved: [String]
    /// WebSub pings that failed.
    public var hubErrors: [String]

    public var failed: [SourceReport] { sources.filter { $0.status == .failed } }
}
