import AggregateConfig
import AggregateModel
import ArgumentParser
import Foundation

/// `aggregate export-opml`: prints the configured sources as OPML 2.0.
struct ExportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-opml",
        abstract: "Print the configured sources as an OPML 2.0 subscription list.",
        discussion: "Local-file sources are exported with their feed_url; those without one are left out and named on standard error."
    )

    @Option(name: .long, help: "The configuration file.")
    var config: String = "feeds.conf"

    func run() throws {
        let configuration = try loadConfiguration(config)
        print(OPMLExport.document(for: configuration), terminator: "")
        for source in OPMLExport.unexportable(in: configuration) {
            FileHandle.standardError.write(Data("\(source.origin): \(source.name) is a local file without feed_url; not exported\n".utf8))
        }
    }
}
