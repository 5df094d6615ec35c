import AggregateCore
import AggregateModel
import ArgumentParser
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's health: last success, last error, failures, items held, next due.")

    @Option(name: .long, help: "The configuration file.")
    var config = "feeds.conf"

    func run() throws {
        let configuration = try loadConfiguration(config)
        let rows: [SourceHealth]
        do { rows = try SourceHealth.all(configuration: configuration) } catch {
            StandardError.print("aggregate: \(error)")
            throw ExitStatus.fatal
        }
        print(SourceHealth.table(rows))
    }
}
