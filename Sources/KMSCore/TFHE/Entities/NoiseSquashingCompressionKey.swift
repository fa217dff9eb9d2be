/// The squashed-noise compression key (tfhe-rs `NoiseSquashingCompressionKey`): a u128
/// LWE-to-GLWE packing key-switching key from the noise-squashing key (read as an LWE key of
/// dimension k·N) to the compression GLWE key, with the number of blocks packed per GLWE. It
/// holds no secret. `compress(_:)` packs squashed values into a
/// `CompressedSquashedNoiseCiphertextList`, the form fhEVM hands to the KMS for decryption.
///
/// ```swift
/// let key = try NoiseSquashingCompressionKey.generate(squashingKey: nsk, compressionKey: compressionPrivateKey)
/// let list = try key.compress([squashedA, squashedB])
/// let bytes = try list.tfheRsFile()
/// ```
public struct NoiseSquashingCompressionKey: Sendable {
    /// The compression set the key was made for.
    public let parameters: NoiseSquashingCompressionParameters
    /// Dimension of the squashed blocks it takes (k·N of the noise-squashing key).
    public let inputLweDimension: Int
    /// `inputLweDimension · L` GLWE encryptions of `(k+1)·N` u128 (interleaved words), in
    /// tfhe-rs's order: input coefficient major, then level L first (block t holds level L − t).
    let data: [UInt64]
    /// The packing key switch's decomposition.
    let decomposer: U128Decomposer

    /// Wraps key material of the parameters' shape, checking its size.
    /// - Throws: `TFHEError.invalidParameters` for unusable parameters, `.keyMismatch` for data of
    ///   another size.
    init(parameters: NoiseSquashingCompressionParameters, inputLweDimension: Int, data: [UInt64]) throws(TFHEError) {
        try parameters.validate()
        guard let decomposer = U128Decomposer(baseLog: parameters.packingKsBaseLog.value, levelCount: parameters.packingKsLevel.value) else {
            throw .invalidParameters("noise-squashing compression: no decomposition \(parameters.packingKsBaseLog)×\(parameters.packingKsLevel)")
        }
        self.decomposer = decomposer
        guard (1...(1 << 20)).contains(inputLweDimension),
              data.count == inputLweDimension * parameters.packingKsLevel.value * Self.rowWords(parameters) else {
            throw .keyMismatch("a compression key from dimension \(inputLweDimension) with \(parameters.packingKsLevel) levels of \(parameters.packingKsGlweDimension)×\(parameters.packingKsPolynomialSize) GLWEs cannot hold \(data.count) words")
        }
        self.parameters = parameters
        self.inputLweDimension = inputLweDimension
        self.data = data
    }

    /// Words of one GLWE ciphertext row: (k+1)·N u128.
    static func rowWords(_ p: NoiseSquashingCompressionParameters) -> Int {
        2 * (p.packingKsGlweDimension.value + 1) * p.packingKsPolynomialSize.value
    }

    /// Packs squashed values into a list, `lwePerGlwe` blocks per GLWE, each value's blocks in
    /// order (tfhe-rs `compress_noise_squashed_ciphertexts_into_list`; no modulus switch, so the
    /// GLWEs are stored with 128-bit coefficients). Runs on all cores.
    /// - Throws: `TFHEError.ciphertextMismatch` when a value is not of the key's input dimension
    ///   or block moduli, or the list would exceed 2^20 blocks.
    public func compress(_ values: [SquashedNoiseCiphertext]) throws(TFHEError) -> CompressedSquashedNoiseCiphertextList {
        var blocks: [[UInt64]] = []
        for v in values {
            guard v.lweDimension == inputLweDimension else {
                throw .ciphertextMismatch("a squashed \(v.type) of dimension \(v.lweDimension) for a compression key from dimension \(inputLweDimension)")
            }
            guard v.messageModulus == parameters.messageModulus, v.carryModulus == parameters.carryModulus else {
                throw .ciphertextMismatch("squashed moduli \(v.messageModulus)/\(v.carryModulus) are not the compression key's \(parameters.messageModulus)/\(parameters.carryModulus)")
            }
            blocks += v.blocks
        }
        guard blocks.count <= 1 << 20 else { throw .ciphertextMismatch("\(blocks.count) blocks exceed a list's 2^20") }
        var glwes: [[UInt64]] = []
        var start = 0
        while start < blocks.count {
            let end = min(start + parameters.lwePerGlwe, blocks.count)
            var glwe = LwePackingKeyswitch128.keyswitchAndPack(blocks[start..<end], key: self)
            // The list keeps only the bodies of its blocks, as tfhe-rs stores it.
            let body = 2 * parameters.packingKsGlweDimension.value * parameters.packingKsPolynomialSize.value
            for x in (body + 2 * (end - start)) ..< glwe.count { glwe[x] = 0 }
            glwes.append(glwe)
            start = end
        }
        return try CompressedSquashedNoiseCiphertextList(parameters: parameters, glwes: glwes, blockCount: blocks.count,
                                                         entries: values.map(\.type))
    }
}
