import GRPCCore
import GRPCNIOTransportHTTP2
import NIOConcurrencyHelpers

/// Why `listeningPort` has no port: the server's `run` ended (failed before it listened, or
/// stopped) and nothing listens.
public struct ServerNotListening: Error, CustomStringConvertible {
    /// What ended the run, if it failed.
    public var cause: String?
    public var description: String {
        cause.map { "the server is not listening: its run ended with \($0)" } ?? "the server is not listening: its run has ended"
    }
}

/// Answers `listeningPort` for a server whose run can end before it listens. The transport's
/// listening address resolves only once `serve()` has bound (or failed to bind), so a run that
/// fails earlier, say while reading its request store, would leave a caller waiting for the
/// port forever; here the end of the run answers every waiter instead.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class ListeningGate: Sendable {
    private struct State {
        var waiters: [Int: Waiter] = [:]
        var nextToken = 0
        var ended: ServerNotListening?
    }

    private let state = NIOLockedValueBox(State())

    /// The port `server` is bound to; throws `ServerNotListening` once the run has ended.
    func port(of server: GRPCServer<HTTP2ServerTransport.Posix>) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let waiter = Waiter(continuation)
            let token: Int? = state.withLockedValue { s in
                guard s.ended == nil else { return nil }
                s.nextToken += 1
                s.waiters[s.nextToken] = waiter
                return s.nextToken
            }
            guard let token else {
                waiter.resume(with: .failure(state.withLockedValue { $0.ended } ?? ServerNotListening()))
                return
            }
            // When the run ends first, this task stays suspended on the transport (its address
            // resolves only when the transport goes away); the caller has its answer regardless.
            Task {
                let result: Result<Int, any Error>
                do { result = .success(try await server.boundPort) } catch { result = .failure(error) }
                state.withLockedValue { _ = $0.waiters.removeValue(forKey: token) }
                waiter.resume(with: result)
            }
        }
    }

    /// Runs the server's `body` (its whole run); when it ends, however, every waiter for the
    /// port is answered.
    func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            end(error)
            throw error
        }
        end(nil)
    }

    /// The run has ended (with `error` if it failed): every waiter is answered.
    private func end(_ error: (any Error)?) {
        let reason = ServerNotListening(cause: error.map { "\($0)" })
        let waiters: [Waiter] = state.withLockedValue { s in
            s.ended = reason
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for w in waiters { w.resume(with: .failure(reason)) }
    }

    /// A continuation resumed once, by whichever of the port and the run's end comes first.
    private final class Waiter: Sendable {
        private let continuation: NIOLockedValueBox<CheckedContinuation<Int, any Error>?>

        init(_ continuation: CheckedContinuation<Int, any Error>) { self.continuation = NIOLockedValueBox(continuation) }

        func resume(with result: Result<Int, any Error>) {
            let c = continuation.withLockedValue { c in
                defer { c = nil }
                return c
            }
            c?.resume(with: result)
        }
    }
}
