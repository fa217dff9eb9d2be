/// Named noise-squashing parameter sets and the checks the u128 bootstrap needs, for tfhe-rs's
/// `NoiseSquashingParameters` (declared with its codec in `TfheRsNoiseSquashingKeys.swift`): the
/// u128 GLWE key squashed ciphertexts are encrypted under, the gadget decomposition of the
/// bootstrapping key that takes a 64-bit block there, its noise, and the block moduli. The
/// ciphertext modulus is always the native 2^128.
///
/// ```swift
/// let p = NoiseSquashingParameters.v1_4_message2Carry2KsPbsTUniform2M128   // 2×2048, TU(30), 2^24×3
/// try p.validate(for: .v1_0_2m128)
/// ```
extension NoiseSquashingParameters {
    /// tfhe-rs 1.4 – 1.7 `V1_4_NOISE_SQUASHING_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128`
    /// (= `V1_5`…`V1_7_…`, 1.7's default `NOISE_SQUASHING_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128`):
    /// k = 2, N = 2048, TUniform(30), 2^24×3, centered-mean modulus switch, message 4, carry 4.
    public static let v1_4_message2Carry2KsPbsTUniform2M128 = NoiseSquashingParameters(
        glweDimension: 2, polynomialSize: 2048, glweNoiseDistribution: .tUniform(boundLog2: 30),
        decompositionBaseLog: 24, decompositionLevelCount: 3, modulusSwitchType: .centeredMeanNoiseReduction,
        messageModulus: 4, carryModulus: 4)

    /// kms-core V09's switch-and-squash set (`SwitchAndSquashParameters` of its default and
    /// 2025 parameters): k = 2, N = 2048, TUniform(27), 2^24×3, the standard modulus switch (no
    /// mean correction), message 4, carry 4. For keys made by or for kms-core V09, squashed block
    /// by block (`NoiseSquashingKey.switchAndSquash`); key directories record no squashing set, so
    /// pass it where a squashing key is loaded (`KeyStore.loadNoiseSquashingKey(parameters:)`).
    public static let kmsV09SwitchAndSquash = NoiseSquashingParameters(
        glweDimension: 2, polynomialSize: 2048, glweNoiseDistribution: .tUniform(boundLog2: 27),
        decompositionBaseLog: 24, decompositionLevelCount: 3, modulusSwitchType: .standard,
        messageModulus: 4, carryModulus: 4)

    /// **INSECURE** — a small set for fast unit tests with `ParameterSet.test`: k = 1, N = 512,
    /// TUniform(0), 2^24×3, centered mean, message 4, carry 4. Never protects anything.
    public static let test = NoiseSquashingParameters(
        glweDimension: 1, polynomialSize: 512, glweNoiseDistribution: .tUniform(boundLog2: 0),
        decompositionBaseLog: 24, decompositionLevelCount: 3, modulusSwitchType: .centeredMeanNoiseReduction,
        messageModulus: 4, carryModulus: 4)

    /// Dimension of the squashed LWE ciphertexts (k·N).
    public var lweDimension: LweDimension { LweDimension(glweDimension.value * polynomialSize.value) }

    /// Slots of the identity table: message modulus × carry modulus.
    package var boxes: Int { messageModulus * carryModulus }

    /// log2 of Δ128 = 2^128 / (2·message·carry) (the padding bit kept): 123 for 4/4.
    package var log2Delta: Int { 127 - boxes.trailingZeroBitCount }

    /// Δ128, the scaling of a message in a squashed ciphertext.
    package var delta: U128 { U128(1) << log2Delta }

    /// TUniform bound of the GLWE noise (valid sets only).
    var noiseBoundLog2: Int {
        if case .tUniform(let b) = glweNoiseDistribution { return b }
        return 0
    }

    /// Checks that the set can work: shapes the exact u128 product supports, a decomposition
    /// within 128 bits with digits it can take, TUniform noise, moduli with a padding bit and room
    /// to pack two blocks (carry ≥ message), a modulus switch we implement.
    /// - Throws: `TFHEError.invalidParameters` naming the first offending field.
    public func validate() throws(TFHEError) {
        func need(_ c: Bool, _ why: String) throws(TFHEError) { if !c { throw .invalidParameters("noise squashing: " + why) } }
        try validateForDecryption()
        let k = glweDimension.value, n = polynomialSize.value
        let b = decompositionBaseLog.value, l = decompositionLevelCount.value
        // Digits |d| ≤ 2^(B−1) must stay within the exact product's 2^31.
        try need((1...32).contains(b), "decomposition base log \(b) must be in 1...32")
        try need((1...127).contains(l) && b * l < 128, "decomposition \(b)×\(l) must stay below 128 bits")
        // One accumulator sums (k+1)·L products per output polynomial.
        try need((k + 1) * l < 1 << (25 - n.trailingZeroBitCount), "(k+1)·L = \((k + 1) * l) products exceed the exact range at N = \(n)")
        switch glweNoiseDistribution {
        case .tUniform(let bound): try need((0...126).contains(bound), "TUniform bound \(bound) must be in 0...126")
        case .gaussian: try need(false, "Gaussian noise over 2^128 is not supported (tfhe-rs's sets use TUniform)")
        }
        if case .driftTechniqueNoiseReduction = modulusSwitchType {
            try need(false, "the drift technique (tfhe-rs 1.1 – 1.3) is not supported; use centered mean (1.4+) or standard")
        }
        try need(n % boxes == 0 && n / boxes >= 2, "polynomial_size \(n) must hold \(boxes) slots of at least two coefficients")
    }

    /// What decryption alone needs: the key's shape and the block moduli (with a padding bit and
    /// room for two packed blocks). Keys made with sets `validate()` refuses (tfhe-rs 1.1 – 1.3's
    /// drift technique, Gaussian noise) still decrypt.
    /// - Throws: `TFHEError.invalidParameters` naming the first offending field.
    public func validateForDecryption() throws(TFHEError) {
        func need(_ c: Bool, _ why: String) throws(TFHEError) { if !c { throw .invalidParameters("noise squashing: " + why) } }
        let k = glweDimension.value, n = polynomialSize.value
        try need((1...16).contains(k), "glwe_dimension \(k) must be in 1...16")
        try need(n >= 2 && n <= 1 << 16 && n & (n - 1) == 0, "polynomial_size \(n) must be a power of two in 2...65536")
        do { try BlockEncoding.check(messageModulus: messageModulus, carryModulus: carryModulus) } catch {
            throw .invalidParameters("noise squashing: \(error)")
        }
        try need(carryModulus >= messageModulus, "carry modulus \(carryModulus) below message modulus \(messageModulus) cannot hold two packed blocks")
    }

    /// `validate()`, then the compute parameters' compatibility: the same block moduli and
    /// fresh ciphertexts under the big key (KS-PBS), as tfhe-rs's Standard atomic pattern.
    public func validate(for compute: ParameterSet) throws(TFHEError) {
        try validate()
        let c = compute.compute
        guard c.messageModulus == messageModulus, c.carryModulus == carryModulus else {
            throw .invalidParameters("noise squashing moduli \(messageModulus)/\(carryModulus) differ from the compute moduli \(c.messageModulus)/\(c.carryModulus)")
        }
        guard c.encryptionKeyChoice == .big else {
            throw .invalidParameters("noise squashing takes blocks under the big key (KS-PBS order)")
        }
    }
}
