import Foundation

/// The JSON report of the last run, in the cache folder, for monitoring and `aggregate status`.
public enum RunReportFile {
    public static func write(_ report: RunReport, to path: String) {
        // The bytes `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys]` and `.iso8601` dates (`RunReportJSON`).
        guard let bytes = RunReportJSON.encode(report) else { return }
        let data = Data(bytes)
        // A report is advisory: failing to write it must not fail the run, but never leave half a file.
        let temporary = path + ".tmp"
        if FileManager.default.createFile(atPath: temporary, contents: data) {
            rename(temporary, path)
        }
    }

    public static func read(from path: String) -> RunReport? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(RunReport.self, from: data)
    }
}
