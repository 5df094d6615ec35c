import AggregateModel
import Foundation

/// Reads `feeds.conf` into a `Configuration`, reporting every problem with its `file:line`.
public enum ConfigLoader {
    /// Reads and parses the file at `path` (relative paths are taken from the working directory).
    public static func load(path: String) throws(ConfigError) -> Configuration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file; create it or name another with --config FILE")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "this is a folder; name the configuration file itself") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "the file cannot be opened; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "the file is not UTF-8 text; save it as UTF-8")
        }
        return try parse(text, path: path)
    }

    /// Parses configuration text; `path` names it in messages and anchors its relative paths.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> Configuration {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        var parser = ConfigParser(file: path, directory: absolute.deletingLastPathComponent())
        return try parser.parse(text).get()
    }
}
