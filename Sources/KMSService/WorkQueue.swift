import NIOConcurrencyHelpers

/// A bounded queue of accepted work run by a fixed number of workers. A slot is reserved before a
/// request is recorded (`reserve`), so the service refuses what it cannot hold
/// (`RESOURCE_EXHAUSTED`) instead of recording it; the slot is freed when the job ends.
final class WorkQueue: Sendable {
    typealias Job = @Sendable () async -> Void

    /// Most jobs queued or running at once.
    let capacity: Int
    /// Jobs run concurrently.
    let workers: Int
    private let inFlight = NIOLockedValueBox(0)
    private let stream: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation

    init(capacity: Int, workers: Int) {
        precondition(capacity > 0 && workers > 0)
        self.capacity = capacity
        self.workers = workers
        let (stream, continuation) = AsyncStream.makeStream(of: Job.self)
        self.stream = stream
        self.continuation = continuation
    }

    /// Takes a slot when one is free.
    func reserve() -> Bool {
        inFlight.withLockedValue { n in
            guard n < capacity else { return false }
            n += 1
            return true
        }
    }

    /// Takes a slot even beyond the capacity: requests accepted before a restart are redone
    /// whatever the load.
    func forceReserve() { inFlight.withLockedValue { $0 += 1 } }

    /// Gives back a slot that was reserved for a request that was not accepted after all.
    func release() { inFlight.withLockedValue { $0 -= 1 } }

    /// Jobs queued or running.
    var count: Int { inFlight.withLockedValue { $0 } }

    /// Queues a job on a reserved slot; the slot is freed when the job returns.
    func enqueue(_ job: @escaping Job) {
        continuation.yield { [self] in
            await job()
            release()
        }
    }

    /// Runs the jobs, at most `workers` at a time, until `finish()` (then drains what is queued)
    /// or cancellation. One loop reads the stream (an AsyncStream has a single consumer).
    func run() async {
        let stream = self.stream, workers = self.workers
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await job in stream {
                if running == workers {
                    await group.next()
                    running -= 1
                }
                group.addTask { await job() }
                running += 1
            }
            await group.waitForAll()
        }
    }

    /// Stops accepting jobs; the workers end after the queued ones.
    func finish() { continuation.finish() }
}
