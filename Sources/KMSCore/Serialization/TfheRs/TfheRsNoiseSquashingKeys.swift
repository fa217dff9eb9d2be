/// The parameters of tfhe-rs's noise-squashing bootstrap (`NoiseSquashingParameters`, 1.1+):
/// a GLWE key over Z_{2^128} of `glweDimension × polynomialSize`, the PBS decomposition, the
/// modulus switch, and the block moduli.
///
/// Layout: V0 (1.1 – 1.2) `T[0]` · NT glwe_dimension · NT polynomial_size · DD<u128> glwe noise ·
/// NT base_log · NT level · `Opt<ModulusSwitchNoiseReductionParams>` · NT message · NT carry ·
/// CM<u128>; V1 (1.3) the same with `ModulusSwitchType`; V2 (1.4+) `T[2]` · u32 0 (Classic) ·
/// `T[0]` NoiseSquashingClassicParameters (the V1 fields).
public struct NoiseSquashingParameters: Sendable, Equatable, Hashable {
    public var glweDimension: GlweDimension
    public var polynomialSize: PolynomialSize
    /// Noise of the 128-bit GLWE encryptions (TUniform bound up to 2^126, or Gaussian).
    public var glweNoiseDistribution: NoiseDistribution
    public var decompositionBaseLog: DecompositionBaseLog
    public var decompositionLevelCount: DecompositionLevelCount
    public var modulusSwitchType: ModulusSwitchType
    public var messageModulus: Int
    public var carryModulus: Int

    public init(glweDimension: GlweDimension, polynomialSize: PolynomialSize, glweNoiseDistribution: NoiseDistribution,
                decompositionBaseLog: DecompositionBaseLog, decompositionLevelCount: DecompositionLevelCount,
                modulusSwitchType: ModulusSwitchType, messageModulus: Int, carryModulus: Int) {
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.glweNoiseDistribution = glweNoiseDistribution
        self.decompositionBaseLog = decompositionBaseLog
        self.decompositionLevelCount = decompositionLevelCount
        self.modulusSwitchType = modulusSwitchType
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }
}

/// tfhe-rs's `NoiseSquashingCompressionParameters` (1.3+): packing of squashed ciphertexts.
/// Named sets and checks in `NoiseSquashingCompressionParameterSets.swift`.
public struct NoiseSquashingCompressionParameters: Sendable, Equatable, Hashable {
    /// Levels of the packing key switch's decomposition.
    public var packingKsLevel: DecompositionLevelCount
    /// Bits per digit of the packing key switch.
    public var packingKsBaseLog: DecompositionBaseLog
    /// N of the compression GLWE key.
    public var packingKsPolynomialSize: PolynomialSize
    /// k of the compression GLWE key.
    public var packingKsGlweDimension: GlweDimension
    /// Squashed blocks packed into one GLWE (at most N).
    public var lwePerGlwe: Int
    /// Noise of the packing key-switching key's encryptions.
    public var packingKsKeyNoiseDistribution: NoiseDistribution
    /// Moduli of the original 64-bit blocks.
    public var messageModulus: Int
    public var carryModulus: Int

    /// A set of these fields as given; `validate()` / `validate(for:)` check it before use.
    public init(packingKsLevel: DecompositionLevelCount, packingKsBaseLog: DecompositionBaseLog,
                packingKsPolynomialSize: PolynomialSize, packingKsGlweDimension: GlweDimension, lwePerGlwe: Int,
                packingKsKeyNoiseDistribution: NoiseDistribution, messageModulus: Int, carryModulus: Int) {
        self.packingKsLevel = packingKsLevel
        self.packingKsBaseLog = packingKsBaseLog
        self.packingKsPolynomialSize = packingKsPolynomialSize
        self.packingKsGlweDimension = packingKsGlweDimension
        self.lwePerGlwe = lwePerGlwe
        self.packingKsKeyNoiseDistribution = packingKsKeyNoiseDistribution
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }
}

/// A binary GLWE secret key over Z_{2^128} as tfhe-rs stores it (`GlweSecretKey<u128>`): the
/// coefficients are 0 or 1, kept here as words.
package struct TfheRsGlweSecretKey128: Sendable, Equatable {
    package var coefficients: [UInt64]
    package var polynomialSize: Int

    package var glweDimension: Int { coefficients.count / max(polynomialSize, 1) }
}

