import AggregateModel

/// A feed's bytes as a writer produces them: markup as it is, text and attribute values escaped for XML.
/// NOTE: bytes, not a String: a String grown line by line re-validated and copied every body, and bodies are
/// most of a feed.
struct FeedBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Markup, written as it is.
    mutating func add(_ markup: StaticString) {
        bytes.append(literal: markup)
    }

    /// A string written as it is (markup built elsewhere, a date, a number).
    mutating func add(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// Bytes written as they are (an entry written before).
    mutating func add(_ written: [UInt8]) {
        bytes.append(contentsOf: written)
    }

    /// Character data (`XMLEscaping.text`).
    mutating func text(_ string: String) {
        XMLEscaping.appendText(string, to: &bytes)
    }

    /// A double-quoted attribute value (`XMLEscaping.attribute`).
    mutating func attribute(_ string: String) {
        XMLEscaping.appendAttribute(string, to: &bytes)
    }
}
