/// A complete TFHE parameter set: compute parameters, the dedicated compact-public-key
/// parameters with their casting key switch, and compression parameters.
///
/// Three named sets carry the exact tfhe-rs numbers; users may also build their own.
///
/// ```swift
/// let p = ParameterSet.default                    // fhEVM late 2024 (tfhe-rs 0.8–0.10)
/// let q = try ParameterSet.named("2m128")         // tfhe-rs 1.0, fhEVM 2025
/// var custom = ParameterSet.test; custom.name = "mine"; custom.compute.lweDimension = 16
/// try custom.validate()
/// ```
public struct ParameterSet: Sendable, Equatable, Hashable {
    /// A short name (`default`, `2m128`, `test`, or a user's own).
    public var name: String
    /// The tfhe-rs constant the set reproduces, for documentation and reports.
    public var tfheRsName: String
    public var compute: ClassicPBSParameters
    /// Dedicated compact-PKE parameters; `nil` means the compact public key is built from the big key.
    public var compactPublicKey: CompactPublicKeyParameters?
    /// Key switch from the compact-PKE key to the compute key (server side).
    public var castingKeySwitch: KeySwitchingParameters?
    public var compression: CompressionParameters?
    /// `false` for sets that must never protect real data.
    public var isSecure: Bool

    public init(name: String, tfheRsName: String, compute: ClassicPBSParameters,
                compactPublicKey: CompactPublicKeyParameters?, castingKeySwitch: KeySwitchingParameters?,
                compression: CompressionParameters?, isSecure: Bool) {
        self.name = name
        self.tfheRsName = tfheRsName
        self.compute = compute
        self.compactPublicKey = compactPublicKey
        self.castingKeySwitch = castingKeySwitch
        self.compression = compression
        self.isSecure = isSecure
    }

    /// fhEVM's late-2024 set (tfhe-rs 0.8–0.10, KMS V09 `BC_PARAMS_SAM_SNS` compute part):
    /// `PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M64` + `PARAM_PKE_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M64`
    /// + `PARAM_KEYSWITCH_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M64` + `COMP_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M64`.
    public static let `default` = ParameterSet(
        name: "default",
        tfheRsName: "PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M64",
        compute: ClassicPBSParameters(
            lweDimension: 887, glweDimension: 1, polynomialSize: 2048,
            lweNoiseDistribution: .tUniform(boundLog2: 46), glweNoiseDistribution: .tUniform(boundLog2: 17),
            pbsBaseLog: 22, pbsLevel: 1, ksBaseLog: 3, ksLevel: 5,
            messageModulus: 4, carryModulus: 4, maxNoiseLevel: 5, log2PFail: -64.138,
            encryptionKeyChoice: .big),
        compactPublicKey: CompactPublicKeyParameters(
            encryptionLweDimension: 1024, encryptionNoiseDistribution: .tUniform(boundLog2: 42),
            messageModulus: 4, carryModulus: 4, expansionKind: .requiresCasting, zkScheme: nil),
        castingKeySwitch: KeySwitchingParameters(baseLog: 3, level: 5, destinationKey: .small),
        compression: CompressionParameters(
            brLevel: 1, brBaseLog: 23, packingKsLevel: 4, packingKsBaseLog: 4,
            packingKsPolynomialSize: 256, packingKsGlweDimension: 4, lwePerGlwe: 256,
            storageLogModulus: 12, packingKsKeyNoiseDistribution: .tUniform(boundLog2: 42)),
        isSecure: true)

