/// Anything that turns fhEVM ciphertexts into clear values: a `ClientKey` holding the whole
/// secret key, or threshold parties behind a combiner. Callers of the KMS (signed decryption,
/// reencryption) depend on this protocol, not on where the key lives.
public protocol FheDecryptor: Sendable {
    /// The parameter set of the keys behind this decryptor (ciphertexts are checked against it
    /// before they are decrypted).
    var parameters: ParameterSet { get }
    /// Decrypts one ciphertext.
    func decrypt(_ ciphertext: FheCiphertext) throws -> ClearValue
}
