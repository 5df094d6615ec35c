import ArgumentParser

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Not built yet.")
    func run() throws { throw ValidationError("parse is not built yet") }
}
