/// The squashed-noise compression keys in tfhe-rs's forms, both ways:
/// - the seeded `CompressedNoiseSquashingCompressionKey` (the key store's public file, and the
///   field of a `CompressedServerKey`): one AES-CTR seed and each row's body polynomial. tfhe-rs's
///   rule (`generate_seeded_lwe_packing_keyswitch_key_with_pre_seeded_generator`, u128): the masks
///   are the consecutive little-endian u128 of the seed's stream in the key's data order — input
///   coefficient, level L first, k·N per row — the order
///   `NoiseSquashingCompressionKey.encryptRows` draws them in;
/// - the standard `NoiseSquashingCompressionKey` (the field of a `ServerKey`): every row whole.
/// - the private key inside a tfhe-rs 1.3+ `ClientKey`.
///
/// ```swift
/// let seeded = try TfheRsCompressedNoiseSquashingCompressionKey.generate(squashingKey: nsk, compressionKey: cpk)
/// let bytes = try TfheRsFile(object: .compressedNoiseSquashingCompressionKey(seeded), layout: .v1_4).encode()
/// let key = try NoiseSquashingCompressionKey(tfheRsCompressed: seeded, parameters: cpk.parameters,
///                                            inputLweDimension: nsk.lweDimension)
/// ```
extension TfheRsCompressedNoiseSquashingCompressionKey {
    /// The seeded compression key from `squashingKey` to `compressionKey`, for `layout` (1.3 on).
    /// The seed is drawn from `randomness.mask`, the noise from `randomness.noise`.
    /// - Throws: `TfheRsError.unsupported` for a layout before 1.3, `.mismatch` when the
    ///   compression parameters are invalid or do not fit the squashing parameters.
    public static func generate(squashingKey: NoiseSquashingPrivateKey, compressionKey: NoiseSquashingCompressionPrivateKey,
                                layout: TfheRsLayout = .v1_4, randomness: TFHERandomness = .system(),
                                progress: ((Double) -> Void)? = nil) throws(TfheRsError) -> TfheRsCompressedNoiseSquashingCompressionKey {
        let p = compressionKey.parameters
        try TfheRsError.mismatching("noise-squashing compression parameters") { () throws(TFHEError) in
            try p.validate(for: squashingKey.parameters)
        }
        guard layout >= .v1_3 else {
            throw .unsupported("noise-squashing compression keys are written from the tfhe-rs 1.3 layout on, not \(layout)")
        }
        let (seed, generator) = try TfheRsKeyCompressionSeed.draw(for: layout, from: randomness.mask)
        let seeded = TFHERandomness(secret: randomness.secret, mask: generator, noise: randomness.noise)
        let size = p.packingKsPolynomialSize.value
        let rows = squashingKey.lweDimension * p.packingKsLevel.value
        let bodies = try TfheRsError.mismatching("noise-squashing compression key") { () throws(TFHEError) in
            try TfheRsBulk.u128(count: rows * size) { words throws(TFHEError) in
                try NoiseSquashingCompressionKey.encryptRows(squashingKey: squashingKey, compressionKey: compressionKey, randomness: seeded,
                                                             output: .bodies(words), progress: progress)
            }
        }
        let key = TfheRsSeededPackingKeyswitchKey(data: bodies, baseLog: p.packingKsBaseLog.value,
                                                  levelCount: p.packingKsLevel.value, outputGlweSize: p.packingKsGlweDimension.value + 1,
                                                  outputPolynomialSize: size, seed: seed)
        return TfheRsCompressedNoiseSquashingCompressionKey(packingKey: key, lwePerGlwe: p.lwePerGlwe)
    }
}

extension NoiseSquashingCompressionKey {
    /// Checks a tfhe-rs packing key's shape against `parameters` and an input dimension.
    private static func checkShape(baseLog: Int, levelCount: Int, glweSize: Int, polynomialSize: Int, lwePerGlwe: Int,
                                   values: Int, perRow: Int, parameters p: NoiseSquashingCompressionParameters,
                                   inputLweDimension n: Int, limits: TfheRsLimits) throws(TfheRsError) {
        try TfheRsError.mismatching("noise-squashing compression parameters") { () throws(TFHEError) in try p.validate() }
        guard baseLog == p.packingKsBaseLog.value, levelCount == p.packingKsLevel.value,
              glweSize == p.packingKsGlweDimension.value + 1, polynomialSize == p.packingKsPolynomialSize.value,
              lwePerGlwe == p.lwePerGlwe else {
            throw .mismatch("the noise-squashing compression key (\(baseLog)×\(levelCount), GLWE size \(glweSize)×\(polynomialSize), \(lwePerGlwe) per GLWE) does not have the parameters' shape")
        }
        guard n > 0, n <= limits.maxDimension else { throw .mismatch("input LWE dimension \(n) outside 1...\(limits.maxDimension)") }
        // n ≤ 2^17, L ≤ 128, (k+1)·N ≤ 17·2^16: no overflow.
        guard values == n * levelCount * perRow else {
            throw .invalidField("the noise-squashing compression key has \(values) coefficients, \(n * levelCount * perRow) expected for dimension \(n)")
        }
        let expanded = n * levelCount * glweSize * polynomialSize * 16
        guard expanded <= limits.maxExpandedSize else { throw .expansionLimitExceeded(size: expanded, limit: limits.maxExpandedSize) }
    }

