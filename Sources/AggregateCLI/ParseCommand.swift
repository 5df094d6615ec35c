import ArgumentParser
import AggregateParse
import Foundation

/// `aggregate parse --json PATH...`: the normalized form of each parsed feed (parse-json.md).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feed documents and print them in the normalized JSON form.",
        discussion: "One path prints one JSON object; several print JSON Lines with a \"path\" key. Warnings go to standard error."
    )

    @Flag(name: .long, help: "Print the normalized JSON form (the only output form for now).")
    var json = false

    @Argument(help: "Feed files to parse.")
    var paths: [String]

    func run() throws {
        var failed = false
        var output = ""
        let several = paths.count > 1
        for path in paths {
            let line: String
            switch parseOne(path) {
            case .success(let result):
                for warning in result.warnings { FileHandle.standardError.write(Data("\(path): \(warning)\n".utf8)) }
                line = ParsedFeedJSON.render(result.feed, path: several ? path : nil)
            case .failure(let message):
                failed = true
                line = ParsedFeedJSON.renderError(message, path: path)
                FileHandle.standardError.write(Data("\(message)\n".utf8))
            }
            output += line
            output += "\n"
            if output.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if failed { throw ExitCode.failure }
    }

    private enum Outcome {
        case success(ParseResult)
        case failure(String)
    }

    private func parseOne(_ path: String) -> Outcome {
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            // TODO: the lead wires AggregateFetch in here.
            return .failure("parse: fetching URLs is wired by the run pipeline")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: absolute.path) else {
            return .failure("parse: \(path): cannot read the file (missing or not readable)")
        }
        do {
            return .success(try FeedParser.parse([UInt8](data), url: absolute.absoluteString))
        } catch {
            return .failure("parse: \(path): \(error.description)")
        }
    }
}
