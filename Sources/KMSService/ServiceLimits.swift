/// Bounds on what the service accepts and holds.
public struct ServiceLimits: Sendable, Equatable {
    /// Largest serialized request message (the NIO transport resets the stream of a bigger one).
    public var maxRequestBytes: Int
    /// Most ciphertexts in one decryption request.
    public var maxCiphertextsPerRequest: Int
    /// Most requests accepted but not finished; beyond it submissions get RESOURCE_EXHAUSTED.
    public var queueCapacity: Int
    /// Requests worked on at once (each decryption uses the cores through the library).
    public var workers: Int

    public init(maxRequestBytes: Int = 64 << 20, maxCiphertextsPerRequest: Int = 64, queueCapacity: Int = 256,
                workers: Int = 1) {
        self.maxRequestBytes = maxRequestBytes
        self.maxCiphertextsPerRequest = maxCiphertextsPerRequest
        self.queueCapacity = queueCapacity
        self.workers = workers
    }
}
