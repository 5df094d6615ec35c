import Foundation

/// gzip-compressed fixtures made with the system `gzip` (Foundation on Linux has no gzip API).
public enum Gzip {
    /// `bytes` compressed with `gzip -c`.
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = try TestPaths.temporaryDirectory("aggregate-gzip")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input")
        try Data(bytes).write(to: input)
        return try run("/bin/gzip", ["-c", "-9", input.path])
    }

    /// `count` zero bytes compressed: a "gzip bomb" a thousand times smaller than what it decodes to.
    public static func zeros(count: Int) throws -> [UInt8] {
        try run("/bin/sh", ["-c", "head -c \(count) /dev/zero | gzip -c -9"])
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MissingFixture(message: "\(executable) \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
        return [UInt8](data)
    }
}