    /// The key of a seeded tfhe-rs compression key, its masks regenerated from the seed, after
    /// checking its shape against `parameters` and the squashing key's dimension.
    /// - Throws: `TfheRsError.mismatch` for another shape, `.invalidField` for a wrong amount of
    ///   data, `.unsupported` for seeds tfhe-rs does not make keys with,
    ///   `.expansionLimitExceeded` beyond `limits`.
    public init(tfheRsCompressed key: TfheRsCompressedNoiseSquashingCompressionKey, parameters p: NoiseSquashingCompressionParameters,
                inputLweDimension n: Int, limits: TfheRsLimits = .key) throws(TfheRsError) {
        let pk = key.packingKey
        try Self.checkShape(baseLog: pk.baseLog, levelCount: pk.levelCount, glweSize: pk.outputGlweSize,
                            polynomialSize: pk.outputPolynomialSize, lwePerGlwe: key.lwePerGlwe, values: pk.data.count,
                            perRow: pk.outputPolynomialSize, parameters: p, inputLweDimension: n, limits: limits)
        guard pk.data.elementSize == 16 else { throw .invalidField("a noise-squashing compression key of \(pk.data.elementSize)-byte words") }
        let generator = try pk.seed.maskGenerator()
        let size = pk.outputPolynomialSize, maskWords = 2 * (pk.outputGlweSize - 1) * size, rowWords = maskWords + 2 * size
        let rows = n * pk.levelCount
        var data = [UInt64](repeating: 0, count: rows * rowWords)
        let bodies = pk.data.bytes
        data.withUnsafeMutableBufferPointer { out in
            for r in 0..<rows {
                let row = out.baseAddress! + r * rowWords
                generator.fill(UnsafeMutableRawBufferPointer(start: row, count: maskWords * 8))
                #if _endian(big)
                for x in 0..<maskWords { row[x] = UInt64(littleEndian: row[x]) }
                #endif
                bodies.withUnsafeBytes { src in
                    for x in 0 ..< 2 * size {
                        row[maskWords + x] = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: (r * size * 2 + x) * 8, as: UInt64.self))
                    }
                }
            }
        }
        self = try TfheRsError.invalid("noise-squashing compression key") { () throws(TFHEError) in
            try NoiseSquashingCompressionKey(parameters: p, inputLweDimension: n, data: data)
        }
    }

    /// The key of a standard tfhe-rs compression key (a `ServerKey`'s field), after the same checks.
    public init(tfheRs key: TfheRsNoiseSquashingCompressionKey, parameters p: NoiseSquashingCompressionParameters,
                inputLweDimension n: Int, limits: TfheRsLimits = .key) throws(TfheRsError) {
        let pk = key.packingKey
        try Self.checkShape(baseLog: pk.baseLog, levelCount: pk.levelCount, glweSize: pk.outputGlweSize,
                            polynomialSize: pk.outputPolynomialSize, lwePerGlwe: key.lwePerGlwe, values: pk.data.count,
                            perRow: pk.outputGlweSize * pk.outputPolynomialSize, parameters: p, inputLweDimension: n, limits: limits)
        guard pk.data.elementSize == 16 else { throw .invalidField("a noise-squashing compression key of \(pk.data.elementSize)-byte words") }
        let data = pk.data.bytes.withUnsafeBytes { src in
            (0 ..< pk.data.count * 2).map { UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)) }
        }
        self = try TfheRsError.invalid("noise-squashing compression key") { () throws(TFHEError) in
            try NoiseSquashingCompressionKey(parameters: p, inputLweDimension: n, data: data)
        }
    }

    /// The standard tfhe-rs form (every row whole), as a `ServerKey` carries it.
    public func tfheRs() -> TfheRsNoiseSquashingCompressionKey {
        var bytes = [UInt8](repeating: 0, count: data.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (x, w) in data.enumerated() { raw.storeBytes(of: w.littleEndian, toByteOffset: 8 * x, as: UInt64.self) }
        }
        let key = TfheRsPackingKeyswitchKey(data: TfheRsBulk(bytes: bytes[...], elementSize: 16), baseLog: parameters.packingKsBaseLog.value,
                                            levelCount: parameters.packingKsLevel.value,
                                            outputGlweSize: parameters.packingKsGlweDimension.value + 1,
                                            outputPolynomialSize: parameters.packingKsPolynomialSize.value)
        return TfheRsNoiseSquashingCompressionKey(packingKey: key, lwePerGlwe: parameters.lwePerGlwe)
    }
}

extension NoiseSquashingCompressionPrivateKey {
    /// The client key's noise-squashing compression private key; `nil` when it has none.
    /// - Throws: `TfheRsError.invalidField` when the key is not binary or its parameters cannot
    ///   decrypt.
    public init?(tfheRs clientKey: TfheRsClientKey) throws(TfheRsError) {
        guard let (key, parameters) = clientKey.extensions.noiseSquashingCompressionKey else { return nil }
        self = try TfheRsError.invalid("noise-squashing compression private key") { () throws(TFHEError) in
            let glwe = try GlweSecretKey(glweDimension: GlweDimension(key.glweDimension),
                                         polynomialSize: PolynomialSize(key.polynomialSize), coefficients: key.coefficients)
            return try NoiseSquashingCompressionPrivateKey(parameters: parameters, glweSecretKey: glwe)
        }
    }
}

extension TfheRsClientKey {
    /// A copy of this client key carrying `noiseSquashingCompressionKey` (written in tfhe-rs 1.3+
    /// layouts, beside a noise-squashing key).
    public func adding(noiseSquashingCompressionKey key: NoiseSquashingCompressionPrivateKey) -> TfheRsClientKey {
        var copy = self
        copy.extensions.noiseSquashingCompressionKey = (TfheRsGlweSecretKey128(coefficients: key.glweSecretKey.coefficients,
                                                                               polynomialSize: key.parameters.packingKsPolynomialSize.value),
                                                        key.parameters)
        return copy
    }
}
