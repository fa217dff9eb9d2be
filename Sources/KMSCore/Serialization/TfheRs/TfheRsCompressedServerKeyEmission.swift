/// Seeded server keys in tfhe-rs's `CompressedServerKey` form, both ways.
///
/// Writing: every seeded object (key-switching key, bootstrapping key, the drift technique's
/// encryptions of zero, the casting key) gets its own 16-byte AES-CTR seed, and its masks are the
/// consecutive little-endian words of that stream in the object's data order — tfhe-rs's rule
/// (forked generators take consecutive ranges). The stream starts after its first byte for
/// layouts up to 1.5 and at byte 0 from 1.6 (`CompressionSeed` V1, table index 0), as tfhe-rs
/// does for keys it makes. Only the bodies are stored.
///
/// Reading (decompression) regenerates the masks from the seeds and converts the bootstrapping
/// key to the Fourier domain, giving the `ServerKey` the compressed key stands for.
///
/// ```swift
/// let (compressed, serverKey) = try TfheRsCompressedServerKey.generate(for: clientKey, layout: .v1_0)
/// let bytes = try TfheRsFile(object: .compressedServerKey(compressed), layout: .v1_0).encode()
/// let again = try ServerKey(tfheRsCompressed: compressed, parameters: clientKey.parameters)
/// ```
extension TfheRsCompressedServerKey {
    /// A compressed server key for `clientKey` in `layout` (1.0 on), with the `ServerKey` it
    /// decompresses to (computed on the way, not by decompressing).
    public static func generate(for clientKey: ClientKey, layout: TfheRsLayout,
                                randomness: TFHERandomness = .system()) throws(TfheRsError) -> (TfheRsCompressedServerKey, ServerKey) {
        guard layout >= .v1_0 else { throw .unsupported("compressed server keys are written from the tfhe-rs 1.0 layout on") }
        let p = clientKey.parameters, c = p.compute
        if case .centeredMeanNoiseReduction = c.modulusSwitchType, layout < .v1_3 {
            throw .unsupported("the centered-mean modulus switch needs the tfhe-rs 1.3 layout or later")
        }
        func seeded() throws(TfheRsError) -> (TfheRsKeyCompressionSeed, TFHERandomness) {
            let (seed, generator) = try TfheRsKeyCompressionSeed.draw(for: layout, from: randomness.mask)
            return (seed, TFHERandomness(secret: randomness.secret, mask: generator, noise: randomness.noise))
        }
        func bodies(_ data: [UInt64], size: Int) -> TfheRsBulk {
            TfheRsBulk(words: stride(from: size - 1, to: data.count, by: size).map { data[$0] })
        }
        return try TfheRsError.mismatching("compressed server key") { () throws(TFHEError) in
            let n = c.lweDimension.value, k = c.glweDimension.value, size = c.polynomialSize.value
            let ksDecomposer = try SignedDecomposer(baseLog: c.ksBaseLog, levelCount: c.ksLevel)
            let pbsDecomposer = try SignedDecomposer(baseLog: c.pbsBaseLog, levelCount: c.pbsLevel)
            // tfhe-rs order: bootstrapping key, then key-switching key.
            let (bskSeed, bskRandomness) = try seededOrThrow(seeded)
            var standard = [UInt64](repeating: 0, count: n * c.pbsLevel.value * (k + 1) * size)
            let bsk = try standard.withUnsafeMutableBufferPointer { buf throws(TFHEError) in
                try LweBootstrapKeyGeneration.generateFourier(smallKey: clientKey.lweSecretKey, glweKey: clientKey.glweSecretKey,
                                                               decomposer: pbsDecomposer, noise: c.glweNoiseDistribution,
                                                               randomness: bskRandomness, standardBodies: buf.baseAddress!)
            }
            let (kskSeed, kskRandomness) = try seededOrThrow(seeded)
            let ksk = LweKeyswitchKeyGeneration.generate(from: clientKey.bigLweSecretKey, to: clientKey.lweSecretKey, decomposer: ksDecomposer,
                                                         noise: c.lweNoiseDistribution, randomness: kskRandomness)
            var zeros: LweCiphertextList?
            var modulusSwitch = TfheRsCompressedModulusSwitchConfiguration.standard
            switch c.modulusSwitchType {
            case .standard: break
            case .centeredMeanNoiseReduction: modulusSwitch = .centeredMeanNoiseReduction
            case .driftTechniqueNoiseReduction(let drift):
                let (zSeed, zRandomness) = try seededOrThrow(seeded)
                let list = LweEncryption.encrypt([UInt64](repeating: 0, count: drift.zerosCount), key: clientKey.lweSecretKey,
                                                 noise: c.lweNoiseDistribution, maskGenerator: zRandomness.mask,
                                                 noiseGenerator: zRandomness.noise)
                zeros = list
                modulusSwitch = .driftTechniqueNoiseReduction(TfheRsCompressedModulusSwitchNoiseReductionKey(
                    encryptionsOfZero: TfheRsSeededLweCiphertextList(bodies: bodies(list.data, size: n + 1), lweSize: n + 1, seed: zSeed),
                    msBound: drift.msBound, msRSigmaFactor: drift.msRSigmaFactor, msInputVariance: drift.msInputVariance))
            }
            var casting: LweKeyswitchKey?
            var compressedCasting: TfheRsCompressedCastingKey?
            if let pke = clientKey.compactPrivateKey, let cast = p.castingKeySwitch, cast.destinationKey == .small {
                let (cSeed, cRandomness) = try seededOrThrow(seeded)
                let key = LweKeyswitchKeyGeneration.generate(from: pke, to: clientKey.lweSecretKey,
                                                             decomposer: try SignedDecomposer(baseLog: cast.baseLog, levelCount: cast.level),
                                                             noise: c.lweNoiseDistribution, randomness: cRandomness)
                casting = key
                compressedCasting = TfheRsCompressedCastingKey(
                    keySwitchingKey: TfheRsSeededKeyswitchKey(data: bodies(key.data, size: n + 1), baseLog: cast.baseLog.value,
                                                              levelCount: cast.level.value, outputLweSize: n + 1, seed: cSeed),
                    castRightShift: 0, destinationKey: .small)
            }
            let serverKey = try ServerKey(parameters: p, keyswitchKey: ksk, bootstrapKey: bsk, modulusSwitchZeros: zeros, castingKey: casting)
            let compressed = TfheRsCompressedServerKey(
                keySwitchingKey: TfheRsSeededKeyswitchKey(data: bodies(ksk.data, size: n + 1), baseLog: c.ksBaseLog.value,
                                                          levelCount: c.ksLevel.value, outputLweSize: n + 1, seed: kskSeed),
                bootstrappingKey: TfheRsCompressedBootstrappingKey(
                    bsk: TfheRsSeededBootstrapKey(data: TfheRsBulk(words: standard), glweSize: k + 1, polynomialSize: size,
                                                  baseLog: c.pbsBaseLog.value, levelCount: c.pbsLevel.value, seed: bskSeed),
                    modulusSwitch: modulusSwitch),
                messageModulus: c.messageModulus, carryModulus: c.carryModulus,
                maxDegree: c.messageModulus * c.carryModulus - 1, maxNoiseLevel: c.maxNoiseLevel, pbsOrder: .keyswitchBootstrap,
                castingKey: compressedCasting, compressionKey: nil, decompressionKey: nil,
                noiseSquashingKey: nil, noiseSquashingCompressionKey: nil, tag: [])
            return (compressed, serverKey)
        }
    }
}

