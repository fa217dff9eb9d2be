import Foundation
import KMSCore
import Logging

/// Where the threshold core finds its parties.
public struct ThresholdCoreConfiguration: Sendable {
    /// The public key directory of `kmsctl threshold keygen` (threshold facts; no secret).
    public var publicKeys: URL
    /// The n parties' addresses, in party-id order (party 1 first).
    public var parties: [ServiceAddress]
    /// The n parties' KMS signing addresses, in party-id order: party i's partial decryptions and
    /// answers count only when signed by its key, whoever answers at its address.
    public var partySigners: [EthereumAddress]
    /// Mutual TLS to the parties (nil: plaintext).
    public var tls: PartyTLS?
    /// How long the core waits for one party's answer in one round.
    public var partyTimeout: Duration

    public init(publicKeys: URL, parties: [ServiceAddress], partySigners: [EthereumAddress], tls: PartyTLS? = nil,
                partyTimeout: Duration = .seconds(30)) {
        self.publicKeys = publicKeys
        self.parties = parties
        self.partySigners = partySigners
        self.tls = tls
        self.partyTimeout = partyTimeout
    }
}

@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
extension KMSServer {
    /// The V09 endpoint of a threshold KMS: the same durable accept/record/poll machinery as the
    /// centralized server, with the work done by the parties (see `ThresholdKMS` for the rounds
    /// and how the answers map onto the V09 responses).
    /// - Throws: `StorageError` when the public directory holds no threshold facts,
    ///   `PartySetupError` when the party or signer count is not the key's n, the request
    ///   store's errors.
    public convenience init(threshold: ThresholdCoreConfiguration, host: String, port: Int, stateDirectory: URL,
                            limits: ServiceLimits = ServiceLimits(), logger: Logger = Logger(label: "kms.service")) throws {
        let info = try KeyStore(directory: threshold.publicKeys).loadThresholdInfo()
        let backend = try ThresholdKMS(info: info, parties: threshold.parties, partySigners: threshold.partySigners,
                                       tls: threshold.tls, limits: limits,
                                       partyTimeout: threshold.partyTimeout, logger: logger)
        try self.init(backend: backend, host: host, port: port, stateDirectory: stateDirectory, logger: logger)
    }
}
