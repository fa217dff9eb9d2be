/// Squashed-noise values packed into u128 GLWE ciphertexts by a `NoiseSquashingCompressionKey`
/// (tfhe-rs `CompressedSquashedNoiseCiphertextList`): the form fhEVM's coprocessor hands to the
/// KMS for decryption. Each value keeps its squashed blocks (two original blocks per block, a
/// boolean one), `lwePerGlwe` blocks per GLWE in order; `unpack(_:as:)` extracts a value as a
/// `SquashedNoiseCiphertext` under the compression key, which
/// `NoiseSquashingCompressionPrivateKey.decrypt` opens.
///
/// ```swift
/// let list = try compressionKey.compress([squashedA, squashedB])
/// let bytes = try list.tfheRsFile()                                  // tfhe-rs 1.4 layout
/// let again = try CompressedSquashedNoiseCiphertextList.read(bytes)!
/// try compressionPrivateKey.decrypt(again, at: 1)                    // squashedB's value
/// ```
public struct CompressedSquashedNoiseCiphertextList: Sendable, Equatable {
    /// The original blocks' message modulus.
    public let messageModulus: Int
    /// The original blocks' carry modulus.
    public let carryModulus: Int
    /// Squashed blocks per GLWE (the last GLWE may hold fewer).
    public let lwePerGlwe: Int
    /// k of the GLWEs (the compression key's; meaningless for an empty list read from tfhe-rs,
    /// which carries no shape).
    public let glweDimension: Int
    /// N of the GLWEs.
    public let polynomialSize: Int
    /// One (k+1)·N u128 GLWE (interleaved words) per `lwePerGlwe` blocks; body coefficients past
    /// the GLWE's block count are zero (tfhe-rs does not store them).
    package let glwes: [[UInt64]]
    /// Squashed blocks stored (the sum over the GLWEs).
    package let blockCount: Int
    /// What each entry holds, in order (tfhe-rs `DataKind`: the original block count).
    package let kinds: [TfheRsDataKind]
    /// The first squashed block of each entry.
    let firstBlocks: [Int]

    /// Assembles a list, checking that the shapes agree and the entries' blocks are the blocks
    /// stored.
    /// - Throws: `TFHEError.ciphertextMismatch` naming the first disagreement.
    package init(messageModulus: Int, carryModulus: Int, lwePerGlwe: Int, glweDimension: Int, polynomialSize: Int,
                 glwes: [[UInt64]], blockCount: Int, kinds: [TfheRsDataKind]) throws(TFHEError) {
        guard (1...16).contains(glweDimension), polynomialSize >= 2, polynomialSize <= 1 << 16, (1...polynomialSize).contains(lwePerGlwe) else {
            throw .ciphertextMismatch("a compressed squashed list of \(glweDimension)×\(polynomialSize) GLWEs cannot pack \(lwePerGlwe) blocks each")
        }
        guard glwes.count == (blockCount + lwePerGlwe - 1) / lwePerGlwe,
              glwes.allSatisfy({ $0.count == 2 * (glweDimension + 1) * polynomialSize }) else {
            throw .ciphertextMismatch("\(glwes.count) GLWEs cannot hold \(blockCount) blocks at \(lwePerGlwe) per GLWE")
        }
        var needed = 0
        var firstBlocks: [Int] = []
        firstBlocks.reserveCapacity(kinds.count)
        for kind in kinds {
            firstBlocks.append(needed)
            switch kind {
            // Counts come from a decoder bounded by the list length (≤ 2^20 each): no overflow.
            case .boolean: needed += 1
            case .unsigned(let n), .signed(let n): needed += (n + 1) / 2
            case .string: throw .ciphertextMismatch("a squashed-noise list cannot hold strings")
            }
        }
        guard needed == blockCount else {
            throw .ciphertextMismatch("the list stores \(blockCount) squashed blocks; its entries need \(needed)")
        }
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
        self.lwePerGlwe = lwePerGlwe
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.glwes = glwes
        self.blockCount = blockCount
        self.kinds = kinds
        self.firstBlocks = firstBlocks
    }

