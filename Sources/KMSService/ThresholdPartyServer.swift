import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging

/// One threshold party served over gRPC (`swiftkms.party.v1.ThresholdParty`) for the threshold
/// core (`KMSServer(threshold:…)`), plaintext or with mutual TLS.
///
/// ```swift
/// let party = try ThresholdParty(partyDirectory: dir, signer: signer, partySigners: addresses)
/// let server = try ThresholdPartyServer(party: party, host: "127.0.0.1", port: 0, tls: nil)
/// try await server.run()          // until cancelled or `shutDown()`
/// ```
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
public final class ThresholdPartyServer: Sendable {
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let party: ThresholdParty
    private let logger: Logger
    private let listening = ListeningGate()

    /// Prepares the server (nothing listens until `run`).
    /// - Parameters:
    ///   - port: 0 picks a free port (see `listeningPort`).
    ///   - tls: mutual TLS; the core's certificate must chain to its CA, and be one of
    ///     `allowedPeerCertificatePaths` when that is not empty.
    ///   - maxRequestBytes: the largest request message read.
    /// - Throws: `PartySetupError` when a pinned certificate cannot be read.
    public init(party: ThresholdParty, host: String, port: Int, tls: PartyTLS?, maxRequestBytes: Int = ServiceLimits().maxRequestBytes,
                logger: Logger = Logger(label: "kms.party")) throws {
        self.party = party
        self.logger = logger
        let config = HTTP2ServerTransport.Posix.Config.defaults { $0.rpc.maxRequestPayloadSize = maxRequestBytes }
        let pinned = tls?.allowedPeerCertificatePaths ?? []
        server = GRPCServer(
            transport: .http2NIOPosix(address: .ipv4(host: host, port: port),
                                      transportSecurity: tls?.serverSecurity ?? .plaintext, config: config),
            services: [ThresholdPartyService(party: party, logger: logger)],
            interceptors: pinned.isEmpty ? [] : [try PinnedPeerInterceptor(paths: pinned)])
    }

    /// Serves until `shutDown()` or cancellation.
    public func run() async throws {
        try await listening.run { try await serve() }
    }

    private func serve() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.serve() }
            if let address = try? await server.listeningAddress {
                logger.notice("party listening", metadata: ["address": "\(address)", "party": "\(party.share.partyID)",
                                                            "key_id": "\(party.share.keyID)",
                                                            "signer": "\(party.signer.address.checksummed)"])
            }
            try await group.next()
        }
    }

    /// The bound port, once `run` listens.
    /// - Throws: `ServerNotListening` when `run` has ended.
    public var listeningPort: Int {
        get async throws { try await listening.port(of: server) }
    }

    /// Stops accepting connections; `run` returns once open calls end.
    public func shutDown() { server.beginGracefulShutdown() }
}
