/// Anything that turns fhEVM ciphertexts into clear values: a `ClientKey` holding the whole
/// secret key, or (later) a set of threshold parties behind a combiner. Callers of the KMS
/// (signed decryption, reencryption) depend on this protocol, not on where the key lives.
public protocol FheDecryptor: Sendable {
    /// Decrypts one ciphertext.
    func decrypt(_ ciphertext: FheCiphertext) throws -> ClearValue
}
