import Foundation

/// Where the tests find the package, `../shared` and the built `aggregate` binary.
public enum TestPaths {
    /// The package root, found from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the package root; a clear failure when it is missing.
    public static func shared() throws -> URL {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingFixture(message: "the shared folder is missing: expected \(url.path) beside the package root (clone the project next to its shared/ folder)")
        }
        return url
    }

    /// `../shared/corpus`.
    public static func corpus() throws -> URL {
        try shared().appendingPathComponent("corpus")
    }

    /// The `seeds/` folder of the package.
    public static var seeds: URL { packageRoot.appendingPathComponent("seeds") }

    /// The `aggregate` executable built beside the test bundle.
    public static func aggregateBinary() throws -> URL {
        var candidates: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(argv0.appendingPathComponent("aggregate"))
        // On Linux the test runner may be inside an .xctest bundle folder.
        candidates.append(argv0.deletingLastPathComponent().appendingPathComponent("aggregate"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/aggregate"))
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) {
            return url
        }
        throw MissingFixture(message: "the aggregate binary was not found beside the tests (\(candidates.map(\.path))); run `swift build` first")
    }

    /// A new empty temporary folder.
    public static func temporaryDirectory(_ prefix: String = "aggregate-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A fixture the tests need is not where it should be.
public struct MissingFixture: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
