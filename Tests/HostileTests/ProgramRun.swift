import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end (or kills it after `limit` seconds, a guard against hangs, not a timing
/// assert) and captures its exit status, output, time taken and peak memory.
struct ProgramRun {
    var status: Int32
    /// The program had to be killed by the guard: it did not finish on its own.
    var killedByGuard: Bool
    var standardOutput: String
    var standardError: String
    var seconds: TimeInterval
    /// Peak resident memory of the program in KiB (from wait4).
    var maxResidentKiB: Int

    var finished: Bool { !killedByGuard }

    init(_ executable: URL, _ arguments: [String], limit: TimeInterval = 90) throws {
        let child = try ChildProcess(executable, arguments)
        let watchdog = DispatchWorkItem { kill(child.pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
        let end = child.wait()
        watchdog.cancel()
        status = end.status
        killedByGuard = end.signal == SIGKILL
        standardOutput = end.standardOutput
        standardError = end.standardError
        seconds = end.seconds
        maxResidentKiB = end.maxResidentKiB
    }
}

/// A started child process whose output is drained while it runs (so a full pipe never blocks it).
final class ChildProcess: @unchecked Sendable {
    struct End {
        var status: Int32
        var signal: Int32?
        var standardOutput: String
        var standardError: String
        var seconds: TimeInterval
        var maxResidentKiB: Int
    }

    let pid: pid_t
    private let started = Date()
    private let outFD: Int32
    private let errFD: Int32
    private let lock = NSLock()
    private var outData: [UInt8] = []
    private var errData: [UInt8] = []
    private let drained = DispatchGroup()

    init(_ executable: URL, _ arguments: [String]) throws {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw ChildError(message: "pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, outPipe[0])
        posix_spawn_file_actions_addclose(&actions, errPipe[0])
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw ChildError(message: "posix_spawn \(executable.path): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        outFD = outPipe[0]
        errFD = errPipe[0]
        drain(outFD) { self.outData.append(contentsOf: $0) }
        drain(errFD) { self.errData.append(contentsOf: $0) }
    }

    private func drain(_ fd: Int32, _ append: @escaping @Sendable ([UInt8]) -> Void) {
        drained.enter()
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                let chunk = Array(buffer[..<n])
                lock.withLock { append(chunk) }
            }
            close(fd)
            drained.leave()
        }.start()
    }

    /// Waits for the end of the process and of its output.
    func wait() -> End {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        drained.wait()
        let signaled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        return lock.withLock {
            End(
                status: signaled ? -1 : (status >> 8) & 0xFF, signal: signaled ? status & 0x7F : nil,
                standardOutput: String(decoding: outData, as: UTF8.self), standardError: String(decoding: errData, as: UTF8.self),
                seconds: Date().timeIntervalSince(started), maxResidentKiB: usage.ru_maxrss)
        }
    }
}

struct ChildError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
