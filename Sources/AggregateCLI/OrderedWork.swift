import Foundation

/// Work on indices 0..<count spread over threads, results handed back in index order on the calling thread.
enum OrderedWork {
    /// The cores this process may run on (its affinity mask, so `taskset -c 0` counts one).
    static var availableCores: Int {
        // NOTE: Glibc's module does not export sched_getaffinity; the kernel prints the same mask here.
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { sum, c in
                sum + (c.hexDigitValue ?? 0).nonzeroBitCount
            }
            if count > 0 { return count }
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs `work(i)` for every index on `jobs` threads and calls `deliver(i, result)` in index order on the
    /// calling thread. At most `window` results wait to be delivered, so memory stays bounded however many
    /// indices there are.
    static func run<T>(count: Int, jobs: Int, window: Int, work: @escaping @Sendable (Int) -> T, deliver: (Int, T) -> Void) {
        guard jobs > 1, count > 1 else {
            for i in 0..<count { deliver(i, work(i)) }
            return
        }
        let state = State<T>(count: count, window: max(window, jobs))
        var threads: [Thread] = []
        for _ in 0..<min(jobs, count) {
            let thread = Thread { state.workLoop(work) }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        for i in 0..<count { deliver(i, state.take(i)) }
    }

    private final class State<T>: @unchecked Sendable {
        // Guarded by `condition`.
        private let condition = NSCondition()
        private var slots: [T?]
        private var next = 0
        private var delivered = 0
        private let window: Int

        init(count: Int, window: Int) {
            slots = Array(repeating: nil, count: count)
            self.window = window
        }

        func workLoop(_ work: (Int) -> T) {
            while true {
                condition.lock()
                while next < slots.count && next >= delivered + window { condition.wait() }
                guard next < slots.count else {
                    condition.unlock()
                    return
                }
                let i = next
                next += 1
                condition.unlock()
                let result = work(i)
                condition.lock()
                slots[i] = result
                condition.broadcast()
                condition.unlock()
            }
        }

        func take(_ i: Int) -> T {
            condition.lock()
            defer { condition.unlock() }
            while slots[i] == nil { condition.wait() }
            let result = slots[i]!
            slots[i] = nil
            delivered = i + 1
            condition.broadcast()
            return result
        }
    }
}
