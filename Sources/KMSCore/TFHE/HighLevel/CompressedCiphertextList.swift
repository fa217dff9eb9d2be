/// A list of shortint blocks compressed into modulus-switched GLWE ciphertexts — the
/// `CompressedCiphertextList` the fhEVM coprocessor stores for every handle.
///
/// tfhe-rs builds it (`compress_ciphertexts_into_list`) by multiplying each block by the message
/// modulus (moving the message into the carry bits: plaintext `m · message_modulus · Δ`), packing
/// `lwe_per_glwe` blocks per GLWE with a packing key switch to the compression key (block i →
/// coefficient i of the body), then switching the modulus to 2^`storage_log_modulus`.
///
/// Decryption here is the direct client-side path (spec tfhe.md §5.4, derived, not a tfhe-rs
/// API): decrypt the GLWE with the compression key and round coefficient `i mod lwe_per_glwe` of
/// GLWE `i / lwe_per_glwe` to the nearest multiple of `message_modulus · Δ`. It tolerates errors
/// of ± half that step (±2^60 for 2_2 parameters), more than tfhe-rs's own decompression PBS.
///
/// ```swift
/// let list = try CompressedCiphertextList.encrypt(blocks: [1, 2, 3], compressionKey: key,
///                                                 parameters: params.compression!, encoding: enc)
/// try list.blockValues(compressionKey: key)       // [1, 2, 3]
/// ```
public struct CompressedCiphertextList: Sendable, Equatable {
    package let glweCiphertexts: [ModulusSwitchedGlweCiphertext]
    package let messageModulus: Int
    package let carryModulus: Int
    /// Blocks per GLWE.
    package let lwePerGlwe: Int
    /// Number of blocks.
    package let count: Int

    /// Assembles a list, checking tfhe-rs's invariants: ⌈count / lwePerGlwe⌉ GLWEs of one shape,
    /// GLWE i holding `min(lwePerGlwe, count − i·lwePerGlwe)` bodies, `lwePerGlwe ≤ N`.
    package init(glweCiphertexts: [ModulusSwitchedGlweCiphertext], messageModulus: Int, carryModulus: Int,
                lwePerGlwe: Int, count: Int) throws(TFHEError) {
        try BlockEncoding.check(messageModulus: messageModulus, carryModulus: carryModulus)
        guard messageModulus <= carryModulus else {
            throw .ciphertextMismatch("compressed list message modulus \(messageModulus) exceeds its carry modulus \(carryModulus)")
        }
        guard lwePerGlwe > 0, count >= 0 else { throw .ciphertextMismatch("compressed list needs lwe_per_glwe > 0") }
        let expectedGlwes = (count + lwePerGlwe - 1) / lwePerGlwe
        guard glweCiphertexts.count == expectedGlwes else {
            throw .ciphertextMismatch("\(count) blocks at \(lwePerGlwe) per GLWE need \(expectedGlwes) GLWE ciphertexts, got \(glweCiphertexts.count)")
        }
        if let first = glweCiphertexts.first {
            guard lwePerGlwe <= first.polynomialSize.value else {
                throw .ciphertextMismatch("lwe_per_glwe \(lwePerGlwe) exceeds the polynomial size \(first.polynomialSize)")
            }
            for (i, g) in glweCiphertexts.enumerated() {
                guard g.glweDimension == first.glweDimension, g.polynomialSize == first.polynomialSize,
                      g.packed.logModulus == first.packed.logModulus else {
                    throw .ciphertextMismatch("GLWE \(i) of the compressed list has a different shape")
                }
                let bodies = min(lwePerGlwe, count - i * lwePerGlwe)
                guard g.bodiesCount == bodies else {
                    throw .ciphertextMismatch("GLWE \(i) of the compressed list stores \(g.bodiesCount) bodies, expected \(bodies)")
                }
            }
        }
        self.glweCiphertexts = glweCiphertexts
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
        self.lwePerGlwe = lwePerGlwe
        self.count = count
    }

    /// The block encoding (Δ and moduli) of the blocks before compression.
    package var encoding: BlockEncoding { BlockEncoding(unchecked: messageModulus, carryModulus) }

    /// The rounding step of the stored plaintexts: `message_modulus · Δ`.
    package var scale: UInt64 { encoding.delta &* UInt64(messageModulus) }