/// The optional private keys a tfhe-rs 1.x `ClientKey` may carry besides the compute keys: the
/// noise-squashing private key (1.1+), its compression private key (1.3+), the re-randomization
/// parameters (1.4+) and the OPRF private key (1.6+). Read and written field for field, so an
/// imported key re-encodes byte for byte; not used for decryption yet.
package struct TfheRsClientKeyExtensions: Sendable, Equatable {
    package var noiseSquashingKey: (key: TfheRsGlweSecretKey128, parameters: NoiseSquashingParameters)?
    package var noiseSquashingCompressionKey: (key: TfheRsGlweSecretKey128, parameters: NoiseSquashingCompressionParameters)?
    /// 1.4 – 1.5: `Option<ShortintKeySwitchingParameters>`.
    package var reRandomizationKeySwitch: KeySwitchingParameters?
    /// 1.6+: `Option<ReRandomizationParameters>`: `.some(nil)` is `DerivedCPKWithoutKeySwitch`,
    /// `.some(params)` `LegacyDedicatedCPKWithKeySwitch`.
    package var reRandomization: KeySwitchingParameters??
    /// 1.6+: the OPRF private key (`Standard(LweSecretKey<u64>)`).
    package var oprfKey: LweSecretKey?

    package init() {}

    package static func == (a: Self, b: Self) -> Bool {
        a.noiseSquashingKey?.key == b.noiseSquashingKey?.key && a.noiseSquashingKey?.parameters == b.noiseSquashingKey?.parameters
            && a.noiseSquashingCompressionKey?.key == b.noiseSquashingCompressionKey?.key
            && a.noiseSquashingCompressionKey?.parameters == b.noiseSquashingCompressionKey?.parameters
            && a.reRandomizationKeySwitch == b.reRandomizationKeySwitch && a.reRandomization == b.reRandomization
            && a.oprfKey?.coefficients == b.oprfKey?.coefficients
    }

    /// Whether nothing is present.
    package var isEmpty: Bool {
        noiseSquashingKey == nil && noiseSquashingCompressionKey == nil && reRandomizationKeySwitch == nil
            && reRandomization == nil && oprfKey == nil
    }
}

extension TfheRsDecoder {
    /// The 128-bit native `CiphertextModulus<u128>` (modulus 0, 128-bit scalars).
    mutating func nativeCiphertextModulus128() throws(TfheRsError) {
        let at = offset
        try version(TfheRsVersions.ciphertextModulus)
        let m = try u128()
        let bits = try u64()
        guard m.low == 0, m.high == 0, bits == 128 else {
            throw .unsupported("ciphertext modulus at offset \(at) is not the native 2^128 modulus")
        }
    }

    /// `DynamicDistribution<u128>` (TUniform bounds up to 2^126 are representable).
    mutating func noiseDistribution128(_ what: String) throws(TfheRsError) -> NoiseDistribution {
        let at = offset
        try version(TfheRsVersions.dynamicDistribution)
        if try variant("DynamicDistribution", count: 2) == 0 {
            try version(TfheRsVersions.gaussian)
            let std = try f64(), mean = try f64()
            guard std.isFinite, mean.isFinite, std >= 0 else { throw .invalidField("\(what) Gaussian noise at offset \(at)") }
            return .gaussian(standardDeviation: std, mean: mean)
        }
        try version(TfheRsVersions.tUniform)
        let b = try u32()
        guard b <= 126 else { throw .invalidField("\(what) TUniform bound 2^\(b) at offset \(at) does not fit 128 bits") }
        return .tUniform(boundLog2: Int(b))
    }

