import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import KMSCore

/// One concurrency level of a load run: `clients` callers sharing one HTTP/2 connection, each
/// sending Decrypt and polling GetDecryptResult until the signed result arrives.
public struct LoadLevelResult: Sendable, Codable, Equatable {
    public var clients: Int
    public var requests: Int
    /// Requests that ended in an error status (not counted in `latency`).
    public var errors: Int
    /// Decrypt sent → result received.
    public var latency: LatencySummary
    /// Completed requests per second of wall time.
    public var throughputPerSecond: Double
    public var wallSeconds: Double

    enum CodingKeys: String, CodingKey {
        case clients, requests, errors, latency, throughputPerSecond = "throughput_rps", wallSeconds = "wall_s"
    }
}

/// Drives a running service with decryption requests (`kmsctl bench grpc`). Every request gets a
/// fresh id from `makeRequest`; a poll answered UNAVAILABLE ("not done yet") is retried after
/// `pollInterval`, so latencies are quantised to it.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
public struct LoadGenerator: Sendable {
    public let target: ServiceAddress
    public let makeRequest: @Sendable (Kms_RequestId) -> Kms_DecryptionRequest
    public var pollInterval: Duration = .milliseconds(2)
    /// A request still unanswered after this long counts as an error; it is also every RPC's
    /// deadline, so a server that stops answering ends the run instead of holding it.
    public var timeout: Duration = .seconds(120)

    /// Call options with `timeout` as the deadline.
    private var callOptions: CallOptions {
        var options = CallOptions.defaults
        options.timeout = timeout
        return options
    }

    public init(target: ServiceAddress, makeRequest: @escaping @Sendable (Kms_RequestId) -> Kms_DecryptionRequest) {
        self.target = target
        self.makeRequest = makeRequest
    }

    /// Sends `requests` requests with `clients` concurrent callers (after one untimed request).
    public func run(clients: Int, requests: Int) async throws -> LoadLevelResult {
        try await drive(clients: clients, requests: requests) { client, count in
            try await self.work(Kms_CoreServiceEndpoint.Client(wrapping: client), count: count)
        }
    }

    /// The transport's own cost at the same concurrency: each "request" is two health checks (the
    /// two RPCs a decryption needs at least) with no work, store or queue behind them. What `run`
    /// measures above this is the service's.
    public func runTransportFloor(clients: Int, requests: Int) async throws -> LoadLevelResult {
        try await drive(clients: clients, requests: requests) { client, count in
            let health = Grpc_Health_V1_Health.Client(wrapping: client)
            let options = self.callOptions
            var latencies: [Duration] = []
            latencies.reserveCapacity(count)
            for _ in 0..<count {
                let start = ContinuousClock.now
                _ = try await health.check(.init(), options: options)
                _ = try await health.check(.init(), options: options)
                latencies.append(ContinuousClock.now - start)
            }
            return (latencies, 0)
        }
    }

    private typealias Client = Kms_CoreServiceEndpoint.Client<HTTP2ClientTransport.Posix>

    private func drive(clients: Int, requests: Int,
                       _ body: @escaping @Sendable (GRPCClient<HTTP2ClientTransport.Posix>, Int) async throws -> ([Duration], Int))
        async throws -> LoadLevelResult {
        precondition(clients > 0 && requests >= 0, "clients must be positive")
        return try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: target.host, port: target.port), transportSecurity: .plaintext)
        ) { client in
            // One untimed request opens the connection.
            _ = try await body(client, 1)
            let start = ContinuousClock.now
            let outcomes = try await withThrowingTaskGroup(of: ([Duration], Int).self) { group in
                for worker in 0..<clients {
                    // Worker w sends requests w, w + clients, …
                    let share = requests / clients + (worker < requests % clients ? 1 : 0)
                    group.addTask { try await body(client, share) }
                }
                var all: [([Duration], Int)] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            let wall = LatencySummary.milliseconds(ContinuousClock.now - start) / 1000
            let latencies = outcomes.flatMap(\.0)
            return LoadLevelResult(clients: clients, requests: requests, errors: outcomes.map(\.1).reduce(0, +),
                                   latency: LatencySummary(latencies),
                                   throughputPerSecond: wall > 0 ? Double(latencies.count) / wall : 0, wallSeconds: wall)
        }
    }

    private func work(_ kms: Client, count: Int) async throws -> ([Duration], Int) {
        var latencies: [Duration] = []
        var errors = 0
        for _ in 0..<count {
            let id = ServiceRequests.randomRequestID()
            let start = ContinuousClock.now
            do {
                _ = try await kms.decrypt(makeRequest(id), options: callOptions)
                _ = try await poll(kms, id, since: start)
                latencies.append(ContinuousClock.now - start)
            } catch is RPCError {
                errors += 1
            }
        }
        return (latencies, errors)
    }

    private func poll(_ kms: Client, _ id: Kms_RequestId,
                      since start: ContinuousClock.Instant) async throws -> Kms_DecryptionResponse {
        while true {
            do { return try await kms.getDecryptResult(id, options: callOptions) } catch let error as RPCError where error.code == .unavailable {
                guard ContinuousClock.now - start < timeout else { throw RPCError(code: .deadlineExceeded, message: "timed out") }
                try await Task.sleep(for: pollInterval)
            }
        }
    }
}