    /// The phase (on the 2^64 torus, modulus-switch error included) of every block under the
    /// compression key, in block order.
    /// - Throws: `TFHEError.keyMismatch` when the key's shape is not the GLWEs'.
    package func phases(compressionKey key: GlweSecretKey) throws(TFHEError) -> [UInt64] {
        try phases(compressionKey: key, blocks: 0..<count)
    }

    /// The phases of blocks `blocks` only: just the GLWEs holding them are unpacked.
    package func phases(compressionKey key: GlweSecretKey, blocks: Range<Int>) throws(TFHEError) -> [UInt64] {
        guard blocks.lowerBound >= 0, blocks.upperBound <= count else {
            throw .ciphertextMismatch("blocks \(blocks) of a compressed list of \(count)")
        }
        var out: [UInt64] = []
        out.reserveCapacity(blocks.count)
        guard !blocks.isEmpty else { return out }
        for g in (blocks.lowerBound / lwePerGlwe) ... ((blocks.upperBound - 1) / lwePerGlwe) {
            let glwe = glweCiphertexts[g]
            guard glwe.glweDimension == key.glweDimension, glwe.polynomialSize == key.polynomialSize else {
                throw .keyMismatch("compressed GLWE is \(glwe.glweDimension)×\(glwe.polynomialSize), compression key is \(key.glweDimension)×\(key.polynomialSize)")
            }
            let p = try GlweEncryption.phase(glwe.extract(), key: key)
            let first = g * lwePerGlwe
            let lo = max(blocks.lowerBound, first) - first, hi = min(blocks.upperBound, first + glwe.bodiesCount) - first
            out.append(contentsOf: p[lo..<hi])
        }
        return out
    }

    /// Decodes one phase: `round(p / (message_modulus·Δ)) mod carry_modulus` — what the
    /// decompression lookup table `x / message_modulus` returns.
    package func blockValue(phase p: UInt64) -> UInt64 {
        let s = scale
        return ((p &+ (s >> 1)) / s) % UInt64(carryModulus)
    }

    /// The clear value of every block (each `< message_modulus` for a well-formed list).
    package func blockValues(compressionKey key: GlweSecretKey) throws(TFHEError) -> [UInt64] {
        try phases(compressionKey: key).map(blockValue(phase:))
    }

    /// Builds a list from clear block values directly under the compression key: per GLWE, the
    /// plaintext polynomial with coefficient i = `m_i · message_modulus · Δ` is encrypted with the
    /// packing key-switch noise, then modulus-switched and packed — the same bytes tfhe-rs's
    /// packing key switch would produce, up to noise. For tests and for clients holding the key.
    package static func encrypt(blocks: [UInt64], compressionKey key: GlweSecretKey, parameters: CompressionParameters,
                               encoding: BlockEncoding, randomness: TFHERandomness = .system()) throws(TFHEError) -> CompressedCiphertextList {
        guard key.glweDimension == parameters.packingKsGlweDimension, key.polynomialSize == parameters.packingKsPolynomialSize else {
            throw .keyMismatch("compression key is \(key.glweDimension)×\(key.polynomialSize), parameters say \(parameters.packingKsGlweDimension)×\(parameters.packingKsPolynomialSize)")
        }
        let per = parameters.lwePerGlwe
        guard per > 0, per <= key.polynomialSize.value else { throw .invalidParameters("lwe_per_glwe must be in 1…N") }
        let scale = encoding.delta &* UInt64(encoding.messageModulus)
        var glwes: [ModulusSwitchedGlweCiphertext] = []
        var start = 0
        while start < blocks.count {
            let chunk = blocks[start ..< min(start + per, blocks.count)]
            var plaintext = [UInt64](repeating: 0, count: key.polynomialSize.value)
            for (i, m) in chunk.enumerated() { plaintext[i] = (m % UInt64(encoding.messageModulus)) &* scale }
            let glwe = try GlweEncryption.encrypt(plaintext, key: key, noise: parameters.packingKsKeyNoiseDistribution,
                                                  maskGenerator: randomness.mask, noiseGenerator: randomness.noise)
            glwes.append(try .compress(glwe, bodiesCount: chunk.count, logModulus: parameters.storageLogModulus))
            start += per
        }
        return try CompressedCiphertextList(glweCiphertexts: glwes, messageModulus: encoding.messageModulus,
                                            carryModulus: encoding.carryModulus, lwePerGlwe: per, count: blocks.count)
    }
}
