internal import Crypto

/// The KMS-internal decryption response (kms V09 `DecryptionResponsePayload`), signed with the
/// server's key over SHA-256 of its bincode (64-byte low-s `r ‖ s`, `DecryptionResponse.signature`).
///
/// bincode (prost field order): `u32 version ‖ vec(verification_key) ‖ vec(digest) ‖
/// u64 count ‖ count × vec(bincode(Plaintext)) ‖ Option<vec(external_signature)>`, where
/// `verification_key` = bincode(PublicSigKey) = `u64 33 ‖ compressed SEC1 key` (41 bytes) and
/// `external_signature` is the 65-byte EIP-712 `DecryptionResult` signature.
package struct DecryptionResponsePayload: Sendable, Equatable {
    /// The payload version the reference KMS writes.
    package static let currentVersion: UInt32 = 1

    /// Payload version (`currentVersion`).
    package var version: UInt32
    /// bincode(PublicSigKey): 41 bytes.
    package var verificationKey: [UInt8]
    /// Digest of the request this answers (the reference uses SHA3-256 of bincode(DecryptionRequest)).
    package var digest: [UInt8]
    /// bincode(Plaintext) of each value, in request order.
    package var plaintexts: [[UInt8]]
    /// The 65-byte EIP-712 signature, when a domain and ACL address were given.
    package var externalSignature: [UInt8]?

    /// A payload from its fields.
    package init(version: UInt32 = Self.currentVersion, verificationKey: [UInt8], digest: [UInt8],
                plaintexts: [[UInt8]], externalSignature: [UInt8]?) {
        self.version = version
        self.verificationKey = verificationKey
        self.digest = digest
        self.plaintexts = plaintexts
        self.externalSignature = externalSignature
    }

    /// bincode(PublicSigKey) of a key: `u64 33 ‖ compressed point`.
    package static func verificationKey(of key: Secp256k1PublicKey) -> [UInt8] {
        var w = BincodeWriter(capacity: 41)
        w.writeBytes(key.compressed)
        return w.bytes
    }

    /// The bincode encoding (what the internal signature covers).
    package var bincode: [UInt8] {
        var w = BincodeWriter()
        w.write(version)
        w.writeBytes(verificationKey)
        w.writeBytes(digest)
        w.writeLength(plaintexts.count)
        for p in plaintexts { w.writeBytes(p) }
        w.writeOptionTag(externalSignature != nil)
        if let externalSignature { w.writeBytes(externalSignature) }
        return w.bytes
    }

    /// Parses a bincode payload (bounded lengths, no trailing bytes).
    package init(bincode: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bincode)
        version = try r.read()
        guard version == Self.currentVersion else { throw .unknownTag(what: "payload version", value: UInt64(version)) }
        verificationKey = try r.readBytes(max: 1024)
        digest = try r.readBytes(max: 1024)
        let count = try r.readLength(max: 1 << 16, elementSize: 8)
        var pts: [[UInt8]] = []
        pts.reserveCapacity(count)
        for _ in 0..<count { pts.append(try r.readBytes(max: 4096)) }
        plaintexts = pts
        externalSignature = try r.readOptionTag() ? try r.readBytes(max: 1024) : nil
        try r.finish()
    }

    /// The decoded plaintexts.
    package func decodedPlaintexts() throws(SerializationError) -> [ClearValue] {
        var out: [ClearValue] = []
        for p in plaintexts { out.append(try KMSPlaintext(bincode: p).value) }
        return out
    }

    /// The public key inside `verificationKey`.
    package func signerKey() throws(SignatureError) -> Secp256k1PublicKey {
        var r = BincodeReader(verificationKey)
        guard let sec1 = try? r.readBytes(max: 65), r.isAtEnd else {
            throw .inconsistentResponse("verification key is not bincode(PublicSigKey)")
        }
        return try Secp256k1PublicKey(sec1: sec1)
    }

    /// Signs the payload (SHA-256 prehash, 64-byte low-s) into a response.
    package func signed(with key: Secp256k1PrivateKey) -> DecryptionResponse {
        let b = bincode
        return DecryptionResponse(signature: key.signSHA256(message: b), payload: self)
    }
}
