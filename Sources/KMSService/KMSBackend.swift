import GRPCCore
import KMSCore
import Logging

/// What the request machinery (`RequestProcessor`: accept, record, queue, poll, recover) needs
/// from a KMS: the cheap submission checks and the work itself. `CentralKMS` holds the keys in
/// this process; `ThresholdKMS` asks the parties.
protocol KMSBackend: Sendable {
    /// Bounds on what is accepted and held.
    var limits: ServiceLimits { get }

    /// The submission checks of a decryption request; returns its id.
    func check(_ r: Kms_DecryptionRequest) throws(RPCError) -> RequestID

    /// The submission checks of a reencryption request; returns its id and the library request.
    func check(_ r: Kms_ReencryptionRequest) throws(RPCError) -> (RequestID, ReencryptionRequest)

    /// The submission checks of a key generation; returns its id (the new key's id).
    func check(_ r: Kms_KeyGenRequest) throws(RPCError) -> RequestID

    /// Does the work of an accepted request (its serialized V09 message) and returns the
    /// serialized response to store. A thrown `ServiceFailure` or `RPCError` is the stored reason.
    func work(kind: RequestKind, request: [UInt8]) async throws -> [UInt8]

    /// What the server logs about this KMS when it starts (key id, signer or parties).
    var startMetadata: Logger.Metadata { get }

    /// Runs what the backend needs while the server serves (connections to parties); returns
    /// when cancelled.
    func run() async throws
}