    /// A list made by compression: the entries are the compressed values' types.
    init(parameters p: NoiseSquashingCompressionParameters, glwes: [[UInt64]], blockCount: Int, entries: [FheType]) throws(TFHEError) {
        try self.init(messageModulus: p.messageModulus, carryModulus: p.carryModulus, lwePerGlwe: p.lwePerGlwe,
                      glweDimension: p.packingKsGlweDimension.value, polynomialSize: p.packingKsPolynomialSize.value, glwes: glwes,
                      blockCount: blockCount, kinds: entries.map { TfheRsDataKind($0, messageModulus: p.messageModulus) })
    }

    /// Number of values.
    public var count: Int { kinds.count }

    /// Dimension of the unpacked blocks (k·N).
    public var lweDimension: Int { glweDimension * polynomialSize }

    /// The fhEVM type of entry `index` when its block count names one type (`nil` for signed
    /// entries or widths no fhEVM type has).
    public func type(at index: Int) -> FheType? {
        guard kinds.indices.contains(index) else { return nil }
        return kinds[index].fheType(messageModulus: messageModulus)
    }

    /// Entry `index` as a squashed value under the compression key (tfhe-rs `unpack`: sample
    /// extraction of each block's coefficient, degree message·carry − 1). `type` picks the bit
    /// width when the block count fits several fhEVM types.
    /// - Throws: `TFHEError.ciphertextMismatch` for an index out of range, a signed entry, a block
    ///   count that is not `type`'s or no fhEVM type's.
    public func unpack(_ index: Int, as type: FheType? = nil) throws(TFHEError) -> SquashedNoiseCiphertext {
        guard kinds.indices.contains(index) else {
            throw .ciphertextMismatch("entry \(index) of a list of \(kinds.count)")
        }
        let kind = kinds[index]
        let resolved: FheType
        switch kind {
        case .boolean:
            guard type == nil || type == .ebool else { throw .ciphertextMismatch("entry \(index) is an ebool, not \(type!)") }
            resolved = .ebool
        case .unsigned(let n):
            let bits = messageModulus.trailingZeroBitCount
            if let type {
                guard type != .ebool, type.blockCount(messageBits: bits) == n else {
                    throw .ciphertextMismatch("entry \(index) has \(n) blocks; \(type) has \(type.blockCount(messageBits: bits))")
                }
                resolved = type
            } else {
                guard let only = kind.fheType(messageModulus: messageModulus) else {
                    throw .ciphertextMismatch("no fhEVM type has \(n) blocks of \(bits) bits")
                }
                resolved = only
            }
        case .signed, .string:
            throw .ciphertextMismatch("entry \(index) is \(kind); fhEVM has no such type")
        }
        let first = firstBlocks[index]
        let blocks = resolved == .ebool ? 1 : (kind.blockCount(messageModulus: messageModulus) + 1) / 2
        let extracted = (first ..< first + blocks).map { extract(block: $0) }
        return try SquashedNoiseCiphertext(type: resolved, lweDimension: lweDimension, blocks: extracted,
                                           degrees: Array(repeating: messageModulus * carryModulus - 1, count: blocks),
                                           messageModulus: messageModulus, carryModulus: carryModulus)
    }

    /// Block `g` (< blockCount) as an LWE of dimension k·N: coefficient `g mod lwePerGlwe` of its
    /// GLWE, sample-extracted (mask `A_c[i − j]` for j ≤ i, `−A_c[N + i − j]` after; body `B[i]`).
    func extract(block g: Int) -> [UInt64] {
        let glwe = glwes[g / lwePerGlwe], i = g % lwePerGlwe, n = polynomialSize
        var lwe = [UInt64](repeating: 0, count: 2 * (lweDimension + 1))
        for c in 0..<glweDimension {
            let poly = c * n
            for j in 0...i {
                lwe[2 * (poly + j)] = glwe[2 * (poly + i - j)]
                lwe[2 * (poly + j) + 1] = glwe[2 * (poly + i - j) + 1]
            }
            for j in (i + 1)..<n {
                let v = U128.zero &- U128(low: glwe[2 * (poly + n + i - j)], high: glwe[2 * (poly + n + i - j) + 1])
                lwe[2 * (poly + j)] = v.low
                lwe[2 * (poly + j) + 1] = v.high
            }
        }
        let body = 2 * (glweDimension * n + i)
        lwe[2 * lweDimension] = glwe[body]
        lwe[2 * lweDimension + 1] = glwe[body + 1]
        return lwe
    }
}
