/// The noise-squashing key between tfhe-rs's forms and ours:
/// - from the seeded `CompressedNoiseSquashingKey`: the masks are regenerated from the seed
///   (consecutive little-endian u128 of its AES-CTR stream in data order, see
///   `TfheRsNoiseSquashingKeyEmission.swift`), and every mask and body polynomial is transformed
///   into our exact-product spectra on all cores;
/// - decompressed into the standard `NoiseSquashingKey` (tfhe-rs `decompress()`): the same
///   polynomials in tfhe-rs's 128-bit Fourier form (`Fourier128Transform`);
/// - from a standard `NoiseSquashingKey` (made by tfhe-rs or by the decompression above): each
///   Fourier128 polynomial back to Z_{2^128} (rounded), then into our spectra.
///
/// Every shape and number is checked against the parameters before anything is allocated, so a
/// hostile file ends in a `TfheRsError`, never a trap or an oversized allocation. A standard key
/// file at real parameters (785 MB) is larger than fhEVM's key limit: decode it with
/// `TfheRsLimits.standardKey`.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes, expecting: .compressedNoiseSquashingKey, limits: .key)
/// guard case .compressedNoiseSquashingKey(let compressed) = file.object else { … }
/// let key = try NoiseSquashingKey(tfheRsCompressed: compressed, parameters: .test, inputLweDimension: 16)
/// let standard = try TfheRsNoiseSquashingKey(decompressing: compressed, parameters: .test, inputLweDimension: 16)
/// let same = try NoiseSquashingKey(tfheRs: standard, parameters: .test, inputLweDimension: 16)
/// ```
extension TfheRsCompressedNoiseSquashingKey {
    /// GGSWs whose masks are regenerated per batch (bounds the scratch memory).
    static let loadingBatchSize = 16

    /// Checks every shape against `p` and an input dimension n.
    func checkShape(parameters p: NoiseSquashingParameters, inputLweDimension n: Int, limits: TfheRsLimits) throws(TfheRsError) {
        try TfheRsError.mismatching("noise-squashing parameters") { () throws(TFHEError) in try p.validate() }
        let k1 = p.glweDimension.value + 1, size = p.polynomialSize.value, levels = p.decompositionLevelCount.value
        let shapes: [(String, Int, Int)] = [
            ("GLWE size", bsk.glweSize, k1), ("polynomial size", bsk.polynomialSize, size),
            ("decomposition base log", bsk.baseLog, p.decompositionBaseLog.value), ("decomposition level count", bsk.levelCount, levels),
            ("message modulus", messageModulus, p.messageModulus), ("carry modulus", carryModulus, p.carryModulus),
            ("element size", bsk.data.elementSize, 16),
        ]
        for (what, found, want) in shapes where found != want {
            throw .mismatch("the compressed noise-squashing key's \(what) is \(found), the parameters say \(want)")
        }
        switch (modulusSwitch, p.modulusSwitchType) {
        case (.standard, .standard), (.centeredMeanNoiseReduction, .centeredMeanNoiseReduction): break
        default: throw .mismatch("the compressed noise-squashing key's modulus switch is not the parameters' \(p.modulusSwitchType)")
        }
        guard n > 0, n <= limits.maxDimension else { throw .mismatch("input LWE dimension \(n) outside 1...\(limits.maxDimension)") }
        // n ≤ 2^17, L < 128, k + 1 ≤ 17, N ≤ 2^16: every product below fits in Int.
        let bodyCount = n * levels * k1 * size
        guard bsk.data.count == bodyCount, bsk.data.bytes.count == bodyCount * 16 else {
            throw .invalidField("the seeded noise-squashing key has \(bsk.data.count) body coefficients, \(bodyCount) expected for n = \(n)")
        }
    }

