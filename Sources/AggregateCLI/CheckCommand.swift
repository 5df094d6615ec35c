import AggregateModel
import ArgumentParser
import Foundation

/// `aggregate check`: validates `feeds.conf` without fetching anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration without fetching anything.",
        discussion: "Prints every problem as file:line: message on standard error and exits 2, or prints a one-line summary and exits 0."
    )

    @Option(name: .long, help: "The configuration file.")
    var config: String = "feeds.conf"

    func run() throws {
        let configuration = try loadConfiguration(config)
        let categories = configuration.categories.count
        let sources = configuration.sources.count
        print("\(config): \(categories) \(categories == 1 ? "category" : "categories"), \(sources) \(sources == 1 ? "source" : "sources")")
    }
}
