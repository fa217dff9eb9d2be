/// One KMS party's reencryption answer as the gateway relays it: the 64-byte ECDSA signature
/// (r ‖ s, SHA-256 prehash) over the payload bytes, the payload bytes themselves
/// (bincode of `ReencryptionResponsePayload`, kept exactly as signed), and the ciphertext digest
/// the gateway adds.
///
/// ```swift
/// let payload = try response.decodedPayload()   // ReencryptionResponsePayload
/// ```
public struct ReencryptionResponse: Sendable, Equatable {
    /// ECDSA secp256k1 signature r ‖ s (64 bytes) over `payload`.
    public var signature: [UInt8]
    /// bincode of `ReencryptionResponsePayload`.
    public var payload: [UInt8]
    /// SHA3-256 of the reencrypted ciphertext (32 bytes).
    public var ciphertextDigest: [UInt8]

    /// Creates a response from its parts.
    public init(signature: [UInt8], payload: [UInt8], ciphertextDigest: [UInt8]) {
        self.signature = signature
        self.payload = payload
        self.ciphertextDigest = ciphertextDigest
    }

    /// The parsed payload.
    /// - Throws: `ReencryptionError.malformedResponsePayload`.
    package func decodedPayload() throws(ReencryptionError) -> ReencryptionResponsePayload {
        do {
            return try ReencryptionResponsePayload(bincode: payload)
        } catch {
            throw .malformedResponsePayload(error.description)
        }
    }
}
