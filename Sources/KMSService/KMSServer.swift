import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import KMSCore
import Logging

/// A centralized KMS served over gRPC (V09 `kms.CoreServiceEndpoint` and `grpc.health.v1.Health`)
/// on the NIO HTTP/2 transport, plaintext. Accepted requests and their results live in
/// `stateDirectory/requests.sqlite`; on start, requests accepted but unfinished before a restart
/// are redone. Key sets made by KeyGen calls live in `stateDirectory/keys/<key id>` and are
/// served beside `keySet`.
///
/// ```swift
/// let server = try KMSServer(keySet: keys, signer: signer, host: "127.0.0.1", port: 50051,
///                            stateDirectory: URL(fileURLWithPath: "/var/lib/kms"))
/// try await server.run()          // until the task is cancelled or `shutDown()`
/// ```
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
public final class KMSServer: Sendable {
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let processor: RequestProcessor
    private let listening = ListeningGate()

    /// Opens the request store and prepares the server (nothing listens until `run`).
    /// - Parameters:
    ///   - port: 0 picks a free port (see `listeningPort`).
    public convenience init(keySet: KeySet, signer: KMSSigner, host: String, port: Int, stateDirectory: URL,
                limits: ServiceLimits = ServiceLimits(), logger: Logger = Logger(label: "kms.service")) throws {
        let generated = GeneratedKeys(directory: stateDirectory.appendingPathComponent("keys"))
        try self.init(backend: CentralKMS(keySet: keySet, signer: signer, limits: limits, generatedKeys: generated),
                      host: host, port: port, stateDirectory: stateDirectory, logger: logger)
    }

    /// A server of any backend (centralized or threshold).
    init(backend: any KMSBackend, host: String, port: Int, stateDirectory: URL, logger: Logger) throws {
        let limits = backend.limits
        let store = try RequestStore(directory: stateDirectory)
        processor = RequestProcessor(store: store, kms: backend, logger: logger)
        let config = HTTP2ServerTransport.Posix.Config.defaults { $0.rpc.maxRequestPayloadSize = limits.maxRequestBytes }
        server = GRPCServer(
            transport: .http2NIOPosix(address: .ipv4(host: host, port: port), transportSecurity: .plaintext,
                                      config: config),
            services: [CoreService(processor: processor), HealthService()])
    }

    /// Serves until `shutDown()` or cancellation. Requests accepted before a restart are queued
    /// first. On the way out, work in progress completes; queued work stays recorded as pending
    /// and is redone by the next start.
    public func run() async throws {
        try await listening.run { try await serve() }
    }

    private func serve() async throws {
        let recovered = try await processor.recover()
        let logger = processor.logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.processor.queue.run() }
            group.addTask { try await self.processor.kms.run() }
            group.addTask {
                try await self.server.serve()
            }
            if let address = try? await server.listeningAddress {
                var metadata = processor.kms.startMetadata
                metadata["address"] = "\(address)"
                metadata["recovered"] = "\(recovered)"
                logger.notice("KMS listening", metadata: metadata)
            }
            // The server ends first (shut down or failed); then the workers stop.
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// The bound port, once `run` listens.
    /// - Throws: `ServerNotListening` when `run` has ended, also when it failed before listening
    ///   (a request store that cannot be read, say).
    public var listeningPort: Int {
        get async throws { try await listening.port(of: server) }
    }

    /// Stops accepting connections; `run` returns once open calls end.
    public func shutDown() { server.beginGracefulShutdown() }
}
