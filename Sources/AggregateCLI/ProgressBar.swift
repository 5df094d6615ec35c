import Foundation

/// A one-line progress bar on standard error, only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()

    func show(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        StandardError.write("\r[\(bar)] \(done)/\(total) sources")
    }

    func clear() {
        StandardError.write("\r\u{1B}[K")
    }
}
