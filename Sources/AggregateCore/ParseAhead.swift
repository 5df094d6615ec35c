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

    /// Bodies handed in and not yet taken back: bounds the memory held by waiting bodies and parses, with `byteLimit`.
    let limit: Int
    /// Bytes of the bodies handed in and not yet taken back (a local file's once read): a few large bodies fill
    /// the queue as many small ones do.
    let byteLimit: Int
    /// Fetched bodies handed in and not yet taken back: they are held from the moment they are handed in, where a
    /// local file is read only when its parse starts.
    let fetchedLimit: Int
    // Guarded by `condition`.
    private let condition = NSCondition()
    /// Jobs not started, in the order handed in (numbered in that order from 0, as their results).
    /// A started job's place is emptied: the array is cleared only once every job in it has started, which may not
    /// happen all run, and a job holds its fetched body.
    /// NOTE: kept, the bodies of a run over 1,000 fetched feeds that had all changed piled up here: 57 MB at the peak
    /// (heaptrack), which peaked at 152-322 MB from one run to the next.
    private var jobs: [Job?] = []
    private var jobsHead = 0
    private var submitted = 0
    /// Results by the number of their job; `taken` is the number of the next one to hand back.
    private var results: [Int: (index: Int, result: ParsedOutcome)] = [:]
    /// By job number, the bytes of its body known so far; `heldBytes` their sum.
    private var bodyBytes: [Int: Int] = [:]
    private var heldBytes = 0
    /// The numbers of the jobs handed in with a fetched body, not yet taken back.
    private var fetched: Set<Int> = []
    private var taken = 0
    private var closed = false
    private var trash: [ParsedOutcome] = []

    init(limit: Int = 4, fetchedLimit: Int? = nil, byteLimit: Int = .max) {
        self.limit = max(1, limit)
        self.fetchedLimit = max(1, fetchedLimit ?? limit)
        self.byteLimit = byteLimit
        let thread = Thread { [self] in work() }
        // Parsing recurses in libxml2 and Swift; give the worker the stack a main thread has.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues a body; the caller then takes results back so that no more than `limit` wait.
    func submit(_ job: Job) {
        condition.lock()
        jobs.append(job)
        if case .fetched(let outcome) = job.body {
            hold(Self.bytes(of: outcome), for: submitted)
            fetched.insert(submitted)
        }
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Started jobs the queue still holds (with their bodies): none.
    var startedJobsHeld: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs[..<jobsHead].count { $0 != nil }
    }

    /// Handed in and not yet taken back.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return submitted - taken
    }

    /// Whether the caller must take a result back before handing in more: `limit` bodies wait, `fetchedLimit`
    /// fetched ones, or `byteLimit` bytes of them.
    var isFull: Bool {
        condition.lock()
        defer { condition.unlock() }
        return submitted - taken >= limit || fetched.count >= fetchedLimit || heldBytes >= byteLimit
    }

    private static func bytes(of outcome: FetchOutcome) -> Int {
        guard case .success(let response) = outcome.result else { return 0 }
        return response.body.count
    }

    private func hold(_ bytes: Int, for number: Int) {
        bodyBytes[number] = bytes
        heldBytes += bytes
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
                store(outcome, of: job, number: number)
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
        heldBytes -= bodyBytes.removeValue(forKey: taken) ?? 0
        fetched.remove(taken)
        taken += 1
        return (outcome.index, outcome.result)
    }

    /// Under the lock: a local file's body counts once read.
    private func store(_ outcome: (index: Int, result: ParsedOutcome), of job: Job, number: Int) {
        if case .local = job.body { hold(Self.bytes(of: outcome.result.outcome), for: number) }
        results[number] = outcome
    }

    /// The oldest job not started, with its number, taken off the queue.
    private func startLocked() -> (Int, Job)? {
        guard jobsHead < jobs.count else { return nil }
        // Every place from the head on holds a job not started.
        let job = jobs[jobsHead].take()!
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
            store(outcome, of: job, number: number)
            condition.broadcast()
            condition.unlock()
        }
    }
}
