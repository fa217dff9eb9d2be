/// Generation of LWE key-switching keys (tfhe-rs `generate_lwe_keyswitch_key`): masks drawn in
/// data order ([input i][level L … 1][n_out]), so a seeded key regenerates the same masks.
package enum LweKeyswitchKeyGeneration {
    /// A key switching from `input` to `output` with digits of `decomposer`.
    package static func generate(from input: LweSecretKey, to output: LweSecretKey, decomposer: SignedDecomposer,
                                 noise: NoiseDistribution, randomness: TFHERandomness) -> LweKeyswitchKey {
        let levels = decomposer.levelCount.value, b = decomposer.baseLog.value
        var plaintexts = [UInt64](repeating: 0, count: input.dimension * levels)
        for i in 0..<input.dimension {
            for t in 0..<levels {
                plaintexts[i * levels + t] = input.coefficients[i] &<< UInt64(64 - b * (levels - t))
            }
        }
        let list = LweEncryption.encrypt(plaintexts, key: output, noise: noise,
                                         maskGenerator: randomness.mask, noiseGenerator: randomness.noise)
        return LweKeyswitchKey(trusted: LweDimension(input.dimension), LweDimension(output.dimension), decomposer, list.data)
    }
}
