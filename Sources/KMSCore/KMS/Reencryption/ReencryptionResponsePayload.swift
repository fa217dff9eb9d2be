/// The signed part of a KMS reencryption response (proto `ReencryptionResponsePayload`), in the
/// bincode layout the KMS signs and fhevmjs verifies (kms.md §3.5, fhevm.md §3.5 step 8):
///
/// `u32 version ‖ vec(verification_key) ‖ vec(digest) ‖ i32 fhe_type ‖ vec(signcrypted_ciphertext) ‖
/// u32 party_id ‖ u32 degree` (all little-endian, `vec` = u64 length ‖ bytes).
///
/// A centralized KMS answers with `partyId` 1 and `degree` 0; a threshold party with its 1-based
/// id and the sharing degree t.
///
/// ```swift
/// let payload = try ReencryptionResponsePayload(bincode: bytes)
/// payload.digest.count        // 64: the link
/// payload.fheType             // .euint64
/// ```
package struct ReencryptionResponsePayload: Sendable, Equatable {
    /// The only payload version (`CURRENT_FORMAT_VERSION`).
    package static let currentVersion: UInt32 = 1
    /// Parsing limit for the signcrypted ciphertext.
    package static let maxSigncryptedByteCount = 1 << 25

    /// Format version (1).
    package var version: UInt32
    /// bincode of the server's `PublicSigKey`: u64 33 ‖ compressed SEC1 secp256k1 key (41 bytes).
    package var verificationKey: [UInt8]
    /// The link: EIP-712 digest of the user's `Reencrypt` ‖ SHA3-256 of the ciphertext (64 bytes).
    package var digest: [UInt8]
    /// The type of the reencrypted value.
    package var fheType: FheType
    /// bincode of `SigncryptionCipher`.
    package var signcryptedCiphertext: [UInt8]
    /// 1-based party id (1 for a centralized KMS).
    package var partyId: UInt32
    /// Sharing degree (0 for a centralized KMS).
    package var degree: UInt32

    /// Creates a payload from its fields.
    package init(version: UInt32 = Self.currentVersion, verificationKey: [UInt8], digest: [UInt8], fheType: FheType,
                signcryptedCiphertext: [UInt8], partyId: UInt32 = 1, degree: UInt32 = 0) {
        self.version = version
        self.verificationKey = verificationKey
        self.digest = digest
        self.fheType = fheType
        self.signcryptedCiphertext = signcryptedCiphertext
        self.partyId = partyId
        self.degree = degree
    }

    /// Parses the bincode form; the whole input must be consumed. The version is not checked here
    /// (verifiers report it as their own error).
    /// - Throws: `SerializationError` (truncation, oversized lengths, unknown FHE type code, trailing bytes).
    package init(bincode: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bincode)
        version = try r.read()
        verificationKey = try r.readBytes(max: 4096)
        digest = try r.readBytes(max: 4096)
        let code: Int32 = try r.read()
        guard let t = UInt8(exactly: code).flatMap({ FheType(rawValue: $0) }) else {
            throw .unknownTag(what: "FheType", value: UInt64(UInt32(bitPattern: code)))
        }
        fheType = t
        signcryptedCiphertext = try r.readBytes(max: Self.maxSigncryptedByteCount)
        partyId = try r.read()
        degree = try r.read()
        try r.finish()
    }

    /// The bincode form (the bytes the response signature covers).
    package var bincode: [UInt8] {
        var w = BincodeWriter(capacity: 48 + verificationKey.count + digest.count + signcryptedCiphertext.count)
        w.write(version)
        w.writeBytes(verificationKey)
        w.writeBytes(digest)
        w.write(Int32(fheType.code))
        w.writeBytes(signcryptedCiphertext)
        w.write(partyId)
        w.write(degree)
        return w.bytes
    }
}
