/// Grouped commits: writes that arrive while a transaction is being committed wait and go
/// together into the next one, so concurrent requests share one durable commit (one WAL fsync)
/// instead of paying one each. A caller resumes only after the transaction holding its write is
/// committed; when that transaction fails, every write in it fails with the same error.
actor GroupCommit {
    /// Writes one batch in one transaction; answers one flag per write (see `StoreWrite`).
    typealias Commit = @Sendable ([StoreWrite]) async throws -> [Bool]

    /// Most writes in one transaction (bounds its size; the rest go into the next one).
    let maxBatch: Int
    private let commit: Commit
    private var queued: [(write: StoreWrite, waiter: CheckedContinuation<Bool, any Error>)] = []
    private var committing = false

    init(maxBatch: Int = 512, commit: @escaping Commit) {
        self.maxBatch = max(1, maxBatch)
        self.commit = commit
    }

    /// Queues `write` and returns its flag once it is committed.
    func submit(_ write: StoreWrite) async throws -> Bool {
        try await withCheckedThrowingContinuation { waiter in
            queued.append((write, waiter))
            if !committing {
                committing = true
                Task { await self.drain() }
            }
        }
    }

    /// Commits batches until nothing is queued.
    private func drain() async {
        while !queued.isEmpty {
            let count = min(queued.count, maxBatch)
            let batch = Array(queued.prefix(count))
            queued.removeFirst(count)
            do {
                let flags = try await commit(batch.map(\.write))
                for (i, entry) in batch.enumerated() { entry.waiter.resume(returning: i < flags.count ? flags[i] : false) }
            } catch {
                for entry in batch { entry.waiter.resume(throwing: error) }
            }
        }
        committing = false
    }
}
