import AggregateConfig
import ArgumentParser
import Foundation

/// `aggregate import-opml FILE`: prints `feeds.conf` sections for the feeds of an OPML file.
struct ImportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-opml",
        abstract: "Print feeds.conf sections for the feeds of an OPML subscription list.",
        discussion: """
            Folders become [category SLUG] sections; a feed in no folder goes to the category "uncategorized". \
            Add a [site] section, save the output as feeds.conf and run `aggregate check`.
            """
    )

    @Argument(help: "The OPML file.")
    var file: String

    func run() throws {
        do {
            let feeds = try OPMLImport.read(path: file)
            print(OPMLImport.feedsConf(from: feeds, origin: file), terminator: "")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
