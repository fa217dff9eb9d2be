/// Wakes the polls of a request when its outcome is recorded, so `GetDecryptResult` can wait a
/// little for a running request (`ServiceLimits.pollWait`) instead of the client polling in a
/// loop. In memory only: the store stays the record.
actor CompletionSignals {
    struct Key: Hashable, Sendable {
        var kind: RequestKind
        var id: RequestID
    }

    private var waiters: [Key: [Int: AsyncStream<Void>.Continuation]] = [:]
    private var nextToken = 0

    /// A subscription to one request's completion; take it *before* reading the store so a
    /// completion between the read and the wait is not missed.
    func subscribe(_ key: Key) -> (token: Int, signal: AsyncStream<Void>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        nextToken += 1
        waiters[key, default: [:]][nextToken] = continuation
        return (nextToken, stream)
    }

    func unsubscribe(_ key: Key, token: Int) {
        waiters[key]?.removeValue(forKey: token)?.finish()
        if waiters[key]?.isEmpty == true { waiters[key] = nil }
    }

    /// Signals every subscriber of `key`.
    func complete(_ key: Key) {
        guard let subscribers = waiters.removeValue(forKey: key) else { return }
        for continuation in subscribers.values {
            continuation.yield()
            continuation.finish()
        }
    }

    /// Waits until `signal` fires or `timeout` passes (or the task is cancelled).
    nonisolated static func wait(for signal: AsyncStream<Void>, upTo timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in signal { return } }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }
}
