import AggregateCore
import AggregateModel
import ArgumentParser

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which rule of feeds.conf routed or dropped each item of a source, or one stored item.")

    @Option(name: .long, help: "The configuration file.")
    var config = "feeds.conf"

    @Option(name: .long, help: "Explain the stored item with this link instead of a source.")
    var item: String?

    @Argument(help: "A source's id, name or location.")
    var source: String?

    func validate() throws {
        if (item == nil) == (source == nil) { throw ValidationError("name a source, or give --item URL") }
    }

    func run() throws {
        let configuration = try loadConfiguration(config)
        do {
            if let item {
                show(try Explain.item(link: item, configuration: configuration))
            } else if let source {
                let (settings, explanations) = try Explain.source(source, configuration: configuration)
                print("\(settings.name) (\(settings.location)): \(explanations.count) items")
                explanations.forEach(show)
            }
        } catch {
            StandardError.print("aggregate: \(error)")
            throw ExitStatus.someSourcesFailed
        }
    }

    private func show(_ explanation: Explanation) {
        let target = explanation.routing.isDropped ? "dropped" : explanation.routing.categories.joined(separator: ", ")
        print("\"\(explanation.title)\" -> \(target)")
        for reason in explanation.routing.reasons { print("    \(reason)") }
        if !explanation.alsoReportedBy.isEmpty { print("    also reported by \(explanation.alsoReportedBy.joined(separator: ", "))") }
    }
}
