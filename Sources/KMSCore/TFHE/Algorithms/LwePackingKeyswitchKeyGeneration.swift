/// Generation of LWE-to-GLWE packing key-switching keys (tfhe-rs
/// `generate_lwe_packing_keyswitch_key`).
package enum LwePackingKeyswitchKeyGeneration {
    /// A key switching from `inputKey` to `outputKey`: for every input coefficient, level 1 to L,
    /// a GLWE encryption of `s_j · 2^(64 − l·B)` with `noise`.
    package static func generate(inputKey: LweSecretKey, outputKey: GlweSecretKey, baseLog: DecompositionBaseLog,
                                levelCount: DecompositionLevelCount, noise: NoiseDistribution,
                                randomness: TFHERandomness = .system()) throws(TFHEError) -> LwePackingKeyswitchKey {
        let decomposer = try SignedDecomposer(baseLog: baseLog, levelCount: levelCount)
        let n = outputKey.polynomialSize.value, levels = levelCount.value
        var data: [UInt64] = []
        data.reserveCapacity(inputKey.dimension * levels * (outputKey.glweDimension.value + 1) * n)
        var plaintext = [UInt64](repeating: 0, count: n)
        for s in inputKey.coefficients {
            for level in 1...levels {
                plaintext[0] = s << UInt64(64 - level * baseLog.value)
                data += try GlweEncryption.encrypt(plaintext, key: outputKey, noise: noise,
                                                   maskGenerator: randomness.mask, noiseGenerator: randomness.noise).data
            }
        }
        return LwePackingKeyswitchKey(inputDimension: LweDimension(inputKey.dimension), glweDimension: outputKey.glweDimension,
                                      polynomialSize: outputKey.polynomialSize, decomposer: decomposer, data: data)
    }
}
