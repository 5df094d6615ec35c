import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One run at a time: an exclusive `flock` on a file in the cache folder, released by the kernel if the run dies.
final class RunLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock, or returns nil at once when another process holds it.
    init?(path: String) throws(RunError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cacheUnusable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
        // The holder's pid, for the message another run prints.
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The pid written by the process that holds the lock, if readable.
    static func holder(path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
