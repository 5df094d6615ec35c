import Foundation

/// While a store made by `fresh` is built, has the kernel start writing the file's dirty pages to disk every
/// `interval`, without waiting for them: the sync that ends the build then has little left to write.
final class Writeback: @unchecked Sendable {
    private let timer: DispatchSourceTimer

    init(path: String, every interval: DispatchTimeInterval = .milliseconds(100)) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "aggregate.store.writeback"))
        // Opened on the timer's queue, once SQLite has made the file; closed there when the timer stops.
        let file = FileDescriptor()
        timer.setEventHandler {
            if file.value < 0 { file.value = open(path, O_RDONLY | O_CLOEXEC) }
            if file.value >= 0, let start = Self.startWriting { _ = start(file.value, 0, 0, 2) }
        }
        timer.setCancelHandler {
            if file.value >= 0 { close(file.value) }
        }
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.resume()
    }

    func stop() { timer.cancel() }

    /// Linux's `sync_file_range`, which Glibc's module leaves out; flag 2 is SYNC_FILE_RANGE_WRITE.
    private static let startWriting: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()

    private final class FileDescriptor: @unchecked Sendable {
        var value: Int32 = -1
    }
}
