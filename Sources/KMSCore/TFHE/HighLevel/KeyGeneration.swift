/// Client-key and compact-public-key generation (tfhe-rs `generate_keys` / `CompactPublicKey::new`).
///
/// Secret keys are drawn from the secret generator in tfhe-rs's order: the small LWE key, the
/// GLWE key, the dedicated compact-PKE key, the compression key. The public key's mask comes
/// from the mask generator and its noise from the noise generator.
///
/// ```swift
/// let (ck, pk) = try KeyGeneration.generate(.default)        // system randomness
/// let again = try KeyGeneration.generate(.test, randomness: .seeded(seed))   // reproducible
/// ```
public enum KeyGeneration {
    /// Generates a client key and its compact public key.
    public static func generate(_ parameters: ParameterSet,
                                randomness: TFHERandomness = .system()) throws(TFHEError) -> (ClientKey, CompactPublicKey) {
        try parameters.validate()
        let c = parameters.compute
        let small = LweSecretKey.generate(dimension: c.lweDimension.value, from: randomness.secret)
        let glwe = GlweSecretKey.generate(glweDimension: c.glweDimension, polynomialSize: c.polynomialSize,
                                          from: randomness.secret)
        let pke = parameters.compactPublicKey.map {
            LweSecretKey.generate(dimension: $0.encryptionLweDimension.value, from: randomness.secret)
        }
        let compression = parameters.compression.map {
            GlweSecretKey.generate(glweDimension: $0.packingKsGlweDimension, polynomialSize: $0.packingKsPolynomialSize,
                                   from: randomness.secret)
        }
        let clientKey = try ClientKey(parameters: parameters, lweSecretKey: small, glweSecretKey: glwe,
                                      compactPrivateKey: pke, compressionKey: compression)
        let publicKey = try generatePublicKey(clientKey, randomness: randomness)
        return (clientKey, publicKey)
    }

    /// Generates a compact public key for `clientKey`.
    public static func generatePublicKey(_ clientKey: ClientKey,
                                         randomness: TFHERandomness = .system()) throws(TFHEError) -> CompactPublicKey {
        let p = clientKey.parameters.effectiveCompactPublicKey
        let key = LweCompactPublicKeyEncryption.generatePublicKey(
            key: clientKey.compactPublicKeySecret, noise: p.encryptionNoiseDistribution,
            maskGenerator: randomness.mask, noiseGenerator: randomness.noise)
        return try CompactPublicKey(parameters: clientKey.parameters, key: key)
    }
}
