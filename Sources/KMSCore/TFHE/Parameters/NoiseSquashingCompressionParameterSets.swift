/// Named noise-squashing compression sets and their checks, for tfhe-rs's
/// `NoiseSquashingCompressionParameters` (declared with its codec in
/// `TfheRsNoiseSquashingKeys.swift`): squashed blocks (u128 LWEs under the noise-squashing key)
/// are key-switched into GLWE ciphertexts of `packingKsGlweDimension × packingKsPolynomialSize`
/// under a second binary u128 key, `lwePerGlwe` blocks per GLWE, with a packing key-switching
/// key of `packingKsBaseLog × packingKsLevel` and its noise. The modulus is always 2^128.
///
/// ```swift
/// let p = NoiseSquashingCompressionParameters.v1_4_message2Carry2KsPbsTUniform2M128  // 6×1024, 2^61×1
/// try p.validate(for: .v1_4_message2Carry2KsPbsTUniform2M128)
/// ```
extension NoiseSquashingCompressionParameters {
    /// tfhe-rs 1.3 – 1.6 `V1_4_NOISE_SQUASHING_COMP_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128`
    /// (the fhEVM 1.4 meta set's): GLWE k = 6, N = 1024, 128 blocks per GLWE, packing key switch
    /// 2^61×1, TUniform(3), message 4, carry 4.
    public static let v1_4_message2Carry2KsPbsTUniform2M128 = NoiseSquashingCompressionParameters(
        packingKsLevel: 1, packingKsBaseLog: 61, packingKsPolynomialSize: 1024, packingKsGlweDimension: 6, lwePerGlwe: 128,
        packingKsKeyNoiseDistribution: .tUniform(boundLog2: 3), messageModulus: 4, carryModulus: 4)

    /// tfhe-rs 1.7 `V1_7_NOISE_SQUASHING_COMP_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128`: as
    /// the 1.4 set with a 2^41×2 packing key switch.
    public static let v1_7_message2Carry2KsPbsTUniform2M128 = NoiseSquashingCompressionParameters(
        packingKsLevel: 2, packingKsBaseLog: 41, packingKsPolynomialSize: 1024, packingKsGlweDimension: 6, lwePerGlwe: 128,
        packingKsKeyNoiseDistribution: .tUniform(boundLog2: 3), messageModulus: 4, carryModulus: 4)

    /// **INSECURE** — a small set for fast unit tests with `NoiseSquashingParameters.test`: k = 2,
    /// N = 256, 32 blocks per GLWE, 2^41×2 (two levels, so the level order is exercised),
    /// TUniform(0). Never protects anything.
    public static let test = NoiseSquashingCompressionParameters(
        packingKsLevel: 2, packingKsBaseLog: 41, packingKsPolynomialSize: 256, packingKsGlweDimension: 2, lwePerGlwe: 32,
        packingKsKeyNoiseDistribution: .tUniform(boundLog2: 0), messageModulus: 4, carryModulus: 4)

    /// Dimension of the compressed blocks once unpacked (k·N of the compression GLWE key).
    public var lweDimension: LweDimension { LweDimension(packingKsGlweDimension.value * packingKsPolynomialSize.value) }

    /// TUniform bound of the key's noise (valid sets only).
    var noiseBoundLog2: Int {
        if case .tUniform(let b) = packingKsKeyNoiseDistribution { return b }
        return 0
    }

    /// What decryption alone needs: a key shape, block moduli with a padding bit and room for two
    /// packed blocks.
    /// - Throws: `TFHEError.invalidParameters` naming the first offending field.
    public func validateForDecryption() throws(TFHEError) {
        func need(_ c: Bool, _ why: String) throws(TFHEError) { if !c { throw .invalidParameters("noise-squashing compression: " + why) } }
        let k = packingKsGlweDimension.value, n = packingKsPolynomialSize.value
        try need((1...16).contains(k), "glwe_dimension \(k) must be in 1...16")
        try need(n >= 2 && n <= 1 << 16 && n & (n - 1) == 0, "polynomial_size \(n) must be a power of two in 2...65536")
        try need((1...n).contains(lwePerGlwe), "lwe_per_glwe \(lwePerGlwe) must be in 1...\(n)")
        do { try BlockEncoding.check(messageModulus: messageModulus, carryModulus: carryModulus) } catch {
            throw .invalidParameters("noise-squashing compression: \(error)")
        }
        try need(carryModulus >= messageModulus, "carry modulus \(carryModulus) below message modulus \(messageModulus) cannot hold two packed blocks")
    }

    /// `validateForDecryption()`, then what a compression key needs: a decomposition of at most
    /// 63-bit digits within 128 bits, TUniform noise the u128 sampler takes, and a polynomial
    /// size the exact u128 product supports.
    /// - Throws: `TFHEError.invalidParameters` naming the first offending field.
    public func validate() throws(TFHEError) {
        func need(_ c: Bool, _ why: String) throws(TFHEError) { if !c { throw .invalidParameters("noise-squashing compression: " + why) } }
        try validateForDecryption()
        let b = packingKsBaseLog.value, l = packingKsLevel.value
        try need(U128Decomposer(baseLog: b, levelCount: l) != nil, "packing key switch \(b)×\(l) must have 1...63-bit digits within 128 bits")
        switch packingKsKeyNoiseDistribution {
        case .tUniform(let bound): try need((0...126).contains(bound), "TUniform bound \(bound) must be in 0...126")
        case .gaussian: try need(false, "Gaussian noise over 2^128 is not supported (tfhe-rs's sets use TUniform)")
        }
        // One GLWE encryption sums k products of a u128 mask by the binary key.
        try need(packingKsGlweDimension.value < 1 << (25 - packingKsPolynomialSize.value.trailingZeroBitCount),
                 "glwe_dimension \(packingKsGlweDimension) exceeds the exact product's range at N = \(packingKsPolynomialSize)")
    }

    /// `validate()`, then the squashing set's block moduli.
    /// - Throws: `TFHEError.invalidParameters` naming the first offending field.
    public func validate(for squashing: NoiseSquashingParameters) throws(TFHEError) {
        try validate()
        guard messageModulus == squashing.messageModulus && carryModulus == squashing.carryModulus else {
            throw .invalidParameters("noise-squashing compression: moduli \(messageModulus)/\(carryModulus) differ from the squashing moduli \(squashing.messageModulus)/\(squashing.carryModulus)")
        }
    }
}
