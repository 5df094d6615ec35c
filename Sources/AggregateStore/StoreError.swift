/// Failures of the SQLite store; each names the file and what to do.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case sql(path: String, message: String, statement: String)
    case corrupt(path: String, detail: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case undecodableItem(path: String, key: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "store: \(path): cannot open (\(reason)); check that the cache folder exists and is writable"
        case .sql(let path, let message, let statement):
            "store: \(path): \(message) (while running: \(statement.prefix(80)))"
        case .corrupt(let path, let detail):
            "store: \(path): the database is corrupt (\(detail)); move it aside and run again to rebuild it from the sources"
        case .newerSchema(let path, let found, let supported):
            "store: \(path): written by a newer aggregate (schema \(found), this one knows \(supported)); upgrade aggregate"
        case .undecodableItem(let path, let key, let reason):
            "store: \(path): item \(key) cannot be read (\(reason)); move the database aside to rebuild it"
        }
    }
}
