import AggregateConfig
import AggregateModel

/// Loads `feeds.conf` for a command, or prints its problems (`file:line: message`) and exits with status 2.
func loadConfiguration(_ path: String) throws -> Configuration {
    do { return try ConfigLoader.load(path: path) } catch {
        StandardError.print("\(error)")
        throw ExitStatus.configurationError
    }
}
