import Dispatch
import NIOConcurrencyHelpers

/// The requests of this process in memory: each one from acceptance (or recovery) to its
/// recorded outcome, and the most recent outcomes after that. A poll is answered from here
/// without a store read, and a poll of a running request waits here for the outcome
/// (`ServiceLimits.pollWait`) instead of the client polling in a loop.
///
/// The store stays the record: an outcome is put here only after it is committed, and a request
/// not found here (older than the retained outcomes, or from before a restart) is read from the
/// store. Memory is bounded: pending entries by the work queue's capacity (each holds a slot),
/// finished ones by `retained` outcomes and `retainedBytes` of responses and reasons.
final class OutcomeBoard: Sendable {
    struct Key: Hashable, Sendable {
        var kind: RequestKind
        var id: RequestID
    }

    enum Outcome: Sendable, Equatable {
        case finished([UInt8])
        case failed(String)

        /// What it holds in memory, roughly: the response or the reason.
        var byteCount: Int {
            switch self {
            case .finished(let bytes): bytes.count
            case .failed(let reason): reason.utf8.count
            }
        }
    }

    /// What the board knows of a request.
    enum Lookup: Sendable, Equatable {
        /// Not on the board: ask the store.
        case unknown
        case pending
        case done(Outcome)
    }

    private typealias Waiter = CheckedContinuation<Lookup, Never>

    private enum Entry {
        case pending([Int: Waiter])
        case done(Outcome)
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Finished keys, oldest first, for eviction.
        var finishedOrder: [Key] = []
        var finishedStart = 0
        /// Bytes of the finished outcomes kept.
        var finishedBytes = 0
        var nextToken = 0
    }

    /// Most finished outcomes kept.
    let retained: Int
    /// Most bytes of finished outcomes kept.
    let retainedBytes: Int
    private let state = NIOLockedValueBox(State())

    init(retained: Int, retainedBytes: Int = 64 << 20) {
        self.retained = max(0, retained)
        self.retainedBytes = max(0, retainedBytes)
    }

    /// Puts a request on the board as pending; false when it is on the board already (the id
    /// was used by this process).
    func register(_ key: Key) -> Bool {
        state.withLockedValue { s in
            guard s.entries[key] == nil else { return false }
            s.entries[key] = .pending([:])
            return true
        }
    }

    /// Takes back a registration whose request was not recorded after all; its waiters are
    /// told to ask the store.
    func withdraw(_ key: Key) {
        let waiters: [Waiter] = state.withLockedValue { s in
            guard case .pending(let w)? = s.entries[key] else { return [] }
            s.entries[key] = nil
            return Array(w.values)
        }
        for w in waiters { w.resume(returning: .unknown) }
    }

    /// Records a committed outcome and wakes the request's waiters with it.
    func complete(_ key: Key, _ outcome: Outcome) {
        let waiters: [Waiter] = state.withLockedValue { s in
            var woken: [Waiter] = []
            if case .pending(let w)? = s.entries[key] { woken = Array(w.values) }
            let size = outcome.byteCount
            guard retained > 0, size <= retainedBytes else {
                s.entries[key] = nil
                return woken
            }
            s.entries[key] = .done(outcome)
            s.finishedOrder.append(key)
            s.finishedBytes += size
            while s.finishedOrder.count - s.finishedStart > retained || s.finishedBytes > retainedBytes {
                let oldest = s.finishedOrder[s.finishedStart]
                if case .done(let o)? = s.entries[oldest] { s.finishedBytes -= o.byteCount }
                s.entries[oldest] = nil
                s.finishedStart += 1
            }
            // Compact the order list once its dead prefix is as long as what it holds.
            if s.finishedStart > retained {
                s.finishedOrder.removeFirst(s.finishedStart)
                s.finishedStart = 0
            }
            return woken
        }
        for w in waiters { w.resume(returning: .done(outcome)) }
    }

    func lookup(_ key: Key) -> Lookup {
        state.withLockedValue { s in
            switch s.entries[key] {
            case nil: .unknown
            case .pending?: .pending
            case .done(let o)?: .done(o)
            }
        }
    }

    /// What the board knows of `key`, waiting up to `timeout` while the request is pending.
    func wait(_ key: Key, upTo timeout: Duration) async -> Lookup {
        await withCheckedContinuation { (c: Waiter) in
            let immediate: Lookup? = state.withLockedValue { s in
                switch s.entries[key] {
                case nil: return .unknown
                case .done(let o)?: return .done(o)
                case .pending(var w)?:
                    guard timeout > .zero else { return .pending }
                    s.nextToken += 1
                    w[s.nextToken] = c
                    s.entries[key] = .pending(w)
                    let token = s.nextToken
                    DispatchQueue.global().asyncAfter(deadline: .now() + Self.interval(timeout)) { [self] in
                        timeOut(key, token)
                    }
                    return nil
                }
            }
            if let immediate { c.resume(returning: immediate) }
        }
    }

    private func timeOut(_ key: Key, _ token: Int) {
        let waiter: Waiter? = state.withLockedValue { s in
            guard case .pending(var w)? = s.entries[key], let waiter = w.removeValue(forKey: token) else { return nil }
            s.entries[key] = .pending(w)
            return waiter
        }
        waiter?.resume(returning: .pending)
    }

    /// A wait as a Dispatch interval, at most an hour (a poll is not a subscription).
    private static func interval(_ d: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = min(d, .seconds(3600)).components
        return .microseconds(Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000))
    }
}
