import AggregateConfig
import AggregatePublish
import AggregateStore

/// Failures that stop a whole run (a failing source never does).
public enum RunError: Error, CustomStringConvertible {
    case configuration(ConfigError)
    case anotherRunActive(lockPath: String, pid: String?)
    case cacheUnusable(path: String, reason: String)
    case store(StoreError)
    case publish(PublishError)

    public var description: String {
        switch self {
        case .configuration(let error): "\(error)"
        case .anotherRunActive(let path, let pid):
            "run: another aggregate run is active (lock \(path)\(pid.map { ", pid \($0)" } ?? "")); this run did nothing. Try again when it has finished."
        case .cacheUnusable(let path, let reason):
            "run: cannot use the cache folder (\(path): \(reason)); check `cache` in [site] and the folder's permissions"
        case .store(let error): "\(error)"
        case .publish(let error): "\(error)"
        }
    }

    /// Exit status for cron: see README "Exit status".
    public var exitStatus: Int32 {
        switch self {
        case .configuration: 2
        case .anotherRunActive: 3
        case .cacheUnusable, .store, .publish: 4
        }
    }
}
