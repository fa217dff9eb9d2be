/// The noise-squashing key written as tfhe-rs's seeded `CompressedNoiseSquashingKey`: a 16-byte
/// AES-CTR seed and, for every GGSW row, its body polynomial over Z_{2^128} in the standard
/// domain — about a third of the key's standard size, the form threshold parties load.
///
/// tfhe-rs's rule (`par_allocate_and_generate_new_seeded_lwe_bootstrap_key`, u128): the mask
/// generator forks per GGSW, per level (level L first), per row into consecutive byte ranges of
/// k·N·16 bytes, so the masks are the consecutive little-endian u128 of the seed's stream in the
/// key's data order — the order `NoiseSquashingKey.encryptGgsws` draws them in. The stream starts
/// after its first byte for layouts up to 1.5 (`CompressionSeed` V0) and at byte 0 from 1.6, as
/// tfhe-rs does for the keys it makes. Only the bodies are kept (never the spectra), so the peak
/// memory is the bodies plus one batch of masks.
///
/// ```swift
/// let compressed = try TfheRsCompressedNoiseSquashingKey.generate(clientKey: ck, privateKey: nsk)
/// let bytes = try TfheRsFile(object: .compressedNoiseSquashingKey(compressed), layout: .v1_4).encode()
/// let key = try NoiseSquashingKey(tfheRsCompressed: compressed, parameters: nsk.parameters,
///                                 inputLweDimension: ck.parameters.compute.lweDimension)
/// ```
extension TfheRsCompressedNoiseSquashingKey {
    /// The seeded noise-squashing key of `clientKey`'s small LWE key under `privateKey`, for
    /// `layout` (1.3 on: the centered-mean modulus switch has no older form; 1.1 on for the
    /// standard switch). The seed is drawn from `randomness.mask`, the noise from
    /// `randomness.noise`. `progress(fraction)` is called after each batch of GGSWs.
    /// - Throws: `TfheRsError.unsupported` for a layout that cannot hold the key,
    ///   `.mismatch` when the squashing parameters are invalid or do not fit the client key.
    public static func generate(clientKey: ClientKey, privateKey: NoiseSquashingPrivateKey, layout: TfheRsLayout = .v1_4,
                                randomness: TFHERandomness = .system(),
                                progress: ((Double) -> Void)? = nil) throws(TfheRsError) -> TfheRsCompressedNoiseSquashingKey {
        let p = privateKey.parameters
        try TfheRsError.mismatching("noise-squashing parameters") { () throws(TFHEError) in try p.validate(for: clientKey.parameters) }
        guard layout >= .v1_1 else { throw .unsupported("noise-squashing keys are written from the tfhe-rs 1.1 layout on, not \(layout)") }
        let modulusSwitch: TfheRsCompressedModulusSwitchConfiguration
        switch p.modulusSwitchType {
        case .standard: modulusSwitch = .standard
        case .centeredMeanNoiseReduction:
            guard layout >= .v1_3 else { throw .unsupported("the centered-mean modulus switch needs the tfhe-rs 1.3 layout or later, not \(layout)") }
            modulusSwitch = .centeredMeanNoiseReduction
        case .driftTechniqueNoiseReduction:
            throw .unsupported("noise-squashing keys with the drift technique (tfhe-rs 1.1 – 1.3) are not generated")
        }
        let (seed, generator) = try TfheRsKeyCompressionSeed.draw(for: layout, from: randomness.mask)
        let seeded = TFHERandomness(secret: randomness.secret, mask: generator, noise: randomness.noise)

        let n = clientKey.lweSecretKey.dimension, k1 = p.glweDimension.value + 1, size = p.polynomialSize.value
        let levels = p.decompositionLevelCount.value
        // n · L · (k+1) body polynomials of N u128 (16 bytes, little-endian: low word then high).
        let bodyCount = n * levels * k1 * size
        let bodies = try TfheRsError.mismatching("noise-squashing key") { () throws(TFHEError) in
            try TfheRsBulk.u128(count: bodyCount) { words throws(TFHEError) in
                try NoiseSquashingKey.encryptGgsws(clientKey: clientKey, privateKey: privateKey, randomness: seeded,
                                                   output: .standardBodies(words), progress: progress)
            }
        }
        let bsk = TfheRsSeededBootstrapKey(data: bodies, glweSize: k1, polynomialSize: size,
                                           baseLog: p.decompositionBaseLog.value, levelCount: levels, seed: seed)
        return TfheRsCompressedNoiseSquashingKey(bsk: bsk, modulusSwitch: modulusSwitch,
                                                 messageModulus: p.messageModulus, carryModulus: p.carryModulus)
    }
}
