import AggregateFetch
import AggregateModel
import AggregateParse
import ArgumentParser
import Foundation

/// `aggregate parse --json PATH...`: the normalized form of each parsed feed (parse-json.md).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feed documents and print them in the normalized JSON form.",
        discussion: "One path prints one JSON object; several print JSON Lines with a \"path\" key, in the order of the paths. Warnings go to standard error."
    )

    @Flag(name: .long, help: "Print the normalized JSON form (the only output form for now).")
    var json = false

    @Option(name: .long, help: "Files parsed at once (default: the number of cores this process may use).")
    var jobs: Int?

    @Flag(name: .long, help: "Let http(s) URLs resolve to loopback, private or link-local addresses (a local mirror).")
    var allowPrivateNetworks = false

    @Argument(help: "Feed files or http(s) URLs to parse.")
    var paths: [String]

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// What one path gives: its output line and its lines for standard error.
    private struct Printed: Sendable {
        var line: [UInt8]
        var errors: [UInt8]
        var failed: Bool
    }

    func run() throws {
        var failed = false
        var output: [UInt8] = []
        let paths = self.paths
        let several = paths.count > 1
        let jobs = self.jobs ?? OrderedWork.availableCores
        let fetch = FetchSettings(allowPrivateNetworks: allowPrivateNetworks)
        OrderedWork.run(count: paths.count, jobs: jobs, window: 4 * jobs, work: { index in
            Self.printed(paths[index], several: several, fetch: fetch)
        }, deliver: { _, printed in
            if !printed.errors.isEmpty { FileHandle.standardError.write(Data(printed.errors)) }
            if printed.failed { failed = true }
            // Short lines are gathered into one write; a long one (a feed is 200 KB on average) is
            // written as it is rather than copied.
            if printed.line.count >= 64 << 10 {
                FileBytes.writeAll(output, to: 1)
                output.removeAll(keepingCapacity: true)
                FileBytes.writeAll(printed.line, to: 1)
                return
            }
            output.append(contentsOf: printed.line)
            if output.count > 1 << 20 {
                FileBytes.writeAll(output, to: 1)
                output.removeAll(keepingCapacity: true)
            }
        })
        FileBytes.writeAll(output, to: 1)
        if failed { throw ExitCode.failure }
    }

    private static func printed(_ path: String, several: Bool, fetch: FetchSettings) -> Printed {
        var result = Printed(line: [], errors: [], failed: false)
        switch parseOne(path, fetch: fetch) {
        case .success(let parsed):
            for warning in parsed.warnings { result.errors.append(contentsOf: "\(path): \(warning)\n".utf8) }
            ParsedFeedJSON.append(parsed.feed, path: several ? path : nil, to: &result.line)
        case .failure(let message):
            result.failed = true
            result.line.append(contentsOf: ParsedFeedJSON.renderError(message, path: path).utf8)
            result.errors.append(contentsOf: "\(message)\n".utf8)
        }
        result.line.append(UInt8(ascii: "\n"))
        return result
    }

    private enum Outcome {
        case success(ParseResult)
        case failure(String)
    }

    private static func parseOne(_ path: String, fetch: FetchSettings) -> Outcome {
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            // The same fetcher, limits and guards as `run`.
            let request = FetchRequest(sourceID: path, location: path, allowPrivateNetworks: fetch.allowPrivateNetworks)
            switch Fetcher(settings: fetch).fetchAll([request])[0].result {
            case .failure(let error):
                return .failure("\(error)")
            case .success(let response):
                do {
                    return .success(try FeedParser.parse(response.body, url: response.finalURL, httpCharset: response.charset))
                } catch {
                    return .failure("parse: \(path): \(error.description)")
                }
            }
        }
        guard let data = FileBytes.contents(atPath: path) else {
            return .failure("parse: \(path): cannot read the file (missing or not readable)")
        }
        do {
            // A file: URL is no base for a feed's links; only an HTML page's advertised feeds are resolved
            // against it, so it is made for those alone (making one per file was 2% of a corpus parse).
            do {
                return .success(try FeedParser.parse(data, url: nil))
            } catch .htmlPage {
                return .success(try FeedParser.parse(data, url: URL(fileURLWithPath: path).standardizedFileURL.absoluteString))
            }
        } catch {
            return .failure("parse: \(path): \(error.description)")
        }
    }
}
