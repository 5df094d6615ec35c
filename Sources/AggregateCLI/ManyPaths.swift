import ArgumentParser

/// `aggregate parse` with many paths, read without ArgumentParser's handling of repeated arguments.
///
/// NOTE: ArgumentParser stores each value of a repeated `@Argument` by copying the array of those before
/// it: 1,000 paths took 0.04 s (5% of parsing the benchmark's 200 MB) and 10,000 about four seconds.
/// Here the paths are taken apart from the options, which ArgumentParser still reads (with one path)
/// and validates. Anything this does not recognize, and any error, goes the usual way.
enum ManyPaths {
    /// Flags of `parse`, and its one option with a value.
    static let flags: Set<String> = ["--json", "--allow-private-networks"]
    static let valued = "--jobs"

    /// The `parse` command for `arguments` (those after "parse"), or nil to leave them to ArgumentParser.
    static func command(for arguments: [String]) -> ParseCommand? {
        var options: [String] = []
        var paths: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                paths += arguments[(i + 1)...]
                break
            }
            if flags.contains(argument) || argument.hasPrefix(valued + "=") {
                options.append(argument)
            } else if argument == valued {
                guard i + 1 < arguments.count else { return nil }
                options += [argument, arguments[i + 1]]
                i += 1
            } else if argument.hasPrefix("-") {
                return nil
            } else {
                paths.append(argument)
            }
            i += 1
        }
        guard paths.count > 1, var command = try? ParseCommand.parse(options + ["--", paths[0]]) else { return nil }
        command.paths = paths
        return command
    }
}

extension AggregateCommand {
    /// The entry point: `main()`, with `parse` of many paths read by `ManyPaths`.
    public static func start() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "parse", let command = ManyPaths.command(for: Array(arguments.dropFirst())) {
            do {
                try command.run()
            } catch {
                exit(withError: error)
            }
            exit()
        }
        main()
    }
}
