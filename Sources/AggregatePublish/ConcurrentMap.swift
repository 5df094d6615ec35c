import Dispatch
import Foundation
import Synchronization

/// `map` spread over the cores: the results come back in the order of the elements, whichever thread made them.
enum ConcurrentMap {
    static func map<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
        let results = Mutex<[Result?]>(Array(repeating: nil, count: elements.count))
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            let result = transform(elements[index])
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// The same on `threads` threads of its own, for work that waits on the disk: `concurrentPerform` runs no more
    /// at once than there are cores, each then idle while its call waits.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], threads: Int, _ transform: @escaping @Sendable (Element) -> Result
    ) -> [Result] {
        let results = Mutex<[Result?]>(Array(repeating: nil, count: elements.count))
        let count = min(threads, elements.count)
        let done = DispatchGroup()
        for first in 0..<count {
            done.enter()
            Thread {
                for index in stride(from: first, to: elements.count, by: count) {
                    let result = transform(elements[index])
                    results.withLock { $0[index] = result }
                }
                done.leave()
            }.start()
        }
        done.wait()
        return results.withLock { $0.map { $0! } }
    }
}
