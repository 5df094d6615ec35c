@testable import AggregateCore
import AggregateTestSupport
import Foundation
import Testing

/// `last-run.json` is written by hand (`RunReportJSON`); its bytes must stay those `JSONEncoder` writes.

private func encodedByJSONEncoder(_ report: RunReport) -> [UInt8]? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return (try? encoder.encode(report)).map { Array($0) }
}

private let textPieces: [String] = [
    "a", "Feed 1", "/", "https://x/feed.xml", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1F}", "\u{0B}", "\u{7F}",
    "é", "\u{301}", "\u{A0}", "\u{2028}", "\u{FEFF}", "😀", "'", "<&>", " ", "",
]

private func text(_ random: inout SplitMix64) -> String {
    (0..<Int.random(in: 0...6, using: &random)).map { _ in textPieces.randomElement(using: &random)! }.joined()
}

private let secondsSamples: [Double] = [
    0, -0.0, 1, 2.5, 0.1, 1e-7, 3.0e-5, 0.027982115745544434, 1e16, 1e20, 123_456_789_012_345_680, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -3, 100,
]

private let dateSamples: [Double] = [
    0, 1.9, -0.5, 1_798_804_800, 1_798_804_800.999_999, 1e10 + 0.7, -62_135_596_801, -12_219_292_801, 253_402_300_800, -1e12,
]

private func randomReport(_ random: inout SplitMix64) -> RunReport {
    func date() -> Date {
        Bool.random(using: &random)
            ? Date(timeIntervalSince1970: dateSamples.randomElement(using: &random)!)
            : Date(timeIntervalSince1970: Double.random(in: -1e11...1e11, using: &random))
    }
    func strings() -> [String] { (0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random) } }
    let statuses: [SourceReport.Status] = [.ok, .notModified, .unchanged, .skipped, .failed, .gone]
    let sources = (0..<Int.random(in: 0...4, using: &random)).map { _ in
        var source = SourceReport(id: text(&random), name: text(&random), location: text(&random), status: statuses.randomElement(using: &random)!)
        source.httpStatus = Bool.random(using: &random) ? Int.random(in: -1...599, using: &random) : nil
        source.bytes = Int.random(in: 0...Int.max, using: &random) >> Int.random(in: 0...62, using: &random)
        source.notModified = Bool.random(using: &random)
        source.new = Int.random(in: -5...500, using: &random)
        source.updated = Int.random(in: 0...50, using: &random)
        source.duplicate = Int.random(in: 0...50, using: &random)
        source.unchanged = Int.random(in: 0...50, using: &random)
        source.filtered = Int.random(in: 0...50, using: &random)
        source.warnings = strings()
        source.error = Bool.random(using: &random) ? text(&random) : nil
        source.seconds = Bool.random(using: &random)
            ? secondsSamples.randomElement(using: &random)!
            : Double.random(in: 0...1, using: &random) * pow(10, Double(Int.random(in: -9...9, using: &random)))
        source.nextDue = Bool.random(using: &random) ? date() : nil
        source.movedTo = Bool.random(using: &random) ? text(&random) : nil
        return source
    }
    return RunReport(
        started: date(), finished: date(), sources: sources, filesWritten: strings(), filesUnchanged: Int.random(in: 0...100, using: &random),
        filesRemoved: strings(), hubErrors: strings())
}

@Test func runReportBytesAreThoseOfJSONEncoder() {
    var random = SplitMix64(seed: 20261130)
    for _ in 0..<2_000 {
        let report = randomReport(&random)
        let bytes = RunReportJSON.encode(report)
        #expect(bytes != nil)
        #expect(bytes == encodedByJSONEncoder(report), "\(String(decoding: bytes ?? [], as: UTF8.self))")
    }
}

@Test func runReportWithEveryFieldAndNoneMatchesJSONEncoder() {
    var full = SourceReport(id: "/srv/feeds/a.xml", name: "A \"quoted\" name", location: "https://x.example/a?b=1&c=2", status: .notModified)
    (full.httpStatus, full.bytes, full.notModified, full.error, full.movedTo) = (304, 12, true, "fetch: timed out", "https://y.example/")
    (full.warnings, full.seconds, full.nextDue) = (["first", "second\tone"], 0.5, Date(timeIntervalSince1970: 1_798_804_800))
    let bare = SourceReport(id: "b", name: "", location: "b.xml", status: .skipped)
    // Whole seconds: the file keeps no fraction of a second, and the report is read back below.
    let started = Date(timeIntervalSince1970: 1_798_804_800)
    for report in [
        RunReport(started: started, finished: started, sources: [], filesWritten: [], filesUnchanged: 0, filesRemoved: [], hubErrors: []),
        RunReport(started: started, finished: started.addingTimeInterval(2), sources: [full, bare], filesWritten: ["all.xml", "index.html"],
                  filesUnchanged: 3, filesRemoved: ["old.xml"], hubErrors: ["hub: 500"]),
    ] {
        #expect(RunReportJSON.encode(report) == encodedByJSONEncoder(report))
        // Read back as `aggregate status` reads it.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("run-report-\(getpid()).json").path
        RunReportFile.write(report, to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(RunReportFile.read(from: path) == report)
    }
}

@Test func aDurationThatIsNotFiniteWritesNoReportAsJSONEncoderDid() {
    var source = SourceReport(id: "a", name: "A", location: "a.xml", status: .ok)
    source.seconds = .nan
    let report = RunReport(started: Date(), finished: Date(), sources: [source], filesWritten: [], filesUnchanged: 0, filesRemoved: [], hubErrors: [])
    #expect(encodedByJSONEncoder(report) == nil)
    #expect(RunReportJSON.encode(report) == nil)
}

/// A property added to the report types must be written by hand too: its key is missing here until it is.
@Test func handWrittenKeysAreTheReportsProperties() {
    let source = SourceReport(id: "a", name: "A", location: "a.xml", status: .ok)
    let report = RunReport(started: Date(), finished: Date(), sources: [], filesWritten: [], filesUnchanged: 0, filesRemoved: [], hubErrors: [])
    #expect(Mirror(reflecting: source).children.compactMap(\.label).sorted() == RunReportJSON.sourceKeys)
    #expect(Mirror(reflecting: report).children.compactMap(\.label).sorted() == RunReportJSON.reportKeys)
}
