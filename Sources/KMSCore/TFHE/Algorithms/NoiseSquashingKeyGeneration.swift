/// Generation of the noise-squashing key (tfhe-rs `NoiseSquashingKey::new`: a u128
/// `LweBootstrapKey` from the compute key's small LWE key to the squashing GLWE key, then its
/// conversion for the product): GGSW i encrypts bit s_i; row r < k of level ℓ is a GLWE
/// encryption of `−s_i·2^(128−B·ℓ)·S_r`, row k of the constant `s_i·2^(128−B·ℓ)`
/// (`encrypt_constant_ggsw`).
///
/// Masks are uniform u128 drawn from `randomness.mask` in tfhe-rs's data order — [GGSW i][level
/// L … 1][row][mask polynomial][coefficient], 16 little-endian bytes each — and noise from
/// `randomness.noise` in the same order, so the same streams reproduce a seeded key's masks.
/// Each mask polynomial is transformed once: that spectrum is stored and also multiplied by the
/// binary key's spectrum, so mask·key products are exact and branch-free. GGSWs are encrypted on
/// all cores.
extension NoiseSquashingKey {
    /// GGSWs whose randomness is drawn per batch (bounds the scratch memory).
    static let generationBatchSize = 16

    /// Where the GGSWs of a generation go: whole spectra (the key itself), or only the
    /// standard-domain body polynomials (a seeded key's stored part; the mask spectra are used
    /// for the products and dropped).
    package enum GenerationOutput {
        /// n·L·(k+1)² uninitialized spectrum slots, in the key's order.
        case spectra(UnsafeMutablePointer<KeySpectrum>)
        /// n·L·(k+1)·2N words: per GGSW row, its body polynomial (interleaved u128), in data order.
        case standardBodies(UnsafeMutablePointer<UInt64>)
    }

    /// Generates the noise-squashing key of `clientKey`'s small LWE key under `privateKey`.
    /// `progress(fraction)` is called from the calling thread after each batch of GGSWs.
    /// - Throws: `TFHEError.invalidParameters` when the squashing parameters are invalid or do not
    ///   fit the client key's parameters.
    public static func generate(clientKey: ClientKey, privateKey: NoiseSquashingPrivateKey,
                                randomness: TFHERandomness = .system(),
                                progress: ((Double) -> Void)? = nil) throws(TFHEError) -> NoiseSquashingKey {
        let p = privateKey.parameters
        try p.validate(for: clientKey.parameters)
        let n = clientKey.lweSecretKey.dimension, k1 = p.glweDimension.value + 1
        let total = n * p.decompositionLevelCount.value * k1 * k1
        let slots = UnsafeMutablePointer<KeySpectrum>.allocate(capacity: total)
        defer { slots.deallocate() }
        try encryptGgsws(clientKey: clientKey, privateKey: privateKey, randomness: randomness, output: .spectra(slots), progress: progress)
        let spectra = Array(UnsafeBufferPointer(start: slots, count: total))
        slots.deinitialize(count: total)
        return try NoiseSquashingKey(parameters: p, inputLweDimension: LweDimension(n), spectra: spectra)
    }

