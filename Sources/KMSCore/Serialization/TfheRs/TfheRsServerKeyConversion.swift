/// Conversions between a tfhe-rs `ServerKey` (compute part) and this library's `ServerKey`.
///
/// The Fourier bootstrapping key keeps tfhe-rs's values: the file holds each polynomial's N/2
/// complex values in natural order (value k = P(ζ^{1−4k})), the transform here keeps them
/// bit-reversed, so reading and writing permute each polynomial and nothing else. Values must
/// be finite and within N/2 + 1 (a torus polynomial's spectrum cannot exceed N/2).
///
/// ```swift
/// let file = try TfheRsFile.read(contentsOf: path, expecting: .serverKey)
/// guard case .serverKey(let tsk) = file.object else { … }
/// let serverKey = try ServerKey(tfheRs: tsk, parameters: clientKey.parameters)
/// let out = try TfheRsServerKey(serverKey, layout: .v1_0)      // tfhe-rs bytes again
/// ```
extension ServerKey {
    /// The compute key of a tfhe-rs server key made for a client key with `parameters`
    /// (check ownership with the client key first: `TfheRsKeyImport` does).
    public init(tfheRs sk: TfheRsServerKey, parameters: ParameterSet) throws(TfheRsError) {
        let c = parameters.compute
        let ksk = sk.keySwitchingKey, bsk = sk.bootstrappingKey.bsk
        try TfheRsServerKeyCheck.checkShapes(sk, parameters: parameters, owner: "the parameters")
        guard sk.pbsOrder == .keyswitchBootstrap, c.encryptionKeyChoice == .big else {
            throw .unsupported("server keys in PBS-KS order (only KS-PBS, tfhe-rs's default, is supported)")
        }
        let keyswitchKey = try TfheRsError.mismatching("key-switching key") { () throws(TFHEError) in
            try LweKeyswitchKey(inputLweDimension: c.bigLweDimension, outputLweDimension: c.lweDimension,
                                decomposer: try SignedDecomposer(baseLog: c.ksBaseLog, levelCount: c.ksLevel),
                                data: ksk.data.words())
        }
        let bootstrapKey = try Self.fourierKey(bsk, inputLweDimension: c.lweDimension, glweDimension: c.glweDimension,
                                               polynomialSize: c.polynomialSize,
                                               decomposer: try TfheRsError.mismatching("bootstrapping key") { () throws(TFHEError) in
                                                   try SignedDecomposer(baseLog: c.pbsBaseLog, levelCount: c.pbsLevel)
                                               })
        var zeros: LweCiphertextList?
        if case .driftTechniqueNoiseReduction(let ms) = sk.bootstrappingKey.modulusSwitch {
            guard ms.lweSize == c.lweDimension.value + 1 else {
                throw .mismatch("modulus-switch encryptions of zero of LWE size \(ms.lweSize), expected \(c.lweDimension.value + 1)")
            }
            zeros = try TfheRsError.mismatching("modulus-switch key") { () throws(TFHEError) in
                try LweCiphertextList(lweDimension: c.lweDimension.value, data: ms.encryptionsOfZero.words())
            }
        }
        var casting: LweKeyswitchKey?
        if let cast = sk.castingKey, let pke = parameters.compactPublicKey, let params = parameters.castingKeySwitch {
            let k = cast.keySwitchingKey
            guard cast.castRightShift == 0, cast.destinationKey == params.destinationKey,
                  k.baseLog == params.baseLog.value, k.levelCount == params.level.value,
                  k.inputDimension == pke.encryptionLweDimension.value, k.outputLweSize == c.lweDimension.value + 1 else {
                throw .mismatch("the server key's casting key does not match the parameters' compact-PKE casting")
            }
            casting = try TfheRsError.mismatching("casting key") { () throws(TFHEError) in
                try LweKeyswitchKey(inputLweDimension: pke.encryptionLweDimension, outputLweDimension: c.lweDimension,
                                    decomposer: try SignedDecomposer(baseLog: params.baseLog, levelCount: params.level),
                                    data: k.data.words())
            }
        }
        let (compression, decompression) = try Self.compressionKeys(sk, parameters: parameters)
        self = try TfheRsError.mismatching("tfhe-rs server key") { () throws(TFHEError) in
            try ServerKey(parameters: parameters, keyswitchKey: keyswitchKey, bootstrapKey: bootstrapKey, modulusSwitchZeros: zeros,
                          castingKey: casting, compressionKey: compression, decompressionKey: decompression)
        }
    }

