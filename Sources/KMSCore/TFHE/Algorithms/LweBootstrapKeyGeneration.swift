/// Generation of bootstrapping keys (tfhe-rs `generate_lwe_bootstrap_key` followed by the
/// conversion to the Fourier domain): GGSW i encrypts bit s_i of the small key under the GLWE
/// key. Row r < k of level ℓ is a GLWE encryption of `−s_i·2^(64−B·ℓ)·S_r`, row k of the
/// constant `s_i·2^(64−B·ℓ)` (tfhe-rs's `encrypt_constant_ggsw`).
///
/// Masks are drawn from `randomness.mask` in tfhe-rs's data order — [GGSW i][level L … 1]
/// [row][mask polynomial][coefficient] — so the same stream reproduces a seeded key's masks.
/// Mask·key products are exact and branch-free (`FourierBinaryProduct`); GGSWs are encrypted
/// on all cores.
package enum LweBootstrapKeyGeneration {
    /// GGSWs whose randomness is drawn per batch (bounds the scratch memory).
    static let batchSize = 32

    /// A Fourier-domain bootstrapping key for `smallKey` under `glweKey`; `progress(done, total)`
    /// is called from the calling thread after each batch of GGSWs. With `standardBodies`
    /// (n·L·(k+1)·N words), the standard-domain body of every GGSW row is also written there, in
    /// data order: with a seeded mask stream, that is a seeded (compressed) bootstrapping key.
    package static func generateFourier(smallKey: LweSecretKey, glweKey: GlweSecretKey, decomposer: SignedDecomposer,
                                        noise: NoiseDistribution, randomness: TFHERandomness,
                                        standardBodies: UnsafeMutablePointer<UInt64>? = nil,
                                        progress: ((Int, Int) -> Void)? = nil) throws(TFHEError) -> FourierLweBootstrapKey {
        let n = smallKey.dimension, k = glweKey.glweDimension.value, size = glweKey.polynomialSize.value
        let levels = decomposer.levelCount.value, b = decomposer.baseLog.value
        let k1 = k + 1, half = size / 2
        let transform = try FourierTransform.plan(polynomialSize: size)
        let ggswValues = levels * k1 * k1 * half
        let maskWords = levels * k1 * k * size, noiseWords = levels * k1 * size
        var re = [Double](repeating: 0, count: n * ggswValues)
        var im = [Double](repeating: 0, count: n * ggswValues)
        var masks = [UInt64](repeating: 0, count: batchSize * maskWords)
        var errors = [UInt64](repeating: 0, count: batchSize * noiseWords)
        let keyCoefficients = glweKey.coefficients, keyMasks = glweKey.lwe.masks
        let workers = ParallelWork.workerCount

        var start = 0
        while start < n {
            let count = min(batchSize, n - start)
            masks.withUnsafeMutableBytes { randomness.mask.fill(UnsafeMutableRawBufferPointer(rebasing: $0[0 ..< count * maskWords * 8])) }
            #if _endian(big)
            for j in 0 ..< count * maskWords { masks[j] = UInt64(littleEndian: masks[j]) }
            #endif
            errors.withUnsafeMutableBufferPointer {
                noise.sample(into: UnsafeMutableBufferPointer(rebasing: $0[0 ..< count * noiseWords]), from: randomness.noise)
            }
            let first = start
            re.withUnsafeMutableBufferPointer { reBuf in
                im.withUnsafeMutableBufferPointer { imBuf in
                    masks.withUnsafeBufferPointer { maskBuf in
                        errors.withUnsafeBufferPointer { errorBuf in
                            keyCoefficients.withUnsafeBufferPointer { s in
                                keyMasks.withUnsafeBufferPointer { sMask in
                                    let reOut = SharedMutablePointer(reBuf.baseAddress!), imOut = SharedMutablePointer(imBuf.baseAddress!)
                                    let bodiesOut = standardBodies.map { SharedMutablePointer($0) }
                                    let active = min(workers, count)
                                    ParallelWork.run(workers: active) { worker in
                                        let products = (0..<k).map { FourierBinaryProduct(binary: s.baseAddress! + $0 * size, transform: transform) }
                                        let body = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
                                        defer { body.deallocate() }
                                        var g = worker
                                        while g < count {
                                            let i = first + g
                                            let bit = smallKey.coefficients[i]
                                            for t in 0..<levels {
                                                let factor = bit &* (1 &<< UInt64(64 - b * (levels - t)))
                                                for r in 0...k {
                                                    let row = (g * levels + t) * k1 + r
                                                    let mask = maskBuf.baseAddress! + row * k * size
                                                    body.update(from: errorBuf.baseAddress! + row * size, count: size)
                                                    for c in 0..<k { products[c].addProduct(mask + c * size, into: body) }
                                                    if r < k {
                                                        let sr = sMask.baseAddress! + r * size
                                                        for j in 0..<size { body[j] &-= factor & sr[j] }
                                                    } else {
                                                        body[0] &+= factor
                                                    }
                                                    bodiesOut?.pointer.advanced(by: ((i * levels + t) * k1 + r) * size).update(from: body, count: size)
                                                    let out = (((i * levels + t) * k1 + r) * k1) * half
                                                    for c in 0..<k {
                                                        transform.forwardTorus(mask + c * size, re: reOut.pointer + out + c * half, im: imOut.pointer + out + c * half)
                                                    }
                                                    transform.forwardTorus(body, re: reOut.pointer + out + k * half, im: imOut.pointer + out + k * half)
                                                }
                                            }
                                            g += active
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            start += count
            progress?(start, n)
        }
        return try FourierLweBootstrapKey(inputLweDimension: LweDimension(n), glweDimension: glweKey.glweDimension,
                                          polynomialSize: glweKey.polynomialSize, decomposer: decomposer, re: re, im: im)
    }
}
