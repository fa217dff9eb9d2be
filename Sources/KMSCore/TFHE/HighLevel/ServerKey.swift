/// The evaluation key of a client key (tfhe-rs shortint/integer `ServerKey`, compute part): the
/// key-switching key from the big LWE key to the small one and the Fourier bootstrapping key
/// (GGSWs of the small key's bits under the GLWE key), with the modulus-switch material the
/// parameters ask for. It holds no secret: whoever has it can compute on ciphertexts.
///
/// ```swift
/// let (clientKey, _) = try KeyGeneration.generate(.test)
/// let serverKey = try ServerKey.generate(for: clientKey)
/// let evaluator = FheEvaluator(serverKey: serverKey)
/// let sum = try evaluator.add(clientKey.encrypt(try ClearValue(type: .euint8, 200)),
///                             clientKey.encrypt(try ClearValue(type: .euint8, 100)))
/// try clientKey.decrypt(sum)                 // euint8(44)
/// ```
public struct ServerKey: Sendable, CustomStringConvertible {
    /// The parameters of the client key the server key was made for.
    public let parameters: ParameterSet
    /// Big (k·N) → small (n) key switching.
    package let keyswitchKey: LweKeyswitchKey
    /// GGSW(s_i) for the small key, Fourier domain.
    package let bootstrapKey: FourierLweBootstrapKey
    /// The drift technique's encryptions of zero under the small key (tfhe-rs 1.0 – 1.2
    /// `modulus_switch_noise_reduction_key`), kept for writing the key in tfhe-rs's layout;
    /// `nil` for the other modulus switches.
    package let modulusSwitchZeros: LweCiphertextList?
    /// Compact-PKE key → small key switching (tfhe-rs's casting key), for parameter sets with a
    /// dedicated compact public key: it brings public-key encrypted inputs (fhevmjs lists) to
    /// the compute key.
    package let castingKey: LweKeyswitchKey?
    /// Big key → compression GLWE key packing key switch (tfhe-rs's compression key), for sets
    /// with compression: it packs blocks into a `CompressedCiphertextList`.
    package let compressionKey: LwePackingKeyswitchKey?
    /// GGSWs of the compression key's coefficients under the GLWE key (tfhe-rs's decompression
    /// key): bootstrapping a block out of a compressed list brings it back to the compute key.
    package let decompressionKey: FourierLweBootstrapKey?

    /// Assembles a server key, checking every shape against `parameters`.
    package init(parameters: ParameterSet, keyswitchKey: LweKeyswitchKey, bootstrapKey: FourierLweBootstrapKey,
                 modulusSwitchZeros: LweCiphertextList?, castingKey: LweKeyswitchKey? = nil,
                 compressionKey: LwePackingKeyswitchKey? = nil, decompressionKey: FourierLweBootstrapKey? = nil) throws(TFHEError) {
        let c = parameters.compute
        guard keyswitchKey.inputLweDimension == c.bigLweDimension, keyswitchKey.outputLweDimension == c.lweDimension,
              keyswitchKey.decomposer.baseLog == c.ksBaseLog, keyswitchKey.decomposer.levelCount == c.ksLevel else {
            throw .keyMismatch("key-switching key \(keyswitchKey.inputLweDimension)→\(keyswitchKey.outputLweDimension) at 2^\(keyswitchKey.decomposer.baseLog)×\(keyswitchKey.decomposer.levelCount) does not match the parameters")
        }
        guard bootstrapKey.inputLweDimension == c.lweDimension, bootstrapKey.glweDimension == c.glweDimension,
              bootstrapKey.polynomialSize == c.polynomialSize,
              bootstrapKey.decomposer.baseLog == c.pbsBaseLog, bootstrapKey.decomposer.levelCount == c.pbsLevel else {
            throw .keyMismatch("bootstrapping key n=\(bootstrapKey.inputLweDimension) \(bootstrapKey.glweDimension)×\(bootstrapKey.polynomialSize) at 2^\(bootstrapKey.decomposer.baseLog)×\(bootstrapKey.decomposer.levelCount) does not match the parameters")
        }
        if let z = modulusSwitchZeros, z.lweDimension != c.lweDimension.value {
            throw .keyMismatch("modulus-switch encryptions of zero of dimension \(z.lweDimension), expected \(c.lweDimension)")
        }
        if let k = castingKey {
            guard let pke = parameters.compactPublicKey, let cast = parameters.castingKeySwitch, cast.destinationKey == .small,
                  k.inputLweDimension == pke.encryptionLweDimension, k.outputLweDimension == c.lweDimension,
                  k.decomposer.baseLog == cast.baseLog, k.decomposer.levelCount == cast.level else {
                throw .keyMismatch("casting key \(k.inputLweDimension)→\(k.outputLweDimension) at 2^\(k.decomposer.baseLog)×\(k.decomposer.levelCount) does not match the parameters")
            }
        }
        if compressionKey != nil || decompressionKey != nil {
            guard let z = parameters.compression else {
                throw .keyMismatch("compression keys for parameters without compression")
            }
            if let pk = compressionKey {
                guard pk.inputDimension == c.bigLweDimension, pk.glweDimension == z.packingKsGlweDimension,
                      pk.polynomialSize == z.packingKsPolynomialSize, pk.decomposer.baseLog == z.packingKsBaseLog,
                      pk.decomposer.levelCount == z.packingKsLevel else {
                    throw .keyMismatch("compression key does not match the compression parameters")
                }
            }
            if let d = decompressionKey {
                guard d.inputLweDimension.value == z.packingKsGlweDimension.value * z.packingKsPolynomialSize.value,
                      d.glweDimension == c.glweDimension, d.polynomialSize == c.polynomialSize,
                      d.decomposer.baseLog == z.brBaseLog, d.decomposer.levelCount == z.brLevel else {
                    throw .keyMismatch("decompression key does not match the compression parameters")
                }
            }
        }
        self.parameters = parameters
        self.compressionKey = compressionKey
        self.decompressionKey = decompressionKey
        self.castingKey = castingKey
        self.keyswitchKey = keyswitchKey
        self.bootstrapKey = bootstrapKey
        self.modulusSwitchZeros = modulusSwitchZeros
    }

