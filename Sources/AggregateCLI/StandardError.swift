#if canImport(Glibc)
import Glibc
#endif

/// Lines for the operator on standard error.
enum StandardError {
    static func print(_ line: String) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        fputs(text, stderr)
    }

    static var isTerminal: Bool { isatty(2) == 1 }
}
