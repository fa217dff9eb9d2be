import Dispatch
import GRPCCore
import Logging
import SwiftProtobuf

/// The asynchronous-call machinery shared by Decrypt and Reencrypt: accept (reserve a queue slot,
/// record the request, queue the work), process (run it off the cooperative pool, record the
/// outcome), poll (the V09 status mapping) and recover after a restart.
final class RequestProcessor: Sendable {
    let store: RequestStore
    let queue: WorkQueue
    let kms: any KMSBackend
    let logger: Logger
    private let board: OutcomeBoard

    init(store: RequestStore, kms: any KMSBackend, logger: Logger) {
        self.store = store
        self.kms = kms
        self.logger = logger
        queue = WorkQueue(capacity: kms.limits.queueCapacity, workers: kms.limits.workers)
        board = OutcomeBoard(retained: kms.limits.retainedOutcomes, retainedBytes: kms.limits.retainedOutcomeBytes)
    }

    /// Records an accepted request and queues its work. Returns once the row is committed.
    /// - Throws: RESOURCE_EXHAUSTED when the queue is full, ALREADY_EXISTS for a reused id,
    ///   INTERNAL when the store cannot be written.
    func accept(kind: RequestKind, id: RequestID, request: [UInt8]) async throws(RPCError) {
        let key = OutcomeBoard.Key(kind: kind, id: id)
        guard board.register(key) else { throw duplicate(kind, id) }
        guard queue.reserve() else {
            board.withdraw(key)
            throw RPCError(code: .resourceExhausted, message: "the KMS holds \(queue.capacity) requests; retry later")
        }
        let inserted: Bool
        do {
            inserted = try await store.insert(kind: kind, id: id, request: request)
        } catch {
            queue.release()
            board.withdraw(key)
            logger.error("request store write failed", metadata: ["request_id": "\(id)", "rpc": "\(kind)", "error": "\(error)"])
            throw RPCError(code: .internalError, message: "the request could not be recorded")
        }
        guard inserted else {
            queue.release()
            board.withdraw(key)
            throw duplicate(kind, id)
        }
        queue.enqueue { [self] in await process(kind: kind, id: id, request: request) }
    }

    private func duplicate(_ kind: RequestKind, _ id: RequestID) -> RPCError {
        RPCError(code: .alreadyExists, message: "a \(kind) request with id \(id) exists already")
    }

    /// The stored response of a finished request. A poll of a running request waits up to
    /// `ServiceLimits.pollWait` for it to end. Requests of this process are answered from
    /// memory; older ones from the store.
    /// - Throws: NOT_FOUND (unknown id), UNAVAILABLE (still running), INTERNAL (failed).
    func result(kind: RequestKind, id: RequestID) async throws(RPCError) -> [UInt8] {
        let key = OutcomeBoard.Key(kind: kind, id: id)
        switch await board.wait(key, upTo: kms.limits.pollWait) {
        case .done(.finished(let response)): return response
        case .done(.failed(let reason)): throw failed(kind, id, reason)
        case .pending: throw running(kind, id)
        case .unknown: break
        }
        let record: RequestRecord?
        do { record = try await store.outcome(kind: kind, id: id) } catch {
            throw RPCError(code: .internalError, message: "the request store could not be read")
        }
        guard let record else { throw RPCError(code: .notFound, message: "no \(kind) request with id \(id)") }
        switch record.status {
        case .pending: throw running(kind, id)
        case .failed: throw failed(kind, id, record.failure ?? "")
        case .finished:
            guard let result = record.result else { throw RPCError(code: .internalError, message: "result missing") }
            return result
        }
    }

    private func running(_ kind: RequestKind, _ id: RequestID) -> RPCError {
        RPCError(code: .unavailable, message: "\(kind) request \(id) is still being processed")
    }

    private func failed(_ kind: RequestKind, _ id: RequestID, _ reason: String) -> RPCError {
        RPCError(code: .internalError, message: "\(kind) request \(id) failed: \(reason)")
    }

    /// Queues every request accepted but unfinished before a restart (beyond the capacity if
    /// need be: they were accepted); those that cannot be decoded fail when processed.
    func recover() async throws -> Int {
        let pending = try await store.pending()
        for r in pending {
            _ = board.register(.init(kind: r.kind, id: r.id))
            queue.forceReserve()
            queue.enqueue { [self] in await process(kind: r.kind, id: r.id, request: r.request) }
        }
        if !pending.isEmpty { logger.notice("redoing requests accepted before the restart", metadata: ["count": "\(pending.count)"]) }
        return pending.count
    }

    /// Runs one request and records its response or failure.
    func process(kind: RequestKind, id: RequestID, request: [UInt8]) async {
        let start = ContinuousClock.now
        let kms = self.kms
        do {
            let response = try await kms.work(kind: kind, request: request)
            // Unstructured: the outcome is recorded even when the server is shutting down.
            let store = self.store
            try await Task { try await store.finish(kind: kind, id: id, result: response) }.value
            board.complete(.init(kind: kind, id: id), .finished(response))
            logger.info("request finished", metadata: outcome(kind, id, start, "finished"))
        } catch {
            let reason = (error as? ServiceFailure)?.description ?? (error as? RPCError)?.message ?? "\(error)"
            do {
                let store = self.store
                try await Task { try await store.fail(kind: kind, id: id, reason: reason) }.value
                board.complete(.init(kind: kind, id: id), .failed(reason))
            } catch {
                // Still pending in the store: redone after a restart; polls read the store.
                board.withdraw(.init(kind: kind, id: id))
                logger.error("request store write failed", metadata: ["request_id": "\(id)", "rpc": "\(kind)", "error": "\(error)"])
            }
            var metadata = outcome(kind, id, start, "failed")
            metadata["reason"] = "\(reason)"
            logger.warning("request failed", metadata: metadata)
        }
    }

    private func outcome(_ kind: RequestKind, _ id: RequestID, _ start: ContinuousClock.Instant,
                         _ outcome: String) -> Logger.Metadata {
        let ms = LatencySummary.milliseconds(ContinuousClock.now - start)
        return ["request_id": "\(id)", "rpc": "\(kind)", "duration_ms": "\(Int(ms))", "outcome": "\(outcome)"]
    }

    /// Runs CPU-bound library work on a Dispatch thread so the gRPC event handling and the
    /// cooperative pool stay responsive.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
