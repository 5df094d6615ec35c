import ArgumentParser

struct ExportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-opml", abstract: "Not built yet.")
    func run() throws { throw ValidationError("export-opml is not built yet") }
}
