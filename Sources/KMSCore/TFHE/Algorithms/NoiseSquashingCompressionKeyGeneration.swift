/// Generation of the squashed-noise compression key (tfhe-rs
/// `new_noise_squashing_compression_key`: `allocate_and_generate_new_lwe_packing_keyswitch_key`
/// over u128 from the noise-squashing key, read as an LWE key, to the compression GLWE key).
/// Row (j, level ℓ) is a GLWE encryption of the constant `s_j · 2^(128 − ℓ·B)`; rows are stored
/// input coefficient major, level L first, as tfhe-rs stores them.
///
/// Masks are uniform u128 drawn from `randomness.mask` in that data order — k·N little-endian
/// u128 per row — so a seeded mask stream makes the bodies a tfhe-rs
/// `SeededLwePackingKeyswitchKey`. Noise comes from `randomness.noise`. Each mask polynomial is
/// multiplied by the binary key through the exact u128 product (branch-free in the key); rows
/// are encrypted on all cores.
extension NoiseSquashingCompressionKey {
    /// Rows whose randomness is drawn per batch (bounds the scratch memory).
    static let generationBatchRows = 64

    /// Where the rows of a generation go.
    package enum GenerationOutput {
        /// Whole GLWE ciphertexts: rows × (k+1)·N u128 (the key itself).
        case ciphertexts(UnsafeMutablePointer<UInt64>)
        /// Only each row's body polynomial: rows × N u128 (a seeded key's stored part).
        case bodies(UnsafeMutablePointer<UInt64>)
    }

    /// Generates the compression key from `squashingKey` to `compressionKey`.
    /// `progress(fraction)` is called from the calling thread after each batch of rows.
    /// - Throws: `TFHEError.invalidParameters` when the compression parameters are invalid or do
    ///   not fit the squashing parameters.
    public static func generate(squashingKey: NoiseSquashingPrivateKey, compressionKey: NoiseSquashingCompressionPrivateKey,
                                randomness: TFHERandomness = .system(),
                                progress: ((Double) -> Void)? = nil) throws(TFHEError) -> NoiseSquashingCompressionKey {
        let p = compressionKey.parameters
        try p.validate(for: squashingKey.parameters)
        let n = squashingKey.lweDimension
        var data = [UInt64](repeating: 0, count: n * p.packingKsLevel.value * rowWords(p))
        try data.withUnsafeMutableBufferPointer { buffer throws(TFHEError) in
            try encryptRows(squashingKey: squashingKey, compressionKey: compressionKey, randomness: randomness,
                            output: .ciphertexts(buffer.baseAddress!), progress: progress)
        }
        return try NoiseSquashingCompressionKey(parameters: p, inputLweDimension: n, data: data)
    }

    /// Encrypts every row into `output` (sized as its case says; the caller has validated the
    /// parameters with `validate(for:)`).
    package static func encryptRows(squashingKey: NoiseSquashingPrivateKey, compressionKey: NoiseSquashingCompressionPrivateKey,
                                    randomness: TFHERandomness, output: GenerationOutput,
                                    progress: ((Double) -> Void)?) throws(TFHEError) {
        let p = compressionKey.parameters
        let k = p.packingKsGlweDimension.value, size = p.packingKsPolynomialSize.value
        let levels = p.packingKsLevel.value, b = p.packingKsBaseLog.value
        guard let engine = Negacyclic128Engine(polynomialSize: size),
              let sampler = TUniform128Sampler(boundLog2: p.noiseBoundLog2) else {
            throw .invalidParameters("noise-squashing compression: no exact u128 product for N = \(size)")
        }
        let input = squashingKey.glweSecretKey.coefficients
        let rows = input.count * levels
        let maskWords = k * size * 2
        // The binary key polynomials as digit spectra, shared read-only by the workers.
        let keyDigits: [DigitSpectrum] = (0..<k).map { c in
            var ds = engine.makeDigitSpectrum()
            engine.forwardDigits(compressionKey.glweSecretKey.coefficients[c * size ..< (c + 1) * size].map { Int64(bitPattern: $0) },
                                 into: &ds)
            return ds
        }
        let batch = generationBatchRows
        var masks = [UInt64](repeating: 0, count: batch * maskWords)
        var errors = [UInt64](repeating: 0, count: batch * size * 2)
        let workers = ParallelWork.workerCount
        var start = 0
        while start < rows {
            let count = min(batch, rows - start)
            masks.withUnsafeMutableBytes { randomness.mask.fill(UnsafeMutableRawBufferPointer(rebasing: $0[0 ..< count * maskWords * 8])) }
            #if _endian(big)
            for x in 0 ..< count * maskWords { masks[x] = UInt64(littleEndian: masks[x]) }
            #endif
            errors.withUnsafeMutableBufferPointer { sampler.sample(count: count * size, into: $0.baseAddress!, from: randomness.noise) }
            let first = start
            masks.withUnsafeBufferPointer { maskBuf in
                errors.withUnsafeMutableBufferPointer { errorBuf in
                    let bodies = SharedMutablePointer(errorBuf.baseAddress!)
                    let active = min(workers, count)
                    ParallelWork.run(workers: active) { worker in
                        var acc = engine.makeAccumulator()
                        var ks = engine.makeKeySpectrum()
                        var g = worker
                        while g < count {
                            let row = first + g
                            let j = row / levels, level = levels - row % levels
                            let mask = maskBuf.baseAddress! + g * maskWords
                            for c in 0..<k {
                                engine.forwardKey(UnsafeBufferPointer(start: mask + c * size * 2, count: 2 * size), into: &ks)
                                engine.multiplyAccumulate(&acc, ks, keyDigits[c])
                            }
                            // body = noise + Σ_c a_c·S_c, then + s_j·2^(128 − ℓ·B) at coefficient 0.
                            let body = UnsafeMutableBufferPointer(start: bodies.pointer + g * size * 2, count: 2 * size)
                            engine.backwardAdd(&acc, into: body)
                            let v = U128(low: body[0], high: body[1]) &+ (U128(input[j]) << (128 - level * b))
                            body[0] = v.low
                            body[1] = v.high
                            g += active
                        }
                    }
                }
            }
            for g in 0..<count {
                let row = start + g
                switch output {
                case .ciphertexts(let out):
                    let dst = out + row * (maskWords + 2 * size)
                    masks.withUnsafeBufferPointer { dst.update(from: $0.baseAddress! + g * maskWords, count: maskWords) }
                    errors.withUnsafeBufferPointer { (dst + maskWords).update(from: $0.baseAddress! + g * size * 2, count: 2 * size) }
                case .bodies(let out):
                    errors.withUnsafeBufferPointer { (out + row * size * 2).update(from: $0.baseAddress! + g * size * 2, count: 2 * size) }
                }
            }
            start += count
            progress?(Double(start) / Double(rows))
        }
    }
}
