import ArgumentParser

public struct AggregateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Merge many source feeds into one feed per category, with every item credited to its source.",
        subcommands: [
            RunCommand.self, CheckCommand.self, ParseCommand.self, StatusCommand.self,
            ImportOPMLCommand.self, ExportOPMLCommand.self, ExplainCommand.self, FetchCommand.self,
        ]
    )
    public init() {}
}
