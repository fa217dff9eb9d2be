/// An encrypted fhEVM value: a radix ciphertext of shortint blocks, least significant block
/// first, each block carrying `encoding.messageBits` bits of the value.
///
/// Blocks are either LWE ciphertexts under a client-key LWE key (secret-key encryption, or
/// after server-side casting) or entries of a compact list under the compact-PKE key
/// (public-key encryption, as fhevmjs produces).
public struct FheCiphertext: Sendable, Equatable {
    /// Which secret key the blocks decrypt under, and how they are stored.
    public enum Body: Sendable, Equatable {
        /// LWE ciphertexts under the big (k·N) or small (n) LWE key.
        case lwe(LweCiphertextList, key: EncryptionKeyChoice)
        /// A compact list under the compact-PKE secret key (or under the big key when the
        /// parameter set has no dedicated compact-PKE key).
        case compact(LweCompactCiphertextList)
    }

    public let type: FheType
    public let encoding: BlockEncoding
    public let body: Body

    /// Assembles a ciphertext, checking that the block count matches the type.
    public init(type: FheType, encoding: BlockEncoding, body: Body) throws(TFHEError) {
        let expected = type.blockCount(messageBits: encoding.messageBits)
        let actual: Int
        switch body {
        case .lwe(let l, _): actual = l.count
        case .compact(let c): actual = c.count
        }
        guard actual == expected else {
            throw .ciphertextMismatch("\(type) needs \(expected) blocks, ciphertext has \(actual)")
        }
        self.type = type
        self.encoding = encoding
        self.body = body
    }

    init(trusted type: FheType, _ encoding: BlockEncoding, _ body: Body) {
        self.type = type
        self.encoding = encoding
        self.body = body
    }

    /// Number of radix blocks.
    public var blockCount: Int { type.blockCount(messageBits: encoding.messageBits) }

    /// Turns the phases of the blocks (one per block, in order) into the clear value, with
    /// tfhe-rs's rounding (`decrypt_message_and_carry`) and radix recombination.
    ///
    /// This is the decoding half of decryption; a threshold decryptor produces the phases from
    /// partial decryptions and calls this too.
    public func decode(phases: [UInt64]) throws(TFHEError) -> ClearValue {
        guard phases.count == blockCount else {
            throw .ciphertextMismatch("expected \(blockCount) phases, got \(phases.count)")
        }
        return RadixEncoding.decode(phases: phases, type: type, encoding: encoding)
    }
}
