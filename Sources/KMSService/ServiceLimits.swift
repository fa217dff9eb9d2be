import Foundation

/// Bounds on what the service accepts and holds.
public struct ServiceLimits: Sendable, Equatable {
    /// Largest serialized request message (the NIO transport resets the stream of a bigger one).
    public var maxRequestBytes: Int
    /// Most ciphertexts in one decryption request.
    public var maxCiphertextsPerRequest: Int
    /// Most requests accepted but not finished; beyond it submissions get RESOURCE_EXHAUSTED.
    public var queueCapacity: Int
    /// Requests worked on at once; by default one per core (a worker also waits for its
    /// request's durable commit, so one alone leaves a core idle under load).
    public var workers: Int
    /// How long a poll of a request still running (`GetDecryptResult`, `GetReencryptResult`)
    /// waits for it to finish before answering UNAVAILABLE; zero answers at once. A client that
    /// polls sees its result as soon as it is recorded instead of at its next poll.
    public var pollWait: Duration
    /// Outcomes of finished requests kept in memory, newest first, so their polls need no store
    /// read; older ones are read from the store.
    public var retainedOutcomes: Int
    /// Most bytes of responses those kept outcomes may hold (the oldest go first).
    public var retainedOutcomeBytes: Int

    public init(maxRequestBytes: Int = 64 << 20, maxCiphertextsPerRequest: Int = 64, queueCapacity: Int = 256,
                workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), pollWait: Duration = .milliseconds(50),
                retainedOutcomes: Int = 4096, retainedOutcomeBytes: Int = 64 << 20) {
        self.maxRequestBytes = maxRequestBytes
        self.maxCiphertextsPerRequest = maxCiphertextsPerRequest
        self.queueCapacity = queueCapacity
        self.workers = workers
        self.pollWait = pollWait
        self.retainedOutcomes = retainedOutcomes
        self.retainedOutcomeBytes = retainedOutcomeBytes
    }
}
