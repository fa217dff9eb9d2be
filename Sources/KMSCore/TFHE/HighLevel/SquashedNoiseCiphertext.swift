/// An fhEVM value after noise squashing (tfhe-rs `SquashedNoiseFheUint` / `SquashedNoiseFheBool`):
/// u128 LWE ciphertexts under the noise-squashing key, each holding two of the original 64-bit
/// blocks packed as `high·message_modulus + low` (an odd last block alone; a boolean is one
/// block), with tfhe-rs's metadata — each block's degree, the block moduli and the original
/// block count. Converts to and from the tfhe-rs codec's `TfheRsSquashedNoiseCiphertext`.
///
/// ```swift
/// let squashed = try squashingKey.squash(clientKey.encrypt(try ClearValue(type: .euint8, 200)), serverKey: serverKey)
/// squashed.blocks.count                 // 2 (four 2-bit blocks, packed in pairs)
/// try squashingPrivateKey.decrypt(squashed)   // euint8(200)
/// ```
public struct SquashedNoiseCiphertext: Sendable, Equatable {
    public let type: FheType
    /// Dimension of the u128 LWE key (k·N of the squashing GLWE key).
    public let lweDimension: Int
    /// The packed blocks, least significant first: `[a_0 … a_{n−1}, b]` as u128, interleaved
    /// (2·(n + 1) words each).
    package let blocks: [[UInt64]]
    /// tfhe-rs's degree of each packed block (the largest value it may hold).
    public let degrees: [Int]
    /// The moduli of the original blocks (tfhe-rs stores them on each squashed block).
    public let messageModulus: Int
    public let carryModulus: Int

    /// Assembles a squashed value, checking the shape against the type.
    /// - Throws: `TFHEError.invalidParameters` for moduli without a padding bit or room to pack
    ///   two blocks, `.ciphertextMismatch` when the block count, a block's size or the degree
    ///   count does not match.
    package init(type: FheType, lweDimension: Int, blocks: [[UInt64]], degrees: [Int],
                 messageModulus: Int, carryModulus: Int) throws(TFHEError) {
        try BlockEncoding.check(messageModulus: messageModulus, carryModulus: carryModulus)
        guard carryModulus >= messageModulus else {
            throw .invalidParameters("carry modulus \(carryModulus) below message modulus \(messageModulus) cannot hold packed blocks")
        }
        let expected = Self.packedBlockCount(type: type, messageModulus: messageModulus)
        guard blocks.count == expected else {
            throw .ciphertextMismatch("\(type) squashes into \(expected) packed blocks, got \(blocks.count)")
        }
        guard lweDimension > 0, lweDimension < 1 << 20, blocks.allSatisfy({ $0.count == 2 * (lweDimension + 1) }) else {
            throw .ciphertextMismatch("squashed blocks must be \(lweDimension + 1) u128 each (dimension \(lweDimension))")
        }
        guard degrees.count == blocks.count, degrees.allSatisfy({ $0 >= 0 }) else {
            throw .ciphertextMismatch("\(degrees.count) degrees for \(blocks.count) squashed blocks")
        }
        self.type = type
        self.lweDimension = lweDimension
        self.blocks = blocks
        self.degrees = degrees
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }

    /// The number of 64-bit blocks the value had before squashing (1 for `ebool`).
    public var originalBlockCount: Int { type.blockCount(messageBits: messageModulus.trailingZeroBitCount) }

    /// Packed blocks of a type: ⌈original / 2⌉, one for `ebool`.
    static func packedBlockCount(type: FheType, messageModulus: Int) -> Int {
        if type == .ebool { return 1 }
        return (type.blockCount(messageBits: messageModulus.trailingZeroBitCount) + 1) / 2
    }
}
