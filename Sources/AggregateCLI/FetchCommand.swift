import AggregateCore
import AggregateModel
import ArgumentParser
import Foundation

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch every source now and print what each answered; nothing is parsed or stored.",
        discussion: "One line per source: status, bytes, seconds, URL. Exit status 1 when a source failed.")

    @Option(name: .long, help: "The configuration file.")
    var config = "feeds.conf"

    @Flag(name: .long, help: "Send the validators stored by the last run (If-None-Match, If-Modified-Since).")
    var conditional = false

    func run() throws {
        let configuration = try loadConfiguration(config)
        var failed = 0
        do {
            try FetchProbe.run(configuration: configuration, conditional: conditional) { line in
                switch line.outcome.result {
                case .success(let response):
                    let status = response.notModified ? "304" : String(response.status)
                    print("\(status) \(response.bytes) \(String(format: "%.3f", response.elapsed)) \(line.source.name) \(line.outcome.request.location)")
                case .failure(let error):
                    failed += 1
                    print("FAIL \(line.source.name) \(line.outcome.request.location): \(error)")
                }
            }
        } catch {
            StandardError.print("aggregate: \(error)")
            throw ExitStatus.fatal
        }
        if failed > 0 { throw ExitStatus.someSourcesFailed }
    }
}
