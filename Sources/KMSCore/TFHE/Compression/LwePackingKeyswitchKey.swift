/// An LWE-to-GLWE packing key-switching key and the packing key switch (tfhe-rs
/// `LwePackingKeyswitchKey`, `keyswitch_lwe_ciphertext_list_and_pack_in_glwe_ciphertext`): the
/// server-side half of ciphertext compression. LWE ciphertext i (under the input key) becomes
/// coefficient i of one GLWE ciphertext under the output (compression) key.
///
/// For input coefficient j and level l (1 = most significant), the key holds a GLWE encryption of
/// the constant polynomial `s_j · 2^(64 − l·B)`. Switching subtracts, for every mask coefficient
/// `a_j` rounded to B·L bits and decomposed into balanced digits `d_l`, `Σ_l d_l · KSK[j][l]` from
/// the trivial GLWE holding the body — leaving phase `b − ⟨a, s⟩` plus key-switch noise.
///
/// ```swift
/// let pksk = try LwePackingKeyswitchKey.generate(inputKey: ck.bigLweSecretKey, outputKey: ck.compressionKey!,
///                                                baseLog: 4, levelCount: 4, noise: .tUniform(boundLog2: 42))
/// let glwe = try pksk.keyswitchAndPack(blocks)      // coefficient i = phase of block i
/// ```
///
/// Holds no secret (only encryptions); a real one is large (2048 · L GLWE ciphertexts).
public struct LwePackingKeyswitchKey: Sendable {
    public let inputDimension: Int
    public let glweDimension: Int
    public let polynomialSize: Int
    public let baseLog: Int
    public let levelCount: Int
    /// `inputDimension · levelCount` GLWE ciphertexts of `(k+1)·N` words, input coefficient major,
    /// level 1 first.
    let data: [UInt64]

    /// Words per GLWE ciphertext.
    var glweSize: Int { (glweDimension + 1) * polynomialSize }

    /// Generates a key switching from `inputKey` to `outputKey`.
    public static func generate(inputKey: LweSecretKey, outputKey: GlweSecretKey, baseLog: Int, levelCount: Int,
                                noise: NoiseDistribution, randomness: TFHERandomness = .system()) throws(TFHEError) -> LwePackingKeyswitchKey {
        guard baseLog > 0, levelCount > 0, baseLog * levelCount < 64 else {
            throw .invalidParameters("packing key switch decomposition 2^\(baseLog)×\(levelCount) must use 1…63 bits")
        }
        let n = outputKey.polynomialSize
        let size = (outputKey.glweDimension + 1) * n
        var data: [UInt64] = []
        data.reserveCapacity(inputKey.dimension * levelCount * size)
        var plaintext = [UInt64](repeating: 0, count: n)
        for s in inputKey.coefficients {
            for level in 1...levelCount {
                plaintext[0] = s << UInt64(64 - level * baseLog)
                data += try GlweEncryption.encrypt(plaintext, key: outputKey, noise: noise,
                                                   maskGenerator: randomness.mask, noiseGenerator: randomness.noise)
            }
        }
        return LwePackingKeyswitchKey(inputDimension: inputKey.dimension, glweDimension: outputKey.glweDimension,
                                      polynomialSize: n, baseLog: baseLog, levelCount: levelCount, data: data)
    }

    /// The balanced digits of `x` rounded to `baseLog · levelCount` bits, level 1 first:
    /// `Σ_l d_l · 2^(64 − l·B) ≡ round(x)`, each `|d_l| ≤ 2^(B−1)`.
    func decompose(_ x: UInt64, into digits: inout [Int64]) {
        let bits = baseLog * levelCount
        var state = (x &+ (1 << UInt64(63 - bits))) >> UInt64(64 - bits)
        let mask: UInt64 = (1 << UInt64(baseLog)) - 1
        let half: UInt64 = 1 << UInt64(baseLog - 1)
        for level in stride(from: levelCount, through: 1, by: -1) {
            var d = state & mask
            state >>= UInt64(baseLog)
            if d > half || (d == half && state & 1 == 1) {
                // Balanced digit: d − 2^B, carrying one into the next level.
                state &+= 1
                d = d &- (1 << UInt64(baseLog))
            }
            digits[level - 1] = Int64(bitPattern: d)
        }
    }