    /// Generates the server key of `clientKey` on all cores: key-switching key (LWE noise),
    /// bootstrapping key (GLWE noise), for drift-technique parameters their encryptions of
    /// zero, and for sets with a dedicated compact public key the casting key (LWE noise). With
    /// `compressionKeys`, also the compression (packing key switch) and decompression
    /// (bootstrapping) keys of sets with compression. `progress(fraction)` is called from the calling thread as the work advances.
    public static func generate(for clientKey: ClientKey, randomness: TFHERandomness = .system(),
                                compressionKeys: Bool = false,
                                progress: ((Double) -> Void)? = nil) throws(TFHEError) -> ServerKey {
        let p = clientKey.parameters, c = p.compute
        let ksDecomposer = try SignedDecomposer(baseLog: c.ksBaseLog, levelCount: c.ksLevel)
        let pbsDecomposer = try SignedDecomposer(baseLog: c.pbsBaseLog, levelCount: c.pbsLevel)
        // tfhe-rs order: bootstrapping key first, then the key-switching key.
        let bsk = try LweBootstrapKeyGeneration.generateFourier(
            smallKey: clientKey.lweSecretKey, glweKey: clientKey.glweSecretKey, decomposer: pbsDecomposer,
            noise: c.glweNoiseDistribution, randomness: randomness,
            progress: { done, total in progress?(0.9 * Double(done) / Double(total)) })
        let ksk = LweKeyswitchKeyGeneration.generate(from: clientKey.bigLweSecretKey, to: clientKey.lweSecretKey,
                                                     decomposer: ksDecomposer, noise: c.lweNoiseDistribution,
                                                     randomness: randomness)
        progress?(0.98)
        var zeros: LweCiphertextList?
        if case .driftTechniqueNoiseReduction(let drift) = c.modulusSwitchType {
            zeros = LweEncryption.encrypt([UInt64](repeating: 0, count: drift.zerosCount), key: clientKey.lweSecretKey,
                                          noise: c.lweNoiseDistribution, maskGenerator: randomness.mask,
                                          noiseGenerator: randomness.noise)
        }
        var casting: LweKeyswitchKey?
        if let pke = clientKey.compactPrivateKey, let cast = p.castingKeySwitch {
            guard cast.destinationKey == .small else {
                throw .invalidParameters("casting to the big key is not supported (fhEVM casts to the small key)")
            }
            casting = LweKeyswitchKeyGeneration.generate(from: pke, to: clientKey.lweSecretKey,
                                                         decomposer: try SignedDecomposer(baseLog: cast.baseLog, levelCount: cast.level),
                                                         noise: c.lweNoiseDistribution, randomness: randomness)
        }
        var compression: LwePackingKeyswitchKey?, decompression: FourierLweBootstrapKey?
        if compressionKeys, let z = p.compression, let key = clientKey.compressionKey {
            compression = try LwePackingKeyswitchKeyGeneration.generate(
                inputKey: clientKey.bigLweSecretKey, outputKey: key, baseLog: z.packingKsBaseLog, levelCount: z.packingKsLevel,
                noise: z.packingKsKeyNoiseDistribution, randomness: randomness)
            decompression = try LweBootstrapKeyGeneration.generateFourier(
                smallKey: key.lwe, glweKey: clientKey.glweSecretKey,
                decomposer: try SignedDecomposer(baseLog: z.brBaseLog, levelCount: z.brLevel),
                noise: c.glweNoiseDistribution, randomness: randomness)
        }
        progress?(1)
        return try ServerKey(parameters: p, keyswitchKey: ksk, bootstrapKey: bsk, modulusSwitchZeros: zeros, castingKey: casting,
                             compressionKey: compression, decompressionKey: decompression)
    }

    /// The modulus switch before blind rotation: the parameters' type, with this key's
    /// encryptions of zero for the drift technique.
    package var modulusSwitchMode: ModulusSwitchMode {
        switch parameters.compute.modulusSwitchType {
        case .standard: .standard
        case .centeredMeanNoiseReduction: .centeredMean
        case .driftTechniqueNoiseReduction(let p): modulusSwitchZeros.map { .drift(p, zeros: $0) } ?? .standard
        }
    }

    public var description: String {
        let c = parameters.compute
        return "ServerKey(\(parameters.name): KSK \(c.bigLweDimension)→\(c.lweDimension) 2^\(c.ksBaseLog)×\(c.ksLevel), BSK n=\(c.lweDimension) \(c.glweDimension)×\(c.polynomialSize) 2^\(c.pbsBaseLog)×\(c.pbsLevel))"
    }
}
