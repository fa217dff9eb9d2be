/// The KMS server's verification key as it travels in response payloads: bincode of the KMS
/// `PublicSigKey` = u64 LE 33 ‖ compressed SEC1 secp256k1 point (41 bytes, kms.md §2.3).
///
/// ```swift
/// let vk = ServerVerificationKey(signer.publicKey)
/// vk.bincode.count                                  // 41
/// let parsed = try ServerVerificationKey(bincode: payload.verificationKey)
/// parsed.publicKey.address                          // compared with the trusted KMS signer
/// ```
package struct ServerVerificationKey: Sendable, Hashable {
    /// Length of the bincode form.
    package static let bincodeByteCount = 41

    /// The secp256k1 public key.
    package let publicKey: Secp256k1PublicKey

    /// Wraps a public key.
    package init(_ publicKey: Secp256k1PublicKey) { self.publicKey = publicKey }

    /// Parses the bincode form (exactly u64 33 ‖ 33-byte compressed point).
    /// - Throws: `ReencryptionError.invalidVerificationKey`.
    package init(bincode: [UInt8]) throws(ReencryptionError) {
        var r = BincodeReader(bincode)
        let sec1: [UInt8]
        do {
            sec1 = try r.readBytes(max: 33)
            try r.finish()
        } catch {
            throw .invalidVerificationKey(error.description)
        }
        guard sec1.count == 33 else { throw .invalidVerificationKey("expected a 33-byte compressed key, got \(sec1.count)") }
        do {
            publicKey = try Secp256k1PublicKey(sec1: sec1)
        } catch {
            throw .invalidVerificationKey(error.description)
        }
    }

    /// The 41-byte bincode form.
    package var bincode: [UInt8] {
        DecryptionResponsePayload.verificationKey(of: publicKey)
    }

    /// SHA3-256 of the bincode form (the key digest inside a signcryption).
    package var digest: [UInt8] { SHA3.hash256(bincode) }

    /// The Ethereum address of the key (what fhevmjs compares with `KMSVerifier.getSigners()`).
    package var address: EthereumAddress { publicKey.address }
}
