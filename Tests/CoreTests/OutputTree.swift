import Foundation

/// Every file of an output folder with its bytes and modification time, to compare two runs.
struct OutputTree: Equatable {
    struct File: Equatable {
        var bytes: Data
        var modified: Date
    }

    var files: [String: File]

    init(_ folder: URL) throws {
        var files: [String: File] = [:]
        let manager = FileManager.default
        for name in try manager.subpathsOfDirectory(atPath: folder.path) {
            let path = folder.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let attributes = try manager.attributesOfItem(atPath: path)
            files[name] = File(bytes: try Data(contentsOf: URL(fileURLWithPath: path)), modified: attributes[.modificationDate] as? Date ?? .distantPast)
        }
        self.files = files
    }

    func text(_ name: String) -> String? { files[name].map { String(decoding: $0.bytes, as: UTF8.self) } }
}

/// Runs a program and captures its exit status and output.
struct ProgramRun {
    var status: Int32
    var standardOutput: String
    var standardError: String

    init(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the program runs, so that a full pipe never blocks it.
        let errorData = LockedData()
        let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.done { usleep(1000) }
        status = process.terminationStatus
        standardOutput = String(decoding: outData, as: UTF8.self)
        standardError = String(decoding: errorData.value, as: UTF8.self)
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var finished = false
    func set(_ value: Data) { lock.withLock { data = value; finished = true } }
    var done: Bool { lock.withLock { finished } }
    var value: Data { lock.withLock { data } }
}
