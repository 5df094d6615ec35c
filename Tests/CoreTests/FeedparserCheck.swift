import Foundation

/// Python's feedparser, the most widely used feed parser, reading our outputs.
enum FeedparserCheck {
    struct Result: Decodable, Equatable {
        var bozo: Int
        var entries: Int
        var error: String?
    }

    static let script = """
        import json, sys
        try:
            import feedparser
        except ImportError:
            print(json.dumps({"missing": True})); sys.exit(0)
        out = {}
        for path in sys.argv[1:]:
            d = feedparser.parse(path)
            out[path] = {"bozo": int(bool(d.bozo)), "entries": len(d.entries),
                         "error": str(d.get("bozo_exception")) if d.bozo else None}
        print(json.dumps(out))
        """

    /// feedparser's verdict per file; throws when Python or feedparser is missing (scripts/test installs both).
    static func check(_ paths: [String]) throws -> [String: Result] {
        let run = try ProgramRun(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + paths)
        guard run.status == 0 else { throw Missing(message: "python3 failed: \(run.standardError)") }
        if run.standardOutput.contains("\"missing\"") {
            throw Missing(message: "Python's feedparser is not installed; scripts/test installs it (pip install feedparser)")
        }
        return try JSONDecoder().decode([String: Result].self, from: Data(run.standardOutput.utf8))
    }

    struct Missing: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
