import Foundation

/// The bytes `JSONEncoder` writes for a `RunReport` (pretty-printed, sorted keys, ISO 8601 dates), written by hand.
///
/// NOTE: `JSONEncoder` took 94 million instructions for the report of 1,000 sources, the last step of a run, after
/// everything else is done. These are the same bytes (compared with `JSONEncoder` in the tests): keys in the
/// order it sorts them, absent optionals left out, `/` escaped as `\/`, a number as its `description` without a
/// trailing `.0`, an empty array as `[`, a blank line, `]`.
struct RunReportJSON {
    private var out: [UInt8] = []
    private let dateStyle = Date.ISO8601FormatStyle()
    private var lastDate: Date?
    private var lastDateText = ""

    /// The report's bytes; nil when `JSONEncoder` would fail too (a duration that is not finite).
    static func encode(_ report: RunReport) -> [UInt8]? {
        guard report.sources.allSatisfy({ $0.seconds.isFinite }) else { return nil }
        var writer = RunReportJSON()
        writer.out.reserveCapacity(1_024 + 560 * report.sources.count)
        writer.write(report)
        return writer.out
    }

    /// The keys of a source's report, as `JSONEncoder` sorts them (a test checks them against the type's properties).
    static let sourceKeys = [
        "bytes", "duplicate", "error", "filtered", "httpStatus", "id", "location", "movedTo", "name", "new", "nextDue",
        "notModified", "seconds", "status", "unchanged", "updated", "warnings",
    ]
    /// The keys of the report, sorted.
    static let reportKeys = ["filesRemoved", "filesUnchanged", "filesWritten", "finished", "hubErrors", "sources", "started"]

    private mutating func write(_ report: RunReport) {
        out.append(UInt8(ascii: "{"))
        var first = true
        key("filesRemoved", indent: 1, first: &first)
        strings(report.filesRemoved, indent: 1)
        key("filesUnchanged", indent: 1, first: &first)
        integer(report.filesUnchanged)
        key("filesWritten", indent: 1, first: &first)
        strings(report.filesWritten, indent: 1)
        key("finished", indent: 1, first: &first)
        date(report.finished)
        key("hubErrors", indent: 1, first: &first)
        strings(report.hubErrors, indent: 1)
        key("sources", indent: 1, first: &first)
        array(report.sources, indent: 1) { writer, source in writer.write(source, indent: 2) }
        key("started", indent: 1, first: &first)
        date(report.started)
        close(UInt8(ascii: "}"), indent: 0)
    }

    private mutating func write(_ source: SourceReport, indent: Int) {
        out.append(UInt8(ascii: "{"))
        var first = true
        key("bytes", indent: indent + 1, first: &first)
        integer(source.bytes)
        key("duplicate", indent: indent + 1, first: &first)
        integer(source.duplicate)
        if let error = source.error {
            key("error", indent: indent + 1, first: &first)
            string(error)
        }
        key("filtered", indent: indent + 1, first: &first)
        integer(source.filtered)
        if let httpStatus = source.httpStatus {
            key("httpStatus", indent: indent + 1, first: &first)
            integer(httpStatus)
        }
        key("id", indent: indent + 1, first: &first)
        string(source.id)
        key("location", indent: indent + 1, first: &first)
        string(source.location)
        if let movedTo = source.movedTo {
            key("movedTo", indent: indent + 1, first: &first)
            string(movedTo)
        }
        key("name", indent: indent + 1, first: &first)
        string(source.name)
        key("new", indent: indent + 1, first: &first)
        integer(source.new)
        if let nextDue = source.nextDue {
            key("nextDue", indent: indent + 1, first: &first)
            date(nextDue)
        }
        key("notModified", indent: indent + 1, first: &first)
        append(source.notModified ? "true" : "false")
        key("seconds", indent: indent + 1, first: &first)
        var seconds = source.seconds.description
        if seconds.hasSuffix(".0") { seconds.removeLast(2) }
        out.append(contentsOf: seconds.utf8)
        key("status", indent: indent + 1, first: &first)
        string(source.status.rawValue)
        key("unchanged", indent: indent + 1, first: &first)
        integer(source.unchanged)
        key("updated", indent: indent + 1, first: &first)
        integer(source.updated)
        key("warnings", indent: indent + 1, first: &first)
        strings(source.warnings, indent: indent + 1)
        close(UInt8(ascii: "}"), indent: indent)
    }

    /// A line break and indentation, then `"name" : `; a comma first unless it is the first key.
    private mutating func key(_ name: StaticString, indent: Int, first: inout Bool) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        newline(indent: indent)
        out.append(UInt8(ascii: "\""))
        append(name)
        append("\" : ")
    }

    private mutating func append(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func strings(_ values: [String], indent: Int) {
        array(values, indent: indent) { writer, value in writer.string(value) }
    }

    private mutating func array<Element>(_ values: [Element], indent: Int, _ element: (inout RunReportJSON, Element) -> Void) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent: indent + 1)
            element(&self, value)
        }
        // `JSONEncoder` writes an empty array as `[`, an empty line, `]`.
        if values.isEmpty { out.append(UInt8(ascii: "\n")) }
        close(UInt8(ascii: "]"), indent: indent)
    }

    private mutating func close(_ bracket: UInt8, indent: Int) {
        newline(indent: indent)
        out.append(bracket)
    }

    private mutating func newline(indent: Int) {
        out.append(UInt8(ascii: "\n"))
        append(Self.spaces[indent])
    }

    /// The indentation of each level.
    private static let spaces: [StaticString] = ["", "  ", "    ", "      ", "        "]

    private mutating func integer(_ value: Int) {
        out.append(contentsOf: String(value).utf8)
    }

    private mutating func date(_ value: Date) {
        // Most sources are next due at the same time.
        if value != lastDate {
            lastDate = value
            lastDateText = value.formatted(dateStyle)
        }
        string(lastDateText)
    }

    /// A quoted string, escaped as `JSONEncoder` escapes: `"`, `\` and `/` with a backslash, control characters
    /// as `\b \t \n \f \r` or `\u00xx`, everything else as its UTF-8.
    private mutating func string(_ value: String) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for (offset, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<offset]))
                start = offset + 1
                escape(byte)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x08: append("\\b")
        case 0x09: append("\\t")
        case 0x0A: append("\\n")
        case 0x0C: append("\\f")
        case 0x0D: append("\\r")
        case 0..<0x20:
            let hex: StaticString = "0123456789abcdef"
            append("\\u00")
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0xF)])
        default:
            out.append(UInt8(ascii: "\\"))
            out.append(byte)
        }
    }
}