    /// Regenerates the masks and hands every standard-domain polynomial of the key to `body`
    /// (its index in data order — [GGSW][level L…1][row][mask polynomials, then the body] — and
    /// its N interleaved u128), on all cores; indices are disjoint across calls. The caller has
    /// checked the shape (`checkShape`).
    func forEachStandardPolynomial(parameters p: NoiseSquashingParameters, inputLweDimension n: Int,
                                   _ body: (Int, UnsafeBufferPointer<UInt64>) -> Void) throws(TfheRsError) {
        let k = p.glweDimension.value, k1 = k + 1, size = p.polynomialSize.value, levels = p.decompositionLevelCount.value
        let generator = try bsk.seed.maskGenerator()
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
                    let active = min(workers, count)
                    ParallelWork.run(workers: active) { worker in
                        var polynomial = [UInt64](repeating: 0, count: 2 * size)
                        var g = worker
                        while g < count {
                            let i = first + g
                            for rowInGgsw in 0 ..< levels * k1 {
                                let row = i * levels * k1 + rowInGgsw
                                let mask = maskBuf.baseAddress! + (g * levels * k1 + rowInGgsw) * rowMaskWords
                                for c in 0..<k {
                                    body(row * k1 + c, UnsafeBufferPointer(start: mask + c * size * 2, count: 2 * size))
                                }
                                polynomial.withUnsafeMutableBytes { dst in
                                    dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: bodyBytes[row * size * 16 ..< (row + 1) * size * 16]))
                                }
                                #if _endian(big)
                                for j in 0 ..< 2 * size { polynomial[j] = UInt64(littleEndian: polynomial[j]) }
                                #endif
                                polynomial.withUnsafeBufferPointer { body(row * k1 + k, $0) }
                            }
                            g += active
                        }
                    }
                }
            }
            start += count
        }
    }
}

extension NoiseSquashingKey {
    /// The spectra of n GGSWs (n·L·(k+1)² polynomials) filled by `fill(slots)`, within `limits`.
    private static func withSpectra(parameters p: NoiseSquashingParameters, inputLweDimension n: Int, limits: TfheRsLimits,
                                    _ fill: (Negacyclic128Engine, SharedMutablePointer<KeySpectrum>) throws(TfheRsError) -> Void) throws(TfheRsError) -> NoiseSquashingKey {
        let size = p.polynomialSize.value, k1 = p.glweDimension.value + 1, levels = p.decompositionLevelCount.value
        let engineWords = 3 * size
        let expanded = n.multipliedReportingOverflow(by: levels * k1 * k1 * engineWords * 8)
        guard !expanded.overflow, expanded.partialValue <= limits.maxExpandedSize else {
            throw .expansionLimitExceeded(size: expanded.overflow ? Int.max : expanded.partialValue, limit: limits.maxExpandedSize)
        }
        guard let engine = Negacyclic128Engine(polynomialSize: size), engine.spectrumCount == engineWords else {
            throw .mismatch("no exact u128 product for N = \(size)")
        }
        let total = n * levels * k1 * k1
        let slots = UnsafeMutablePointer<KeySpectrum>.allocate(capacity: total)
        defer { slots.deallocate() }
        // Every slot is initialized exactly once by `fill` (it visits each polynomial index once).
        try fill(engine, SharedMutablePointer(slots))
        let spectra = Array(UnsafeBufferPointer(start: slots, count: total))
        slots.deinitialize(count: total)
        return try TfheRsError.mismatching("noise-squashing key") { () throws(TFHEError) in
            try NoiseSquashingKey(parameters: p, inputLweDimension: LweDimension(n), spectra: spectra)
        }
    }

    /// The key `compressed` stands for, made for `parameters` from a compute key of LWE dimension
    /// `inputLweDimension`. `limits.maxExpandedSize` bounds the spectra (n·L·(k+1)²·3N words).
    /// - Throws: `TfheRsError.mismatch` when a shape, the moduli or the modulus switch differ
    ///   from the parameters (or the parameters are invalid), `.invalidField` for a body count
    ///   that is not the shape's, `.unsupported` for XOF seeds or other stream starts,
    ///   `.expansionLimitExceeded` for a key above the limit.
    public init(tfheRsCompressed compressed: TfheRsCompressedNoiseSquashingKey, parameters p: NoiseSquashingParameters,
                inputLweDimension: LweDimension, limits: TfheRsLimits = .key) throws(TfheRsError) {
        let n = inputLweDimension.value
        try compressed.checkShape(parameters: p, inputLweDimension: n, limits: limits)
        self = try Self.withSpectra(parameters: p, inputLweDimension: n, limits: limits) { engine, slots throws(TfheRsError) in
            try compressed.forEachStandardPolynomial(parameters: p, inputLweDimension: n) { index, polynomial in
                var ks = engine.makeKeySpectrum()
                engine.forwardKey(polynomial, into: &ks)
                (slots.pointer + index).initialize(to: ks)
            }
        }
    }