    /// tfhe-rs 1.0's default and fhEVM's 2025 set: `V1_0_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128`
    /// (with modulus-switch noise reduction) + `V1_0_PARAM_PKE_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128_ZKV2`
    /// + its casting key switch (2^4×4 → small) + `V1_0_COMP_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128`.
    public static let v1_0_2m128 = ParameterSet(
        name: "2m128",
        tfheRsName: "V1_0_PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M128",
        compute: ClassicPBSParameters(
            lweDimension: 918, glweDimension: 1, polynomialSize: 2048,
            lweNoiseDistribution: .tUniform(boundLog2: 45), glweNoiseDistribution: .tUniform(boundLog2: 17),
            pbsBaseLog: 23, pbsLevel: 1, ksBaseLog: 4, ksLevel: 4,
            messageModulus: 4, carryModulus: 4, maxNoiseLevel: 5, log2PFail: -129.15284804376165,
            encryptionKeyChoice: .big,
            modulusSwitchNoiseReduction: ModulusSwitchNoiseReduction(
                zerosCount: 1449, msBound: 288230376151711744.0, // 2^58
                msRSigmaFactor: 13.179852282053789, msInputVariance: 2.63039184094559e-07)),
        compactPublicKey: CompactPublicKeyParameters(
            encryptionLweDimension: 2048, encryptionNoiseDistribution: .tUniform(boundLog2: 17),
            messageModulus: 4, carryModulus: 4, expansionKind: .requiresCasting, zkScheme: .v2),
        castingKeySwitch: KeySwitchingParameters(baseLog: 4, level: 4, destinationKey: .small),
        compression: CompressionParameters(
            brLevel: 1, brBaseLog: 23, packingKsLevel: 3, packingKsBaseLog: 4,
            packingKsPolynomialSize: 256, packingKsGlweDimension: 4, lwePerGlwe: 256,
            storageLogModulus: 12, packingKsKeyNoiseDistribution: .tUniform(boundLog2: 43)),
        isSecure: true)

    /// **INSECURE** — a tiny set for fast unit tests only (the reference KMS's `PARAMS_TEST_BK_SNS`
    /// numbers: n = 10, N = 256, TUniform(0) noise, PKE dimension 128). Never protects anything.
    public static let test = ParameterSet(
        name: "test",
        tfheRsName: "PARAMS_TEST_BK_SNS (kms test parameters, insecure)",
        compute: ClassicPBSParameters(
            lweDimension: 10, glweDimension: 1, polynomialSize: 256,
            lweNoiseDistribution: .tUniform(boundLog2: 0), glweNoiseDistribution: .tUniform(boundLog2: 0),
            pbsBaseLog: 16, pbsLevel: 1, ksBaseLog: 14, ksLevel: 1,
            messageModulus: 4, carryModulus: 4, maxNoiseLevel: 5, log2PFail: 0,
            encryptionKeyChoice: .big),
        compactPublicKey: CompactPublicKeyParameters(
            encryptionLweDimension: 128, encryptionNoiseDistribution: .tUniform(boundLog2: 0),
            messageModulus: 4, carryModulus: 4, expansionKind: .requiresCasting, zkScheme: nil),
        castingKeySwitch: KeySwitchingParameters(baseLog: 14, level: 1, destinationKey: .small),
        compression: CompressionParameters(
            brLevel: 1, brBaseLog: 25, packingKsLevel: 1, packingKsBaseLog: 13,
            packingKsPolynomialSize: 64, packingKsGlweDimension: 2, lwePerGlwe: 32,
            storageLogModulus: 9, packingKsKeyNoiseDistribution: .tUniform(boundLog2: 0)),
        isSecure: false)

    /// The named sets, in the order the CLI lists them.
    public static let named: [ParameterSet] = [.default, .v1_0_2m128, .test]

    /// The named set called `name` (`default`, `2m128`, `test`).
    public static func named(_ name: String) throws(TFHEError) -> ParameterSet {
        guard let p = named.first(where: { $0.name == name.lowercased() }) else {
            throw .unknownParameterSet(name)
        }
        return p
    }

