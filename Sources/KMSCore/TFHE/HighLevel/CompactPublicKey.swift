/// The public encryption key of a KMS (tfhe-rs high-level `CompactPublicKey`): anyone can
/// encrypt fhEVM values under it; only the matching `ClientKey` decrypts.
///
/// ```swift
/// let ct = publicKey.encrypt(try ClearValue(type: .euint64, 12345))
/// ```
public struct CompactPublicKey: Sendable, Equatable {
    public let parameters: ParameterSet
    public let key: LweCompactPublicKey

    /// Wraps a compact public key, checking its size against the parameters.
    public init(parameters: ParameterSet, key: LweCompactPublicKey) throws(TFHEError) {
        let n = parameters.effectiveCompactPublicKey.encryptionLweDimension.value
        guard key.polynomialSize == n else {
            throw .keyMismatch("compact public key has size \(key.polynomialSize), parameters say \(n)")
        }
        self.parameters = parameters
        self.key = key
    }

    /// Encrypts `value` as tfhe-rs's `CompactCiphertextList` does: every block an entry of one
    /// compact list, encoded with the compact-PKE moduli.
    public func encrypt(_ value: ClearValue, randomness: TFHERandomness = .system()) -> FheCiphertext {
        let p = parameters.effectiveCompactPublicKey
        let enc = p.encoding
        let plaintexts = RadixEncoding.blocks(of: value, encoding: enc).map(enc.encode)
        let list = LweCompactPublicKeyEncryption.encrypt(plaintexts, publicKey: key, noise: p.encryptionNoiseDistribution,
                                                      randomGenerator: randomness.secret, noiseGenerator: randomness.noise)
        return FheCiphertext(trusted: value.type, enc, .compact(list, blocks: 0..<list.count, packed: false))
    }
}
