import AggregateTestSupport
import Foundation
import Testing

/// Runs the built `aggregate` binary and returns its exit status, standard output and standard error.
func runAggregate(_ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = try TestPaths.aggregateBinary()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

@Test func checkPrintsASummaryAndExitsZero() throws {
    let folder = try TestPaths.temporaryDirectory("check")
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(ConfigFixtures.minimal.utf8).write(to: folder.appendingPathComponent("feeds.conf"))
    let result = try runAggregate(["check"], in: folder)
    #expect(result.status == 0)
    #expect(result.stdout == "feeds.conf: 2 categories, 1 source\n")
    #expect(result.stderr.isEmpty)
}

@Test func checkPrintsEveryProblemAndExitsTwo() throws {
    let folder = try TestPaths.temporaryDirectory("check")
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = ConfigFixtures.minimal.replacingOccurrences(of: "title = Test Desk", with: "titel = Test Desk")
        + "https://b.example.com/ name=B categories=sport\n"
    try Data(text.utf8).write(to: folder.appendingPathComponent("desk.conf"))
    let result = try runAggregate(["check", "--config", "desk.conf"], in: folder)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(lines)")
    #expect(lines.first == "desk.conf:1: [site] is missing the required key title")
    #expect(lines.contains { $0.hasPrefix("desk.conf:2: unknown key \"titel\" in [site]") })
    #expect(lines.contains { $0.hasPrefix("desk.conf:11: source \"https://b.example.com/\" names category \"sport\"") })
}

@Test func checkReportsAMissingFile() throws {
    let folder = try TestPaths.temporaryDirectory("check")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try runAggregate(["check"], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("feeds.conf: cannot read the configuration: no such file"))
}