    /// Encrypts the n GGSWs of the key into `output` (sized as its case says, for the compute
    /// key's n and the squashing parameters; the caller has validated them with
    /// `validate(for:)`). Masks and noise are drawn in data order, so a seeded mask stream makes
    /// the standard bodies a tfhe-rs seeded bootstrapping key.
    package static func encryptGgsws(clientKey: ClientKey, privateKey: NoiseSquashingPrivateKey, randomness: TFHERandomness,
                                     output: GenerationOutput, progress: ((Double) -> Void)?) throws(TFHEError) {
        let p = privateKey.parameters
        let smallKey = clientKey.lweSecretKey
        let n = smallKey.dimension, k = p.glweDimension.value, size = p.polynomialSize.value
        let levels = p.decompositionLevelCount.value, b = p.decompositionBaseLog.value
        let k1 = k + 1
        guard let engine = Negacyclic128Engine(polynomialSize: size),
              let sampler = TUniform128Sampler(boundLog2: p.noiseBoundLog2) else {
            throw .invalidParameters("noise squashing: no exact u128 product for N = \(size)")
        }
        // Words per GGSW: masks L·(k+1)·k·N u128, noise L·(k+1)·N u128 (two words each).
        let maskWords = levels * k1 * k * size * 2, noiseValues = levels * k1 * size
        // The binary key polynomials as digit spectra (|d| ≤ 1), shared read-only by the workers.
        let keyDigits: [DigitSpectrum] = (0..<k).map { c in
            var ds = engine.makeDigitSpectrum()
            let digits = privateKey.glweSecretKey.coefficients[c * size ..< (c + 1) * size].map { Int64(bitPattern: $0) }
            engine.forwardDigits(digits, into: &ds)
            return ds
        }
        let keyMasks = privateKey.glweSecretKey.lwe.masks
        let workers = ParallelWork.workerCount
        let batch = generationBatchSize
        var masks = [UInt64](repeating: 0, count: batch * maskWords)
        var errors = [UInt64](repeating: 0, count: batch * noiseValues * 2)

        var start = 0
        while start < n {
            let count = min(batch, n - start)
            masks.withUnsafeMutableBytes { randomness.mask.fill(UnsafeMutableRawBufferPointer(rebasing: $0[0 ..< count * maskWords * 8])) }
            #if _endian(big)
            for j in 0 ..< count * maskWords { masks[j] = UInt64(littleEndian: masks[j]) }
            #endif
            errors.withUnsafeMutableBufferPointer { sampler.sample(count: count * noiseValues, into: $0.baseAddress!, from: randomness.noise) }
            let first = start
            masks.withUnsafeBufferPointer { maskBuf in
                errors.withUnsafeBufferPointer { errorBuf in
                    keyMasks.withUnsafeBufferPointer { sMask in
                        let spectraOut = output.spectraSlots.map { SharedMutablePointer($0) }
                        let bodiesOut = output.bodies.map { SharedMutablePointer($0) }
                        let active = min(workers, count)
                        ParallelWork.run(workers: active) { worker in
                            var acc = engine.makeAccumulator()
                            var body = [UInt64](repeating: 0, count: 2 * size)
                            var g = worker
                            while g < count {
                                let i = first + g
                                // 0 or 1; used only through multiplication and masks.
                                let bit = smallKey.coefficients[i]
                                for t in 0..<levels {
                                    let factor = (U128(1) << (128 - b * (levels - t))) &* U128(bit)
                                    for r in 0...k {
                                        let row = (g * levels + t) * k1 + r
                                        let mask = maskBuf.baseAddress! + row * k * size * 2
                                        let slot = ((i * levels + t) * k1 + r) * k1
                                        for c in 0..<k {
                                            var ks = engine.makeKeySpectrum()
                                            engine.forwardKey(UnsafeBufferPointer(start: mask + c * size * 2, count: 2 * size), into: &ks)
                                            engine.multiplyAccumulate(&acc, ks, keyDigits[c])
                                            spectraOut?.pointer.advanced(by: slot + c).initialize(to: ks)
                                        }
                                        body.withUnsafeMutableBufferPointer { bodyBuf in
                                            let bp = bodyBuf.baseAddress!
                                            bp.update(from: errorBuf.baseAddress! + row * size * 2, count: 2 * size)
                                            engine.backwardAdd(&acc, into: bodyBuf)
                                            if r < k {
                                                // −factor·S_r, coefficient by coefficient through the key's masks.
                                                let sr = sMask.baseAddress! + r * size
                                                for j in 0..<size {
                                                    let v = U128Polynomial.coefficient(UnsafePointer(bp), j)
                                                        &- U128(low: factor.low & sr[j], high: factor.high & sr[j])
                                                    bp[2 * j] = v.low
                                                    bp[2 * j + 1] = v.high
                                                }
                                            } else {
                                                let v = U128Polynomial.coefficient(UnsafePointer(bp), 0) &+ factor
                                                bp[0] = v.low
                                                bp[1] = v.high
                                            }
                                        }
                                        if let spectraOut {
                                            var bs = engine.makeKeySpectrum()
                                            body.withUnsafeBufferPointer { engine.forwardKey($0, into: &bs) }
                                            spectraOut.pointer.advanced(by: slot + k).initialize(to: bs)
                                        }
                                        bodiesOut?.pointer.advanced(by: ((i * levels + t) * k1 + r) * 2 * size).update(from: body, count: 2 * size)
                                    }
                                }
                                g += active
                            }
                        }
                    }
                }
            }
            start += count
            progress?(Double(start) / Double(n))
        }
    }
}

extension NoiseSquashingKey.GenerationOutput {
    var spectraSlots: UnsafeMutablePointer<KeySpectrum>? {
        if case .spectra(let p) = self { return p }
        return nil
    }

    var bodies: UnsafeMutablePointer<UInt64>? {
        if case .standardBodies(let p) = self { return p }
        return nil
    }
}
