import AggregateFetch
import AggregateModel
import AggregateStore
import Foundation

/// Hashes and parses fetched bodies on a worker thread, in the order they are handed in, while the calling
/// thread merges earlier ones into the store (which stays on one thread). Results come back in that same
/// order, so a run merges sources in the order it did without the worker. A caller waiting for a result parses
/// the next body nobody has started meanwhile, rather than wait for the worker (whichever side is faster on a
/// stretch of sources then shares the other's work).
final class ParseAhead: @unchecked Sendable {
    struct Job: Sendable {
        /// A fetched body, or a local file the worker reads.
        enum Body: Sendable {
            case fetched(FetchOutcome)
            case local(LocalRead)
        }

        let index: Int
        let body: Body
        let source: SourceSettings
        let previous: SourceState
        let configHash: String
        let preparer: EntryPreparer
    }

    /// Bodies handed in and not yet taken back: bounds the memory held by waiting bodies and parses.
    let limit: Int
    // Guarded by `condition`.
    private let condition = NSCondition()
    /// Jobs not started, in the order handed in (numbered in that order from 0, as their results).
    private var jobs: [Job] = []
    private var jobsHead = 0
    private var submitted = 0
    /// Results by the number of their job; `taken` is the number of the next one to hand back.
    private var results: [Int: (index: Int, result: ParsedOutcome)] = [:]
    private var taken = 0
    private var closed = false
    private var trash: [ParsedOutcome] = []

    init(limit: Int = 4) {
        self.limit = max(1, limit)
        let thread = Thread { [self] in work() }
        // Parsing recurses in libxml2 and Swift; give the worker the stack a main thread has.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues a body; the caller then takes results back so that no more than `limit` wait.
    func submit(_ job: Job) {
        condition.lock()
        jobs.append(job)
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Handed in and not yet taken back.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return submitted - taken
    }

    /// The next result in order, parsing bodies nobody has started while it waits for it; nil when nothing is
    /// pending.
    func next() -> (Int, ParsedOutcome)? {
        condition.lock()
        defer { condition.unlock() }
        while results[taken] == nil && taken < submitted {
            if let (number, job) = startLocked() {
                condition.unlock()
                let outcome = Self.run(job)
                condition.lock()
                results[number] = outcome
            } else {
                condition.wait()
            }
        }
        return takeLocked()
    }

    /// The next result in order if it is ready, else nil.
    func ready() -> (Int, ParsedOutcome)? {
        condition.lock()
        defer { condition.unlock() }
        return takeLocked()
    }

    private func takeLocked() -> (Int, ParsedOutcome)? {
        guard let outcome = results.removeValue(forKey: taken) else { return nil }
        taken += 1
        return (outcome.index, outcome.result)
    }

    /// The oldest job not started, with its number, taken off the queue.
    private func startLocked() -> (Int, Job)? {
        guard jobsHead < jobs.count else { return nil }
        let job = jobs[jobsHead]
        let number = submitted - (jobs.count - jobsHead)
        jobsHead += 1
        if jobsHead == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            jobsHead = 0
        }
        return (number, job)
    }

    private static func run(_ job: Job) -> (index: Int, result: ParsedOutcome) {
        let outcome = switch job.body {
        case .fetched(let outcome): outcome
        case .local(let read): read.outcome()
        }
        return (job.index, ParsedOutcome.prepare(outcome, source: job.source, previous: job.previous, configHash: job.configHash, preparer: job.preparer))
    }

    /// Hands a merged result back to be freed on the worker: a parsed feed is thousands of Strings and arrays,
    /// and freeing them was a twentieth of the merging thread.
    func discard(_ result: consuming ParsedOutcome) {
        condition.lock()
        trash.append(result)
        condition.unlock()
    }

    /// No more jobs: the worker ends once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobsHead == jobs.count && !closed { condition.wait() }
            guard let (number, job) = startLocked() else {
                condition.unlock()
                return
            }
            var freed: [ParsedOutcome] = []
            swap(&freed, &trash)
            condition.unlock()
            freed.removeAll()
            let outcome = Self.run(job)
            condition.lock()
            results[number] = outcome
            condition.broadcast()
            condition.unlock()
        }
    }
}
