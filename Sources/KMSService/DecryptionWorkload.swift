import Foundation
import KMSCore

/// The request `kmsctl bench grpc` sends: one euint8 encrypted under a key set's public key,
/// with a handle, a KMSVerifier domain and an ACL address, so every answer carries both the
/// internal signature and the EIP-712 `DecryptionResult` signature (the full signed path).
public struct DecryptionWorkload: Sendable {
    /// KMSVerifier on chain 12345 at a fixed address (any valid domain costs the same to sign).
    public static let domain = EIP712Domain.kmsVerifier(
        chainId: 12345, verifyingContract: fixedAddress("0x208De73316E44722e16f6dDFF40881A3e4F86104"))
    /// The ACL address put in the request.
    public static let aclAddress = fixedAddress("0x339EcE85B9E11a3A3AA557582784a15d7F82AAf2")

    /// The key the ciphertext is under (the server must hold it).
    public let keyID: KeyID
    /// The encrypted value and its handle.
    public let input: DecryptionInput
    /// The clear value the answer must hold.
    public let value: ClearValue

    /// Encrypts `value` (an euint8) under `keySet`'s public key.
    public init(keySet: KeySet, value: UInt8 = 42) throws {
        try self.init(keyID: keySet.keyID, publicKey: keySet.publicKey, value: value)
    }

    /// Encrypts `value` (an euint8) under a public key alone (a threshold key's public directory).
    public init(keyID: KeyID, publicKey: CompactPublicKey, value: UInt8 = 42) throws {
        let clear = try ClearValue(type: .euint8, UInt64(value))
        let ct = publicKey.encrypt(clear)
        var handle = [UInt8](repeating: 0xab, count: 32)
        handle[29] = 0
        handle[30] = FheType.euint8.code
        handle[31] = 0
        self.keyID = keyID
        input = DecryptionInput(type: .euint8, ciphertext: try CiphertextFile(keyID: keyID, ciphertext: ct).encoded(),
                                handle: try FheHandle(bytes: handle))
        self.value = clear
    }

    /// The request with id `id`.
    public func request(id: Kms_RequestId) -> Kms_DecryptionRequest {
        ServiceRequests.decryption(id: id, key: keyID, ciphertexts: [input], domain: Self.domain, aclAddress: Self.aclAddress)
    }

    /// The same work without gRPC, the request store or the queue: what the service does per
    /// request (parse, decrypt, sign both ways), timed `runs` times in this process.
    public func inProcessLatency(keySet: KeySet, signer: KMSSigner, runs: Int) throws -> LatencySummary {
        let kms = CentralKMS(keySet: keySet, signer: signer, limits: ServiceLimits())
        let sent = request(id: ServiceRequests.randomRequestID())
        var latencies: [Duration] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            _ = try kms.decrypt(sent)
            latencies.append(ContinuousClock.now - start)
        }
        return LatencySummary(latencies)
    }

    private static func fixedAddress(_ text: String) -> EthereumAddress {
        guard let address = try? EthereumAddress(parsing: text) else { preconditionFailure("constant address \(text)") }
        return address
    }
}
