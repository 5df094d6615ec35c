import Foundation

/// Lines for the operator on standard error.
enum StandardError {
    static func print(_ line: String) {
        write(line.hasSuffix("\n") ? line : line + "\n")
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var isTerminal: Bool { isatty(2) == 1 }
}