    /// The compact-PKE parameters in effect: the dedicated ones, or those of the big key
    /// (dimension k·N, GLWE noise) when the set has none, as tfhe-rs does.
    public var effectiveCompactPublicKey: CompactPublicKeyParameters {
        compactPublicKey ?? CompactPublicKeyParameters(
            encryptionLweDimension: compute.bigLweDimension,
            encryptionNoiseDistribution: compute.glweNoiseDistribution,
            messageModulus: compute.messageModulus, carryModulus: compute.carryModulus,
            expansionKind: .noCasting(compute.encryptionKeyChoice))
    }

    /// Checks that the set can work: positive dimensions, power-of-two sizes and moduli, a
    /// padding bit left, noise that fits the sampler.
    public func validate() throws(TFHEError) {
        func need(_ c: Bool, _ why: String) throws(TFHEError) { if !c { throw .invalidParameters(why) } }
        func pow2(_ x: Int) -> Bool { x > 0 && x & (x - 1) == 0 }
        let c = compute
        try need((1...(1 << 16)).contains(c.lweDimension.value), "lwe_dimension must be in 1...65536")
        try need((1...16).contains(c.glweDimension.value), "glwe_dimension must be in 1...16")
        try need(pow2(c.polynomialSize.value) && c.polynomialSize.value <= 1 << 16, "polynomial_size must be a power of two ≤ 65536")
        try BlockEncoding.check(messageModulus: c.messageModulus, carryModulus: c.carryModulus)
        try need(c.lweNoiseDistribution.isValid && c.glweNoiseDistribution.isValid, "noise distribution out of range")
        try need(Self.decompositionFits(c.pbsBaseLog, c.pbsLevel), "PBS decomposition must fit 64 bits")
        try need(Self.decompositionFits(c.ksBaseLog, c.ksLevel), "KS decomposition must fit 64 bits")
        if let p = compactPublicKey {
            try need(pow2(p.encryptionLweDimension.value) && p.encryptionLweDimension.value <= 1 << 16,
                     "compact public key dimension must be a power of two ≤ 65536")
            try need(p.encryptionNoiseDistribution.isValid, "compact public key noise out of range")
            do { try BlockEncoding.check(messageModulus: p.messageModulus, carryModulus: p.carryModulus) } catch {
                throw .invalidParameters("compact public key: \(error)")
            }
            try need(p.messageModulus == c.messageModulus && p.carryModulus == c.carryModulus,
                     "compact public key moduli \(p.messageModulus)/\(p.carryModulus) differ from the compute moduli \(c.messageModulus)/\(c.carryModulus)")
        }
        if let k = castingKeySwitch {
            try need(Self.decompositionFits(k.baseLog, k.level), "casting key-switch decomposition must fit 64 bits")
        }
        if let z = compression {
            try need((1...16).contains(z.packingKsGlweDimension.value) && pow2(z.packingKsPolynomialSize.value)
                     && z.packingKsPolynomialSize.value <= 1 << 16, "compression GLWE shape invalid")
            try need(Self.decompositionFits(z.brBaseLog, z.brLevel), "compression blind-rotation decomposition must fit 64 bits")
            try need(Self.decompositionFits(z.packingKsBaseLog, z.packingKsLevel),
                     "compression packing key-switch decomposition must fit 64 bits")
            try need((1...63).contains(z.storageLogModulus.value), "storage_log_modulus must be in 1...63")
            try need(z.lwePerGlwe > 0 && z.lwePerGlwe <= z.packingKsPolynomialSize.value, "lwe_per_glwe must be ≤ the packing polynomial size")
            try need(z.packingKsKeyNoiseDistribution.isValid, "compression noise out of range")
        }
    }

    /// A gadget decomposition of `level` digits of `baseLog` bits within 64 bits (each factor
    /// bounded before multiplying).
    private static func decompositionFits(_ baseLog: DecompositionBaseLog, _ level: DecompositionLevelCount) -> Bool {
        (1...64).contains(baseLog.value) && (1...64).contains(level.value) && baseLog.value * level.value <= 64
    }
}