    /// `init(tfheRsCompressed:parameters:inputLweDimension:)` for the squashing parameters of a
    /// compute parameter set: also checks that they fit it (`validate(for:)`).
    public init(tfheRsCompressed compressed: TfheRsCompressedNoiseSquashingKey, parameters p: NoiseSquashingParameters,
                compute: ParameterSet, limits: TfheRsLimits = .key) throws(TfheRsError) {
        try TfheRsError.mismatching("noise-squashing parameters") { () throws(TFHEError) in try p.validate(for: compute) }
        try self.init(tfheRsCompressed: compressed, parameters: p, inputLweDimension: compute.compute.lweDimension, limits: limits)
    }

    /// The key of a standard tfhe-rs noise-squashing key (a `ServerKey`'s field or an
    /// `integer::NoiseSquashingKey` file): every Fourier128 polynomial rounded back to
    /// Z_{2^128} and transformed into our spectra, on all cores.
    /// - Throws: `TfheRsError.mismatch` when a shape, the moduli or the modulus switch differ
    ///   from the parameters, `.invalidField` for a wrong amount of data,
    ///   `.expansionLimitExceeded` for a key above the limit.
    public init(tfheRs key: TfheRsNoiseSquashingKey, parameters p: NoiseSquashingParameters,
                inputLweDimension: LweDimension, limits: TfheRsLimits = .key) throws(TfheRsError) {
        try TfheRsError.mismatching("noise-squashing parameters") { () throws(TFHEError) in try p.validate() }
        let n = inputLweDimension.value, k1 = p.glweDimension.value + 1, size = p.polynomialSize.value
        let levels = p.decompositionLevelCount.value, bsk = key.bsk
        let shapes: [(String, Int, Int)] = [
            ("input LWE dimension", bsk.inputLweDimension, n), ("GLWE size", bsk.glweSize, k1), ("polynomial size", bsk.polynomialSize, size),
            ("decomposition base log", bsk.baseLog, p.decompositionBaseLog.value), ("decomposition level count", bsk.levelCount, levels),
            ("message modulus", key.messageModulus, p.messageModulus), ("carry modulus", key.carryModulus, p.carryModulus),
        ]
        for (what, found, want) in shapes where found != want {
            throw .mismatch("the noise-squashing key's \(what) is \(found), the parameters say \(want)")
        }
        switch (key.modulusSwitch, p.modulusSwitchType) {
        case (.standard, .standard), (.centeredMeanNoiseReduction, .centeredMeanNoiseReduction): break
        default: throw .mismatch("the noise-squashing key's modulus switch is not the parameters' \(p.modulusSwitchType)")
        }
        guard n > 0, n <= limits.maxDimension else { throw .mismatch("input LWE dimension \(n) outside 1...\(limits.maxDimension)") }
        let half = size / 2, polynomials = n * levels * k1 * k1
        guard bsk.parts.count == 4, bsk.parts.allSatisfy({ $0.elementSize == 8 && $0.count == polynomials * half }) else {
            throw .invalidField("the 128-bit Fourier key holds \(bsk.parts.map(\.count)) values per part, \(polynomials * half) expected")
        }
        guard let transform = Fourier128Transform(polynomialSize: size) else { throw .mismatch("no 128-bit Fourier form for N = \(size)") }
        self = try Self.withSpectra(parameters: p, inputLweDimension: n, limits: limits) { engine, slots throws(TfheRsError) in
            let workers = ParallelWork.workerCount
            ParallelWork.run(workers: min(workers, polynomials)) { worker in
                var index = worker
                var values = [ComplexDoubleDouble](repeating: .zero, count: half)
                while index < polynomials {
                    for q in 0..<half {
                        let at = (index * half + q) * 8
                        values[q] = ComplexDoubleDouble(DoubleDouble(bsk.parts[0].double(at: at), bsk.parts[1].double(at: at)),
                                                        DoubleDouble(bsk.parts[2].double(at: at), bsk.parts[3].double(at: at)))
                    }
                    let polynomial = transform.backward(values)
                    var ks = engine.makeKeySpectrum()
                    polynomial.withUnsafeBufferPointer { engine.forwardKey($0, into: &ks) }
                    (slots.pointer + index).initialize(to: ks)
                    index += workers
                }
            }
        }
    }
}

