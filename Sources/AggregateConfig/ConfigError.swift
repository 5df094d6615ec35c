/// One thing wrong in a configuration file, located at `file:line`.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (e.g. `feeds.conf`).
    public var file: String
    /// 1-based line number; the problem is about the whole file when it is 0.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors and compilers use.
    public var description: String { "\(file):\(line): \(message)" }
}

/// Why a configuration could not be loaded.
public enum ConfigError: Error, CustomStringConvertible, Sendable {
    /// The file could not be read at all (missing, unreadable, not UTF-8).
    case unreadable(path: String, reason: String)
    /// The file was read and has these problems, in line order.
    case invalid([ConfigProblem])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the configuration: \(reason)"
        case .invalid(let problems):
            return problems.map(\.description).joined(separator: "\n")
        }
    }

    /// The problems, one per line, as `check` prints them.
    public var lines: [String] {
        switch self {
        case .unreadable: return [description]
        case .invalid(let problems): return problems.map(\.description)
        }
    }
}
