import ArgumentParser

public struct AggregateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Merge many source feeds into one feed per category, with every item credited to its source.",
        subcommands: []
    )
    public init() {}
}
