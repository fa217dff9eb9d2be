/// An fhEVM value after kms-core's switch-and-squash (kms.md §4.4): one u128 LWE under the
/// noise-squashing key per 64-bit block, least significant first, each encrypting that block's
/// message and carry with Δ = 2^(127 − log2(message·carry)). Threshold parties decrypt it share
/// by share; it holds no secret.
///
/// ```swift
/// let squashed = try squashingKey.switchAndSquash(ciphertext, serverKey: serverKey)
/// let partial = try share.partialDecrypt([squashed], session: session)
/// ```
public struct SwitchAndSquashedCiphertext: Sendable, Equatable {
    public let type: FheType
    /// Dimension of the u128 LWE key (k·N of the squashing GLWE key).
    public let lweDimension: Int
    /// One block per original block: `[a_0 … a_{n−1}, b]` as u128, interleaved (2·(n + 1) words).
    package let blocks: [[UInt64]]

    /// - Throws: `TFHEError.ciphertextMismatch` when a block does not have 2·(n + 1) words or
    ///   there are no blocks.
    package init(type: FheType, lweDimension: Int, blocks: [[UInt64]]) throws(TFHEError) {
        guard lweDimension > 0, lweDimension < 1 << 20, !blocks.isEmpty,
              blocks.allSatisfy({ $0.count == 2 * (lweDimension + 1) }) else {
            throw .ciphertextMismatch("switch-and-squashed blocks must be \(lweDimension + 1) u128 each")
        }
        self.type = type
        self.lweDimension = lweDimension
        self.blocks = blocks
    }
}

extension NoiseSquashingKey {
    /// Squashes every block of `input` on its own (kms-core's switch-and-squash; `squash` packs
    /// blocks in pairs as tfhe-rs does and bootstraps half as often). Inputs as for `squash`.
    /// - Throws: as `squash`.
    public func switchAndSquash(_ input: FheCiphertext, serverKey: ServerKey) throws(TFHEError) -> SwitchAndSquashedCiphertext {
        let (type, blocks) = try squashBlocksSeparately(input, serverKey: serverKey)
        return try SwitchAndSquashedCiphertext(type: type, lweDimension: parameters.lweDimension.value, blocks: blocks)
    }
}

extension NoiseSquashingPrivateKey {
    /// Decrypts a switch-and-squashed value with the whole key: each block rounded
    /// (message and carry), the blocks recombined with log2(message) bits each.
    /// - Throws: `TFHEError.ciphertextMismatch` when the blocks are not of this key's dimension
    ///   or their count is not the type's.
    public func decrypt(_ ciphertext: SwitchAndSquashedCiphertext) throws(TFHEError) -> ClearValue {
        guard ciphertext.lweDimension == lweDimension else {
            throw .ciphertextMismatch("squashed blocks of dimension \(ciphertext.lweDimension) for a noise-squashing key of dimension \(lweDimension)")
        }
        let encoding = BlockEncoding(unchecked: parameters.messageModulus, parameters.carryModulus)
        guard ciphertext.blocks.count == ciphertext.type.blockCount(messageBits: encoding.messageBits) else {
            throw .ciphertextMismatch("\(ciphertext.type) has \(ciphertext.type.blockCount(messageBits: encoding.messageBits)) blocks, got \(ciphertext.blocks.count)")
        }
        let values = ciphertext.blocks.map { block in
            block.withUnsafeBufferPointer { decode(phase: phase($0.baseAddress!)) % UInt64(parameters.messageModulus * parameters.carryModulus) }
        }
        return RadixEncoding.value(blockValues: values, type: ciphertext.type, encoding: encoding)
    }
}