    /// `GlweSecretKey<u128>`: `Vec<u128>` of 0/1 coefficients and N.
    mutating func glweSecretKey128(_ what: String) throws(TfheRsError) -> TfheRsGlweSecretKey128 {
        let at = offset
        try version(TfheRsVersions.glweSecretKey)
        let n = try vecLength("\(what) length", max: min(limits.maxDimension, remaining / 16))
        var coefficients = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let c = try u128()
            guard c.high == 0, c.low <= 1 else { throw .invalidField("\(what) at offset \(at) is not binary") }
            coefficients[i] = c.low
        }
        let size = try dimension("PolynomialSize")
        guard size > 0, n > 0, n % size == 0 else {
            throw .invalidField("\(what) at offset \(at): \(n) coefficients is not a whole number of polynomials of size \(size)")
        }
        return TfheRsGlweSecretKey128(coefficients: coefficients, polynomialSize: size)
    }

    mutating func noiseSquashingParameters() throws(TfheRsError) -> NoiseSquashingParameters {
        let v = try version(TfheRsVersions.noiseSquashingParameters)
        if v >= 2 {
            let at = offset
            guard try variant("NoiseSquashingParameters", count: 2) == 0 else {
                throw .unsupported("multi-bit noise-squashing parameters at offset \(at)")
            }
            try version(TfheRsVersions.noiseSquashingClassicParameters)
        }
        let k: GlweDimension = try newtype("GlweDimension", max: 64)
        let n: PolynomialSize = try dimension("PolynomialSize")
        let noise = try noiseDistribution128("noise-squashing GLWE")
        let base: DecompositionBaseLog = try newtype("DecompositionBaseLog", max: 128)
        let level: DecompositionLevelCount = try newtype("DecompositionLevelCount", max: 128)
        var switchType = ModulusSwitchType.standard
        if v >= 1 {
            try version(TfheRsVersions.modulusSwitchType)
            switch try variant("ModulusSwitchType", count: 3) {
            case 0: switchType = .standard
            case 1: switchType = .driftTechniqueNoiseReduction(try msNoiseReductionParameters())
            default: switchType = .centeredMeanNoiseReduction
            }
        } else if try option() {
            switchType = .driftTechniqueNoiseReduction(try msNoiseReductionParameters())
        }
        let moduli = try blockModuli(at: offset)
        try nativeCiphertextModulus128()
        return NoiseSquashingParameters(glweDimension: k, polynomialSize: n, glweNoiseDistribution: noise,
                                        decompositionBaseLog: base, decompositionLevelCount: level, modulusSwitchType: switchType,
                                        messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus)
    }

    mutating func noiseSquashingCompressionParameters() throws(TfheRsError) -> NoiseSquashingCompressionParameters {
        try version(TfheRsVersions.noiseSquashingCompressionParameters)
        let level: DecompositionLevelCount = try newtype("DecompositionLevelCount", max: 128)
        let base: DecompositionBaseLog = try newtype("DecompositionBaseLog", max: 128)
        let n: PolynomialSize = try dimension("PolynomialSize")
        let k: GlweDimension = try newtype("GlweDimension", max: 64)
        let per = try dimension("LweCiphertextCount")
        let noise = try noiseDistribution128("noise-squashing compression")
        let moduli = try blockModuli(at: offset)
        try nativeCiphertextModulus128()
        return NoiseSquashingCompressionParameters(packingKsLevel: level, packingKsBaseLog: base, packingKsPolynomialSize: n,
                                                   packingKsGlweDimension: k, lwePerGlwe: per, packingKsKeyNoiseDistribution: noise,
                                                   messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus)
    }

    /// The optional fields `IntegerClientKey` version `v` carries after the compression key.
    mutating func clientKeyExtensions(integerClientKeyVersion v: UInt32) throws(TfheRsError) -> TfheRsClientKeyExtensions {
        var x = TfheRsClientKeyExtensions()
        if v >= 4, try option() {
            try version(TfheRsVersions.integerNoiseSquashingPrivateKey)
            try version(TfheRsVersions.shortintNoiseSquashingPrivateKey)
            let key = try glweSecretKey128("noise-squashing secret key")
            let p = try noiseSquashingParameters()
            guard key.polynomialSize == p.polynomialSize.value, key.glweDimension == p.glweDimension.value else {
                throw .invalidField("noise-squashing secret key is \(key.glweDimension)×\(key.polynomialSize); its parameters say \(p.glweDimension)×\(p.polynomialSize)")
            }
            x.noiseSquashingKey = (key, p)
        }
        if v >= 5, try option() {
            try version(TfheRsVersions.integerNoiseSquashingCompressionPrivateKey)
            try version(TfheRsVersions.shortintNoiseSquashingCompressionPrivateKey)
            let key = try glweSecretKey128("noise-squashing compression secret key")
            let p = try noiseSquashingCompressionParameters()
            guard key.polynomialSize == p.packingKsPolynomialSize.value, key.glweDimension == p.packingKsGlweDimension.value else {
                throw .invalidField("noise-squashing compression secret key does not have its parameters' shape")
            }
            x.noiseSquashingCompressionKey = (key, p)
        }
        if v == 6, try option() { x.reRandomizationKeySwitch = try keySwitchingParameters() }
        if v >= 7 {
            if try option() {
                try version(TfheRsVersions.reRandomizationParameters)
                x.reRandomization = try variant("ReRandomizationParameters", count: 2) == 0 ? .some(try keySwitchingParameters()) : .some(nil)
            }
        }
        if v >= 8, try option() {
            try version(TfheRsVersionRule("integer::OprfPrivateKey"))
            try version(TfheRsVersionRule("shortint::OprfPrivateKey"))
            try version(TfheRsVersionRule("AtomicPatternOprfPrivateKey"))
            let at = offset
            guard try variant("AtomicPatternOprfPrivateKey", count: 2) == 0 else {
                throw .unsupported("KeySwitch32 OPRF private key at offset \(at)")
            }
            x.oprfKey = try lweSecretKey("OPRF secret key")
        }
        return x
    }
}