extension TfheRsNoiseSquashingKey {
    /// tfhe-rs's `CompressedNoiseSquashingKey::decompress()`: the masks regenerated from the
    /// seed and every polynomial put in the 128-bit Fourier form, on all cores. At tfhe-rs 1.4's
    /// parameters the result holds 4·n·L·(k+1)²·N/2 doubles: 785 MB for n = 887.
    /// - Throws: as `NoiseSquashingKey(tfheRsCompressed:…)`; `.expansionLimitExceeded` when the
    ///   Fourier form exceeds `limits.maxExpandedSize`.
    public init(decompressing compressed: TfheRsCompressedNoiseSquashingKey, parameters p: NoiseSquashingParameters,
                inputLweDimension: LweDimension, limits: TfheRsLimits = .key) throws(TfheRsError) {
        let n = inputLweDimension.value
        try compressed.checkShape(parameters: p, inputLweDimension: n, limits: limits)
        let size = p.polynomialSize.value, k1 = p.glweDimension.value + 1, levels = p.decompositionLevelCount.value
        let half = size / 2, count = n * levels * k1 * k1 * half
        guard count.multipliedReportingOverflow(by: 32).partialValue <= limits.maxExpandedSize else {
            throw .expansionLimitExceeded(size: count * 32, limit: limits.maxExpandedSize)
        }
        guard let transform = Fourier128Transform(polynomialSize: size) else { throw .mismatch("no 128-bit Fourier form for N = \(size)") }
        // Four arrays of doubles, little-endian bytes as tfhe-rs writes them.
        var re0 = [UInt8](repeating: 0, count: count * 8), re1 = re0, im0 = re0, im1 = re0
        var failure: TfheRsError?
        re0.withUnsafeMutableBytes { r0 in re1.withUnsafeMutableBytes { r1 in im0.withUnsafeMutableBytes { i0 in im1.withUnsafeMutableBytes { i1 in
            let out = [r0, r1, i0, i1].map { SharedMutablePointer($0.baseAddress!.assumingMemoryBound(to: UInt64.self)) }
            do throws(TfheRsError) {
                try compressed.forEachStandardPolynomial(parameters: p, inputLweDimension: n) { index, polynomial in
                    for (q, z) in transform.forward(polynomial).enumerated() {
                        let at = index * half + q
                        out[0].pointer[at] = z.re.hi.bitPattern.littleEndian
                        out[1].pointer[at] = z.re.lo.bitPattern.littleEndian
                        out[2].pointer[at] = z.im.hi.bitPattern.littleEndian
                        out[3].pointer[at] = z.im.lo.bitPattern.littleEndian
                    }
                }
            } catch {
                failure = error
            }
        } } } }
        if let failure { throw failure }
        let parts = [re0, re1, im0, im1]
        let modulusSwitch: TfheRsModulusSwitchConfiguration = p.modulusSwitchType == .standard ? .standard : .centeredMeanNoiseReduction
        self.init(bsk: TfheRsFourier128BootstrapKey(parts: parts.map { TfheRsBulk(bytes: $0[...], elementSize: 8) }, polynomialSize: size,
                                                    inputLweDimension: n, glweSize: k1, baseLog: p.decompositionBaseLog.value,
                                                    levelCount: levels),
                  modulusSwitch: modulusSwitch, messageModulus: p.messageModulus, carryModulus: p.carryModulus)
    }
}

extension TfheRsBulk {
    /// The little-endian double at byte offset `at`.
    func double(at offset: Int) -> Double {
        bytes.withUnsafeBytes { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) }
    }
}
