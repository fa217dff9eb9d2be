/// An FHE key set held by a KMS: the client (secret) key, its compact public key, and the key id
/// derived from the serialized public key.
///
/// ```swift
/// let keys = try KeySet.generate(.default)
/// print(keys.keyID)                                   // 40 hex digits
/// let ct = keys.publicKey.encrypt(try ClearValue(type: .euint64, 42))
/// try keys.clientKey.decrypt(ct)                      // euint64(42)
/// ```
public struct KeySet: Sendable {
    /// The 20-byte id: SHA3-256 of the native public key encoding, truncated.
    public let keyID: KeyID
    /// The secret key (decryption).
    public let clientKey: ClientKey
    /// The compact public key (encryption).
    public let publicKey: CompactPublicKey

    /// Assembles a key set; the key id is computed from the public key's native encoding.
    public init(clientKey: ClientKey, publicKey: CompactPublicKey) throws(TFHEError) {
        guard clientKey.parameters == publicKey.parameters else {
            throw .keyMismatch("client key and public key have different parameters")
        }
        self.clientKey = clientKey
        self.publicKey = publicKey
        self.keyID = KeyID(digestOf: KeyFileCoding.encode(publicKey))
    }

    /// Generates a new key set.
    public static func generate(_ parameters: ParameterSet, randomness: TFHERandomness = .system()) throws(TFHEError) -> KeySet {
        let (ck, pk) = try KeyGeneration.generate(parameters, randomness: randomness)
        return try KeySet(clientKey: ck, publicKey: pk)
    }

    /// The parameter set of both keys.
    public var parameters: ParameterSet { clientKey.parameters }
}