    /// Switches each LWE ciphertext of `list` (at most N of them, under the input key) into
    /// coefficient i of one GLWE ciphertext under the output key.
    public func keyswitchAndPack(_ list: LweCiphertextList) throws(TFHEError) -> [UInt64] {
        guard list.lweDimension == inputDimension else {
            throw .keyMismatch("LWE dimension \(list.lweDimension) but the packing key switches from dimension \(inputDimension)")
        }
        guard list.count <= polynomialSize else {
            throw .ciphertextMismatch("cannot pack \(list.count) ciphertexts into polynomials of size \(polynomialSize)")
        }
        let k = glweDimension, n = polynomialSize, size = glweSize
        var out = [UInt64](repeating: 0, count: size)
        var one = [UInt64](repeating: 0, count: size)
        var digits = [Int64](repeating: 0, count: levelCount)
        data.withUnsafeBufferPointer { ksk in
            list.data.withUnsafeBufferPointer { lwe in
                for i in 0..<list.count {
                    let ct = lwe.baseAddress! + i * (inputDimension + 1)
                    for w in 0..<size { one[w] = 0 }
                    one[k * n] = ct[inputDimension]
                    for j in 0..<inputDimension {
                        decompose(ct[j], into: &digits)
                        for l in 0..<levelCount where digits[l] != 0 {
                            let d = UInt64(bitPattern: digits[l])
                            let row = ksk.baseAddress! + (j * levelCount + l) * size
                            for w in 0..<size { one[w] &-= d &* row[w] }
                        }
                    }
                    // out += one · X^i, polynomial by polynomial (negacyclic).
                    for p in 0...k {
                        one.withUnsafeBufferPointer { src in
                            out.withUnsafeMutableBufferPointer { dst in
                                NegacyclicPolynomial.addRotated(dst.baseAddress! + p * n, src.baseAddress! + p * n, shift: i, size: n)
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

extension CompressedCiphertextList {
    /// Compresses LWE blocks as tfhe-rs's `compress_ciphertexts_into_list` does: each block is
    /// multiplied by the message modulus, `lwe_per_glwe` blocks at a time are packing-key-switched
    /// into a GLWE, which is modulus-switched to 2^`storage_log_modulus` and packed.
    /// - Parameter blocks: fresh blocks (empty carries) under the packing key's input key.
    public static func compress(_ blocks: LweCiphertextList, packingKey: LwePackingKeyswitchKey,
                                parameters: CompressionParameters, encoding: BlockEncoding) throws(TFHEError) -> CompressedCiphertextList {
        let per = parameters.lwePerGlwe
        guard per > 0, per <= packingKey.polynomialSize else { throw .invalidParameters("lwe_per_glwe must be in 1…N") }
        let size = blocks.lweSize
        let factor = UInt64(encoding.messageModulus)
        var glwes: [ModulusSwitchedGlweCiphertext] = []
        var start = 0
        while start < blocks.count {
            let end = min(start + per, blocks.count)
            let scaled = blocks.data[start * size ..< end * size].map { $0 &* factor }
            let chunk = LweCiphertextList(trusted: blocks.lweDimension, scaled)
            let glwe = try packingKey.keyswitchAndPack(chunk)
            glwes.append(try .compress(glwe, glweDimension: packingKey.glweDimension, polynomialSize: packingKey.polynomialSize,
                                       bodiesCount: end - start, logModulus: parameters.storageLogModulus))
            start = end
        }
        return try CompressedCiphertextList(glweCiphertexts: glwes, messageModulus: encoding.messageModulus,
                                            carryModulus: encoding.carryModulus, lwePerGlwe: per, count: blocks.count)
    }
}
