import AggregateTestSupport
import Foundation
import Testing

/// Golden files under `Tests/PublishTests/Golden/`; `AGGREGATE_RECORD_GOLDEN=1` rewrites them from the current output.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["AGGREGATE_RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file `name`, or records it.
    static func check(_ actual: Data, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("golden file \(url.path) is missing: run the tests with AGGREGATE_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let line = firstDifference?.offset ?? min(expectedLines.count, actualLines.count)
            Issue.record(
                """
                \(name) differs from its golden file at line \(line + 1):
                  expected: \(line < expectedLines.count ? String(expectedLines[line].prefix(300)) : "<end of file>")
                  actual:   \(line < actualLines.count ? String(actualLines[line].prefix(300)) : "<end of file>")
                (re-record with AGGREGATE_RECORD_GOLDEN=1 if the change is intended)
                """, sourceLocation: sourceLocation)
        }
    }
}
