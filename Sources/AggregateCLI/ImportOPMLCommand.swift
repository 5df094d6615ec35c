import ArgumentParser

struct ImportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import-opml", abstract: "Not built yet.")
    func run() throws { throw ValidationError("import-opml is not built yet") }
}
