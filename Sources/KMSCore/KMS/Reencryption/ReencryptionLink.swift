/// The link that binds a reencryption response to one request (kms `compute_link`, fhevm.md §3.4):
/// the EIP-712 digest of `Reencrypt{publicKey = enc_key}` under the user's domain (32 bytes)
/// followed by SHA3-256 of the ciphertext (32 bytes).
///
/// The server puts it in the response payload (`digest`) and inside the signcrypted message;
/// the client recomputes it from what it sent and compares both.
///
/// ```swift
/// let link = ReencryptionLink.compute(encryptionKey: userKey.bincode,
///                                     domain: .authorizationToken(chainId: 9000, verifyingContract: dapp),
///                                     ciphertextDigest: SHA3.hash256(ciphertext))
/// link.count   // 64
/// ```
package enum ReencryptionLink {
    /// Length in bytes.
    package static let byteCount = 64

    /// The 64-byte link. `encryptionKey` is the 40-byte bincode key exactly as signed.
    package static func compute(encryptionKey: [UInt8], domain: EIP712Domain, ciphertextDigest: [UInt8]) -> [UInt8] {
        Reencrypt(publicKey: encryptionKey).digest(domain: domain) + ciphertextDigest
    }
}