/// Runs a seed-drawing closure that throws `TfheRsError` inside `TFHEError` code.
private func seededOrThrow<T>(_ body: () throws(TfheRsError) -> T) throws(TFHEError) -> T {
    do { return try body() } catch { throw .invalidParameters("\(error)") }
}

extension ServerKey {
    /// The server key a tfhe-rs `CompressedServerKey` stands for: masks regenerated from each
    /// object's seed (AES-CTR seeds starting at byte 0 or 1 of block 0), the bootstrapping key
    /// converted to the Fourier domain. XOF seeds and other start positions are refused.
    public init(tfheRsCompressed sk: TfheRsCompressedServerKey, parameters: ParameterSet) throws(TfheRsError) {
        let c = parameters.compute
        let n = c.lweDimension.value, k = c.glweDimension.value, size = c.polynomialSize.value
        let ksk = sk.keySwitchingKey, bsk = sk.bootstrappingKey.bsk
        let shapes: [(String, Int, Int)] = [
            ("key-switching input dimension", ksk.inputDimension, c.bigLweDimension.value),
            ("key-switching output dimension", ksk.outputLweSize - 1, n),
            ("key-switching base log", ksk.baseLog, c.ksBaseLog.value), ("key-switching level count", ksk.levelCount, c.ksLevel.value),
            ("bootstrapping input dimension", bsk.inputLweDimension, n), ("bootstrapping GLWE dimension", bsk.glweSize - 1, k),
            ("bootstrapping polynomial size", bsk.polynomialSize, size),
            ("bootstrapping base log", bsk.baseLog, c.pbsBaseLog.value), ("bootstrapping level count", bsk.levelCount, c.pbsLevel.value),
            ("message modulus", sk.messageModulus, c.messageModulus), ("carry modulus", sk.carryModulus, c.carryModulus),
        ]
        for (what, found, want) in shapes where found != want {
            throw .mismatch("the compressed server key's \(what) is \(found), the parameters say \(want)")
        }
        guard bsk.data.count == n * c.pbsLevel.value * (k + 1) * size else {
            throw .invalidField("the seeded bootstrapping key has \(bsk.data.count) bodies")
        }
        /// Full LWE ciphertexts of dimension `dim` from bodies and the seed's masks.
        func expand(_ bodies: TfheRsBulk, dimension dim: Int, seed: TfheRsKeyCompressionSeed) throws(TfheRsError) -> [UInt64] {
            let g = try seed.maskGenerator()
            let words = bodies.words()
            var data = [UInt64](repeating: 0, count: words.count * (dim + 1))
            data.withUnsafeMutableBufferPointer { d in
                for (i, body) in words.enumerated() {
                    let ct = d.baseAddress! + i * (dim + 1)
                    g.fill(UnsafeMutableRawBufferPointer(start: ct, count: dim * 8))
                    #if _endian(big)
                    for j in 0..<dim { ct[j] = UInt64(littleEndian: ct[j]) }
                    #endif
                    ct[dim] = body
                }
            }
            return data
        }
        let keyswitchKey = try TfheRsError.mismatching("key-switching key") { () throws(TFHEError) in
            try LweKeyswitchKey(inputLweDimension: c.bigLweDimension, outputLweDimension: c.lweDimension,
                                decomposer: try SignedDecomposer(baseLog: c.ksBaseLog, levelCount: c.ksLevel),
                                data: try seededOrThrow { () throws(TfheRsError) in try expand(ksk.data, dimension: n, seed: ksk.seed) })
        }
        // Bootstrapping key: per GGSW row, k mask polynomials from the stream, then its body.
        let half = size / 2, k1 = k + 1
        let transform = try TfheRsError.mismatching("bootstrapping key") { () throws(TFHEError) in try FourierTransform.plan(polynomialSize: size) }
        let rows = n * c.pbsLevel.value * k1
        var re = [Double](repeating: 0, count: rows * k1 * half), im = re
        let g = try bsk.seed.maskGenerator()
        let bodies = bsk.data.words()
        var row = [UInt64](repeating: 0, count: k1 * size)
        re.withUnsafeMutableBufferPointer { reOut in im.withUnsafeMutableBufferPointer { imOut in row.withUnsafeMutableBufferPointer { r in
            for j in 0..<rows {
                g.fill(UnsafeMutableRawBufferPointer(start: r.baseAddress!, count: k * size * 8))
                #if _endian(big)
                for x in 0 ..< k * size { r[x] = UInt64(littleEndian: r[x]) }
                #endif
                for x in 0..<size { r[k * size + x] = bodies[j * size + x] }
                for poly in 0..<k1 {
                    let at = (j * k1 + poly) * half
                    transform.forwardTorus(r.baseAddress! + poly * size, re: reOut.baseAddress! + at, im: imOut.baseAddress! + at)
                }
            }
        } } }
        let bootstrapKey = try TfheRsError.mismatching("bootstrapping key") { () throws(TFHEError) in
            try FourierLweBootstrapKey(inputLweDimension: c.lweDimension, glweDimension: c.glweDimension, polynomialSize: c.polynomialSize,
                                       decomposer: try SignedDecomposer(baseLog: c.pbsBaseLog, levelCount: c.pbsLevel), re: re, im: im)
        }
        var zeros: LweCiphertextList?
        if case .driftTechniqueNoiseReduction(let ms) = sk.bootstrappingKey.modulusSwitch {
            guard ms.encryptionsOfZero.lweSize == n + 1 else { throw .mismatch("modulus-switch encryptions of zero of LWE size \(ms.encryptionsOfZero.lweSize)") }
            // Decompression multiplies the count by n + 1: bound it before expanding.
            let count = ms.encryptionsOfZero.count
            if case .driftTechniqueNoiseReduction(let drift) = c.modulusSwitchType, count != drift.zerosCount {
                throw .mismatch("\(count) modulus-switch encryptions of zero, the parameters say \(drift.zerosCount)")
            }
            guard count <= TfheRsLimits.key.maxExpandedSize / ((n + 1) * 8) else {
                throw .expansionLimitExceeded(size: count * (n + 1) * 8, limit: TfheRsLimits.key.maxExpandedSize)
            }
            let data = try expand(ms.encryptionsOfZero.bodies, dimension: n, seed: ms.encryptionsOfZero.seed)
            zeros = try TfheRsError.mismatching("modulus-switch key") { () throws(TFHEError) in try LweCiphertextList(lweDimension: n, data: data) }
        }
        var casting: LweKeyswitchKey?
        if let cast = sk.castingKey, let pke = parameters.compactPublicKey, let params = parameters.castingKeySwitch {
            let key = cast.keySwitchingKey
            guard cast.castRightShift == 0, cast.destinationKey == params.destinationKey, key.baseLog == params.baseLog.value,
                  key.levelCount == params.level.value, key.inputDimension == pke.encryptionLweDimension.value, key.outputLweSize == n + 1 else {
                throw .mismatch("the compressed server key's casting key does not match the parameters' compact-PKE casting")
            }
            let data = try expand(key.data, dimension: n, seed: key.seed)
            casting = try TfheRsError.mismatching("casting key") { () throws(TFHEError) in
                try LweKeyswitchKey(inputLweDimension: pke.encryptionLweDimension, outputLweDimension: c.lweDimension,
                                    decomposer: try SignedDecomposer(baseLog: params.baseLog, levelCount: params.level), data: data)
            }
        }
        self = try TfheRsError.mismatching("tfhe-rs compressed server key") { () throws(TFHEError) in
            try ServerKey(parameters: parameters, keyswitchKey: keyswitchKey, bootstrapKey: bootstrapKey, modulusSwitchZeros: zeros, castingKey: casting)
        }
    }
}