extension TfheRsEncoder {
    mutating func nativeCiphertextModulus128() {
        version(TfheRsVersions.ciphertextModulus)
        u128(low: 0, high: 0)
        u64(128)
    }

    mutating func glweSecretKey128(_ k: TfheRsGlweSecretKey128) {
        version(TfheRsVersions.glweSecretKey)
        count(k.coefficients.count)
        for c in k.coefficients { u128(low: c, high: 0) }
        newtype("PolynomialSize", k.polynomialSize)
    }

    mutating func noiseSquashingParameters(_ p: NoiseSquashingParameters) throws(TfheRsError) {
        let v = version(TfheRsVersions.noiseSquashingParameters)
        if v >= 2 {
            u32(0)
            version(TfheRsVersions.noiseSquashingClassicParameters)
        }
        newtype("GlweDimension", p.glweDimension)
        newtype("PolynomialSize", p.polynomialSize)
        noiseDistribution(p.glweNoiseDistribution)
        newtype("DecompositionBaseLog", p.decompositionBaseLog)
        newtype("DecompositionLevelCount", p.decompositionLevelCount)
        if v >= 1 {
            version(TfheRsVersions.modulusSwitchType)
            switch p.modulusSwitchType {
            case .standard: u32(0)
            case .driftTechniqueNoiseReduction(let m): u32(1); msNoiseReductionParameters(m)
            case .centeredMeanNoiseReduction: u32(2)
            }
        } else {
            if p.modulusSwitchType == .centeredMeanNoiseReduction {
                throw .unsupported("the centered-mean modulus switch cannot be written in the \(layout) layout")
            }
            option(p.modulusSwitchType != .standard)
            if case .driftTechniqueNoiseReduction(let m) = p.modulusSwitchType { msNoiseReductionParameters(m) }
        }
        newtype("MessageModulus", p.messageModulus)
        newtype("CarryModulus", p.carryModulus)
        nativeCiphertextModulus128()
    }

    mutating func noiseSquashingCompressionParameters(_ p: NoiseSquashingCompressionParameters) {
        version(TfheRsVersions.noiseSquashingCompressionParameters)
        newtype("DecompositionLevelCount", p.packingKsLevel)
        newtype("DecompositionBaseLog", p.packingKsBaseLog)
        newtype("PolynomialSize", p.packingKsPolynomialSize)
        newtype("GlweDimension", p.packingKsGlweDimension)
        newtype("LweCiphertextCount", p.lwePerGlwe)
        noiseDistribution(p.packingKsKeyNoiseDistribution)
        newtype("MessageModulus", p.messageModulus)
        newtype("CarryModulus", p.carryModulus)
        nativeCiphertextModulus128()
    }

    mutating func clientKeyExtensions(_ x: TfheRsClientKeyExtensions, integerClientKeyVersion v: UInt32) throws(TfheRsError) {
        guard v >= 4 || x.isEmpty else {
            throw .unsupported("noise-squashing and later client-key fields cannot be written in the \(layout) layout")
        }
        if v >= 4 {
            option(x.noiseSquashingKey != nil)
            if let (key, p) = x.noiseSquashingKey {
                version(TfheRsVersions.integerNoiseSquashingPrivateKey)
                version(TfheRsVersions.shortintNoiseSquashingPrivateKey)
                glweSecretKey128(key)
                try noiseSquashingParameters(p)
            }
        }
        if v >= 5 {
            option(x.noiseSquashingCompressionKey != nil)
            if let (key, p) = x.noiseSquashingCompressionKey {
                version(TfheRsVersions.integerNoiseSquashingCompressionPrivateKey)
                version(TfheRsVersions.shortintNoiseSquashingCompressionPrivateKey)
                glweSecretKey128(key)
                noiseSquashingCompressionParameters(p)
            }
        }
        if v == 6 {
            option(x.reRandomizationKeySwitch != nil)
            if let p = x.reRandomizationKeySwitch { keySwitchingParameters(p) }
        }
        if v >= 7 {
            option(x.reRandomization != nil)
            if let r = x.reRandomization {
                version(TfheRsVersions.reRandomizationParameters)
                if let p = r { u32(0); keySwitchingParameters(p) } else { u32(1) }
            }
        }
        if v >= 8 {
            option(x.oprfKey != nil)
            if let k = x.oprfKey {
                version(TfheRsVersionRule("integer::OprfPrivateKey"))
                version(TfheRsVersionRule("shortint::OprfPrivateKey"))
                version(TfheRsVersionRule("AtomicPatternOprfPrivateKey"))
                u32(0)
                lweSecretKey(k)
            }
        }
    }
}
