/// The noise-squashing key from tfhe-rs's seeded `CompressedNoiseSquashingKey`: the masks are
/// regenerated from the seed (consecutive little-endian u128 of its AES-CTR stream in data order,
/// see `TfheRsNoiseSquashingKeyEmission.swift`), and every mask and body polynomial is
/// transformed into our exact-product spectra on all cores.
///
/// Every shape and number is checked against the parameters before anything is allocated, so a
/// hostile file ends in a `TfheRsError`, never a trap or an oversized allocation.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes, expecting: .compressedNoiseSquashingKey, limits: .key)
/// guard case .compressedNoiseSquashingKey(let compressed) = file.object else { … }
/// let key = try NoiseSquashingKey(tfheRsCompressed: compressed, parameters: .test, inputLweDimension: 16)
/// ```
extension NoiseSquashingKey {
    /// GGSWs whose masks are regenerated per batch (bounds the scratch memory).
    static let loadingBatchSize = 16

    /// The key `compressed` stands for, made for `parameters` from a compute key of LWE dimension
    /// `inputLweDimension`. `limits.maxExpandedSize` bounds the spectra (n·L·(k+1)²·3N words).
    /// - Throws: `TfheRsError.mismatch` when a shape, the moduli or the modulus switch differ
    ///   from the parameters (or the parameters are invalid), `.invalidField` for a body count
    ///   that is not the shape's, `.unsupported` for XOF seeds or other stream starts,
    ///   `.expansionLimitExceeded` for a key above the limit.
    public init(tfheRsCompressed compressed: TfheRsCompressedNoiseSquashingKey, parameters p: NoiseSquashingParameters,
                inputLweDimension: LweDimension, limits: TfheRsLimits = .key) throws(TfheRsError) {
        try TfheRsError.mismatching("noise-squashing parameters") { () throws(TFHEError) in try p.validate() }
        let bsk = compressed.bsk
        let n = inputLweDimension.value, k = p.glweDimension.value, size = p.polynomialSize.value
        let levels = p.decompositionLevelCount.value, k1 = k + 1
        let shapes: [(String, Int, Int)] = [
            ("GLWE size", bsk.glweSize, k1), ("polynomial size", bsk.polynomialSize, size),
            ("decomposition base log", bsk.baseLog, p.decompositionBaseLog.value), ("decomposition level count", bsk.levelCount, levels),
            ("message modulus", compressed.messageModulus, p.messageModulus), ("carry modulus", compressed.carryModulus, p.carryModulus),
            ("element size", bsk.data.elementSize, 16),
        ]
        for (what, found, want) in shapes where found != want {
            throw .mismatch("the compressed noise-squashing key's \(what) is \(found), the parameters say \(want)")
        }
        switch (compressed.modulusSwitch, p.modulusSwitchType) {
        case (.standard, .standard), (.centeredMeanNoiseReduction, .centeredMeanNoiseReduction): break
        default: throw .mismatch("the compressed noise-squashing key's modulus switch is not the parameters' \(p.modulusSwitchType)")
        }
        guard n > 0, n <= limits.maxDimension else { throw .mismatch("input LWE dimension \(n) outside 1...\(limits.maxDimension)") }
        // n ≤ 2^17, L < 128, k + 1 ≤ 17, N ≤ 2^16: every product below fits in Int.
        let bodyCount = n * levels * k1 * size
        guard bsk.data.count == bodyCount, bsk.data.bytes.count == bodyCount * 16 else {
            throw .invalidField("the seeded noise-squashing key has \(bsk.data.count) body coefficients, \(bodyCount) expected for n = \(n)")
        }
        let engineWords = 3 * size
        let expanded = n.multipliedReportingOverflow(by: levels * k1 * k1 * engineWords * 8)
        guard !expanded.overflow, expanded.partialValue <= limits.maxExpandedSize else {
            throw .expansionLimitExceeded(size: expanded.overflow ? Int.max : expanded.partialValue, limit: limits.maxExpandedSize)
        }
        guard case .ctr(let seedBytes) = bsk.seed.kind, bsk.seed.aesIndexLow == 0, bsk.seed.aesIndexHigh == 0, bsk.seed.byteIndex <= 1 else {
            throw .unsupported("a \(bsk.seed.kindName) seed starting at table index (\(bsk.seed.aesIndexLow), \(bsk.seed.byteIndex))")
        }
        let generator: AesCtrGenerator
        do { generator = try AesCtrGenerator(seed: seedBytes, start: bsk.seed.byteIndex == 1 ? .skipFirstByte : .fromFirstByte) } catch {
            throw .invalidField("seed: \(error)")
        }
        guard let engine = Negacyclic128Engine(polynomialSize: size), engine.spectrumCount == engineWords else {
            throw .mismatch("no exact u128 product for N = \(size)")
        }

        let total = n * levels * k1 * k1
        let slots = UnsafeMutablePointer<KeySpectrum>.allocate(capacity: total)
        defer { slots.deallocate() }
        // Per GGSW: masks L·(k+1)·k·N u128 (two words each).
        let rowMaskWords = k * size * 2, maskWords = levels * k1 * rowMaskWords
        let batch = Self.loadingBatchSize, workers = ParallelWork.workerCount
        var masks = [UInt64](repeating: 0, count: batch * maskWords)
        var start = 0
        while start < n {
            let count = min(batch, n - start)
            masks.withUnsafeMutableBytes { generator.fill(UnsafeMutableRawBufferPointer(rebasing: $0[0 ..< count * maskWords * 8])) }
            #if _endian(big)
            for j in 0 ..< count * maskWords { masks[j] = UInt64(littleEndian: masks[j]) }
            #endif
            let first = start
            masks.withUnsafeBufferPointer { maskBuf in
                bsk.data.bytes.withUnsafeBytes { bodyBytes in
                    let out = SharedMutablePointer(slots)
                    let active = min(workers, count)
                    ParallelWork.run(workers: active) { worker in
                        var body = [UInt64](repeating: 0, count: 2 * size)
                        var g = worker
                        while g < count {
                            let i = first + g
                            for rowInGgsw in 0 ..< levels * k1 {
                                let row = i * levels * k1 + rowInGgsw
                                let mask = maskBuf.baseAddress! + (g * levels * k1 + rowInGgsw) * rowMaskWords
                                for c in 0..<k {
                                    var ks = engine.makeKeySpectrum()
                                    engine.forwardKey(UnsafeBufferPointer(start: mask + c * size * 2, count: 2 * size), into: &ks)
                                    (out.pointer + row * k1 + c).initialize(to: ks)
                                }
                                body.withUnsafeMutableBytes { dst in
                                    dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: bodyBytes[row * size * 16 ..< (row + 1) * size * 16]))
                                }
                                #if _endian(big)
                                for j in 0 ..< 2 * size { body[j] = UInt64(littleEndian: body[j]) }
                                #endif
                                var bs = engine.makeKeySpectrum()
                                body.withUnsafeBufferPointer { engine.forwardKey($0, into: &bs) }
                                (out.pointer + row * k1 + k).initialize(to: bs)
                            }
                            g += active
                        }
                    }
                }
            }
            start += count
        }
        let spectra = Array(UnsafeBufferPointer(start: slots, count: total))
        slots.deinitialize(count: total)
        self = try TfheRsError.mismatching("noise-squashing key") { () throws(TFHEError) in
            try NoiseSquashingKey(parameters: p, inputLweDimension: inputLweDimension, spectra: spectra)
        }
    }

    /// `init(tfheRsCompressed:parameters:inputLweDimension:)` for the squashing parameters of a
    /// compute parameter set: also checks that they fit it (`validate(for:)`).
    public init(tfheRsCompressed compressed: TfheRsCompressedNoiseSquashingKey, parameters p: NoiseSquashingParameters,
                compute: ParameterSet, limits: TfheRsLimits = .key) throws(TfheRsError) {
        try TfheRsError.mismatching("noise-squashing parameters") { () throws(TFHEError) in try p.validate(for: compute) }
        try self.init(tfheRsCompressed: compressed, parameters: p, inputLweDimension: compute.compute.lweDimension, limits: limits)
    }
}