    /// The Fourier key's spectra, permuted to the transform's order and range-checked, for the
    /// expected shape.
    static func fourierKey(_ bsk: TfheRsFourierBootstrapKey, inputLweDimension: LweDimension, glweDimension: GlweDimension,
                           polynomialSize: PolynomialSize, decomposer: SignedDecomposer) throws(TfheRsError) -> FourierLweBootstrapKey {
        guard bsk.inputLweDimension == inputLweDimension.value, bsk.glweSize == glweDimension.value + 1,
              bsk.polynomialSize == polynomialSize.value, bsk.baseLog == decomposer.baseLog.value,
              bsk.levelCount == decomposer.levelCount.value else {
            throw .mismatch("a bootstrapping key n=\(bsk.inputLweDimension) \(bsk.glweSize - 1)×\(bsk.polynomialSize) 2^\(bsk.baseLog)×\(bsk.levelCount), expected n=\(inputLweDimension) \(glweDimension)×\(polynomialSize) 2^\(decomposer.baseLog)×\(decomposer.levelCount)")
        }
        let size = bsk.polynomialSize, half = size / 2
        let transform = try TfheRsError.mismatching("bootstrapping key") { () throws(TFHEError) in
            try FourierTransform.plan(polynomialSize: size)
        }
        let total = bsk.polynomialCount * half
        let bound = Double(half + 1)
        var re = [Double](repeating: 0, count: total), im = [Double](repeating: 0, count: total)
        var bad = false
        bsk.polynomials.bytes.withUnsafeBytes { raw in
            re.withUnsafeMutableBufferPointer { reOut in
                im.withUnsafeMutableBufferPointer { imOut in
                    let stride = 8 + half * 16
                    for p in 0..<bsk.polynomialCount {
                        let start = p * stride + 8 // the u64 length prefix was checked by the reader
                        for k in 0..<half {
                            let x = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + k * 16, as: UInt64.self)))
                            let y = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + k * 16 + 8, as: UInt64.self)))
                            // NaN fails both comparisons.
                            if !(abs(x) <= bound && abs(y) <= bound) { bad = true }
                            let at = p * half + transform.naturalIndex(k)
                            reOut[at] = x
                            imOut[at] = y
                        }
                    }
                }
            }
        }
        guard !bad else { throw .invalidField("the Fourier bootstrapping key has a value that is not finite or exceeds N/2") }
        return try TfheRsError.mismatching("bootstrapping key") { () throws(TFHEError) in
            try FourierLweBootstrapKey(inputLweDimension: inputLweDimension, glweDimension: glweDimension, polynomialSize: polynomialSize,
                                       decomposer: decomposer, re: re, im: im)
        }
    }

    /// tfhe-rs's `FourierLweBootstrapKey` of `bsk`: each polynomial's values in natural order.
    static func tfheRsFourierKey(_ bsk: FourierLweBootstrapKey) -> TfheRsFourierBootstrapKey {
        let size = bsk.polynomialSize.value, half = size / 2, count = bsk.polynomialCount
        var bytes = [UInt8](repeating: 0, count: count * (8 + half * 16))
        bytes.withUnsafeMutableBytes { out in
            bsk.re.withUnsafeBufferPointer { re in
                bsk.im.withUnsafeBufferPointer { im in
                    let stride = 8 + half * 16
                    for p in 0..<count {
                        out.storeBytes(of: UInt64(half).littleEndian, toByteOffset: p * stride, as: UInt64.self)
                        for k in 0..<half {
                            let at = p * half + bsk.transform.naturalIndex(k)
                            out.storeBytes(of: re[at].bitPattern.littleEndian, toByteOffset: p * stride + 8 + k * 16, as: UInt64.self)
                            out.storeBytes(of: im[at].bitPattern.littleEndian, toByteOffset: p * stride + 16 + k * 16, as: UInt64.self)
                        }
                    }
                }
            }
        }
        return TfheRsFourierBootstrapKey(
            polynomials: TfheRsBulk(bytes: bytes[...], elementSize: 8 + half * 16), polynomialSize: size, polynomialCount: count,
            inputLweDimension: bsk.inputLweDimension.value, glweSize: bsk.glweDimension.value + 1,
            baseLog: bsk.decomposer.baseLog.value, levelCount: bsk.decomposer.levelCount.value)
    }

    /// The compression (packing key switch) and decompression keys of a tfhe-rs server key, when
    /// it has them and the parameters have compression. tfhe-rs stores the packing key's levels
    /// finest first; ours are level 1 first.
    static func compressionKeys(_ sk: TfheRsServerKey, parameters: ParameterSet) throws(TfheRsError) -> (LwePackingKeyswitchKey?, FourierLweBootstrapKey?) {
        guard let z = parameters.compression else { return (nil, nil) }
        let c = parameters.compute
        var packing: LwePackingKeyswitchKey?
        if let key = sk.compressionKey {
            let p = key.packingKey
            guard p.baseLog == z.packingKsBaseLog.value, p.levelCount == z.packingKsLevel.value,
                  p.outputGlweSize == z.packingKsGlweDimension.value + 1, p.outputPolynomialSize == z.packingKsPolynomialSize.value,
                  p.data.count == c.bigLweDimension.value * p.levelCount * p.outputGlweSize * p.outputPolynomialSize, key.lwePerGlwe == z.lwePerGlwe,
                  key.storageLogModulus == z.storageLogModulus.value else {
                throw .mismatch("the server key's compression key does not match the compression parameters")
            }
            let decomposer = try TfheRsError.mismatching("compression key") { () throws(TFHEError) in
                try SignedDecomposer(baseLog: z.packingKsBaseLog, levelCount: z.packingKsLevel)
            }
            packing = LwePackingKeyswitchKey(inputDimension: c.bigLweDimension, glweDimension: z.packingKsGlweDimension,
                                             polynomialSize: z.packingKsPolynomialSize, decomposer: decomposer,
                                             data: reversingLevels(p.data.words(), levels: p.levelCount, block: p.outputGlweSize * p.outputPolynomialSize))
        }
        var decompression: FourierLweBootstrapKey?
        if let key = sk.decompressionKey {
            guard key.lwePerGlwe == z.lwePerGlwe, key.bootstrappingKey.modulusSwitch == .standard else {
                throw .mismatch("the server key's decompression key does not match the compression parameters")
            }
            let decomposer = try TfheRsError.mismatching("decompression key") { () throws(TFHEError) in
                try SignedDecomposer(baseLog: z.brBaseLog, levelCount: z.brLevel)
            }
            decompression = try fourierKey(key.bootstrappingKey.bsk,
                                           inputLweDimension: LweDimension(z.packingKsGlweDimension.value * z.packingKsPolynomialSize.value),
                                           glweDimension: c.glweDimension, polynomialSize: c.polynomialSize, decomposer: decomposer)
        }
        return (packing, decompression)
    }

    /// `data` of `levels` blocks of `block` words per input coefficient, with the level order of
    /// each coefficient reversed (an involution).
    static func reversingLevels(_ data: [UInt64], levels: Int, block: Int) -> [UInt64] {
        guard levels > 1 else { return data }
        var out = data
        let per = levels * block
        for start in stride(from: 0, to: data.count, by: per) {
            for l in 0..<levels {
                out.replaceSubrange(start + l * block ..< start + (l + 1) * block,
                                    with: data[start + (levels - 1 - l) * block ..< start + (levels - l) * block])
            }
        }
        return out
    }
}

extension TfheRsServerKey {
    /// `serverKey` as a tfhe-rs `ServerKey` of `layout` (1.0 on) with its casting, compression
    /// and decompression keys when it has them (no noise-squashing key): KS-PBS order, the parameters' modulus switch (the drift technique with the key's encryptions of
    /// zero, or centered mean from 1.3), max degree `msg·carry − 1`, and tfhe-rs's tag (empty).
    public init(_ serverKey: ServerKey, layout: TfheRsLayout) throws(TfheRsError) {
        guard layout >= .v1_0 else { throw .unsupported("server keys are written from the tfhe-rs 1.0 layout on") }
        let c = serverKey.parameters.compute
        let ksk = serverKey.keyswitchKey, bsk = serverKey.bootstrapKey
        let modulusSwitch: TfheRsModulusSwitchConfiguration
        switch c.modulusSwitchType {
        case .standard:
            modulusSwitch = .standard
        case .centeredMeanNoiseReduction:
            modulusSwitch = .centeredMeanNoiseReduction
        case .driftTechniqueNoiseReduction(let drift):
            guard let zeros = serverKey.modulusSwitchZeros else {
                throw .mismatch("drift-technique parameters but the server key has no encryptions of zero")
            }
            modulusSwitch = .driftTechniqueNoiseReduction(TfheRsModulusSwitchNoiseReductionKey(
                encryptionsOfZero: TfheRsBulk(words: zeros.data), lweSize: zeros.lweSize,
                msBound: drift.msBound, msRSigmaFactor: drift.msRSigmaFactor, msInputVariance: drift.msInputVariance))
        }
        let fourier = ServerKey.tfheRsFourierKey(bsk)
        if modulusSwitch == .centeredMeanNoiseReduction, layout < .v1_3 {
            throw .unsupported("the centered-mean modulus switch needs the tfhe-rs 1.3 layout or later")
        }
        self.init(keySwitchingKey: TfheRsKeyswitchKey(data: TfheRsBulk(words: ksk.data), baseLog: ksk.decomposer.baseLog.value,
                                                      levelCount: ksk.decomposer.levelCount.value, outputLweSize: ksk.outputLweDimension.value + 1),
                  bootstrappingKey: TfheRsBootstrappingKey(bsk: fourier, modulusSwitch: modulusSwitch),
                  messageModulus: c.messageModulus, carryModulus: c.carryModulus,
                  maxDegree: c.messageModulus * c.carryModulus - 1, maxNoiseLevel: c.maxNoiseLevel,
                  pbsOrder: .keyswitchBootstrap,
                  castingKey: serverKey.castingKey.map {
                      TfheRsCastingKey(keySwitchingKey: TfheRsKeyswitchKey(data: TfheRsBulk(words: $0.data), baseLog: $0.decomposer.baseLog.value,
                                                                           levelCount: $0.decomposer.levelCount.value,
                                                                           outputLweSize: $0.outputLweDimension.value + 1),
                                       castRightShift: 0, destinationKey: .small)
                  },
                  compressionKey: serverKey.compressionKey.map { key in
                      TfheRsCompressionKey(
                          packingKey: TfheRsPackingKeyswitchKey(
                              data: TfheRsBulk(words: key.data, reversingLevels: key.decomposer.levelCount.value, block: key.glweSize),
                              baseLog: key.decomposer.baseLog.value, levelCount: key.decomposer.levelCount.value,
                              outputGlweSize: key.glweDimension.value + 1, outputPolynomialSize: key.polynomialSize.value),
                          lwePerGlwe: serverKey.parameters.compression?.lwePerGlwe ?? 0,
                          storageLogModulus: serverKey.parameters.compression?.storageLogModulus.value ?? 0)
                  }, decompressionKey: serverKey.decompressionKey.map {
                      TfheRsDecompressionKey(bootstrappingKey: TfheRsBootstrappingKey(bsk: ServerKey.tfheRsFourierKey($0), modulusSwitch: .standard),
                                             lwePerGlwe: serverKey.parameters.compression?.lwePerGlwe ?? 0)
                  },
                  noiseSquashingKey: nil, noiseSquashingCompressionKey: nil, tag: [])
    }
}

extension TfheRsBulk {
    /// u64 words as little-endian bytes, the `levels` blocks of `block` words of every input
    /// coefficient in reverse order (level order conversion without an intermediate copy).
    init(words: [UInt64], reversingLevels levels: Int, block: Int) {
        var bytes = [UInt8](repeating: 0, count: words.count * 8)
        let per = levels * block
        bytes.withUnsafeMutableBytes { out in
            words.withUnsafeBufferPointer { w in
                for start in stride(from: 0, to: w.count, by: per) {
                    for l in 0..<levels {
                        let from = start + (levels - 1 - l) * block, to = start + l * block
                        for j in 0..<block { out.storeBytes(of: w[from + j].littleEndian, toByteOffset: (to + j) * 8, as: UInt64.self) }
                    }
                }
            }
        }
        self.init(bytes: bytes[...], elementSize: 8)
    }

    /// u64 words as little-endian bytes.
    init(words: [UInt64]) {
        var bytes = [UInt8](repeating: 0, count: words.count * 8)
        bytes.withUnsafeMutableBytes { out in
            for (i, w) in words.enumerated() { out.storeBytes(of: w.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        }
        self.init(bytes: bytes[...], elementSize: 8)
    }
}
