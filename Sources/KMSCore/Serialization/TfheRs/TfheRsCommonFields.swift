/// Reading and writing of the small shapes every tfhe-rs object shares: ciphertext modulus,
/// noise distributions, parameter groups, unit enums and the high-level `Tag`.
///
/// Field-level sanity is enforced while reading (moduli are powers of two, dimensions within the
/// limits, decomposition parameters within 64 bits, noise that fits the samplers), so nothing
/// read here can trap later; whole-set consistency is `ParameterSet.validate()`'s job.
extension TfheRsDecoder {
    /// `CiphertextModulus<u64>` as `SerializableCiphertextModulus { modulus: u128, scalar_bits }`;
    /// only the native 2^64 modulus (`modulus` 0, 64 bits) is accepted.
    mutating func nativeCiphertextModulus() throws(TfheRsError) {
        let at = offset
        try version(TfheRsVersions.ciphertextModulus)
        let m = try u128()
        let bits = try u64()
        guard m.low == 0, m.high == 0, bits == 64 else {
            throw .unsupported("ciphertext modulus at offset \(at) is not the native 2^64 modulus (modulus \(m.high == 0 ? String(m.low) : "≥ 2^64"), \(bits)-bit scalars)")
        }
    }

    /// `DynamicDistribution<u64>`: 0 Gaussian { std, mean }, 1 TUniform { bound_log2: u32 }.
    mutating func noiseDistribution(_ what: String) throws(TfheRsError) -> NoiseDistribution {
        let at = offset
        try version(TfheRsVersions.dynamicDistribution)
        let v = try variant("DynamicDistribution", count: 2)
        let d: NoiseDistribution
        if v == 0 {
            try version(TfheRsVersions.gaussian)
            let std = try f64()
            let mean = try f64()
            d = .gaussian(standardDeviation: std, mean: mean)
        } else {
            try version(TfheRsVersions.tUniform)
            d = .tUniform(boundLog2: Int(try u32()))
        }
        guard d.isValid else { throw .invalidField("\(what) noise distribution \(d) at offset \(at) cannot be sampled") }
        return d
    }

    /// A dimension-like newtype (`LweDimension`, `PolynomialSize`, …) within `maxDimension`.
    mutating func dimension(_ name: String) throws(TfheRsError) -> Int {
        try newtype(name, max: limits.maxDimension)
    }

    /// A decomposition newtype (`DecompositionBaseLog`, `DecompositionLevelCount`) in 0…64.
    mutating func decomposition(_ name: String) throws(TfheRsError) -> Int {
        try newtype(name, max: 64)
    }

    /// `dimension`, as the parameter type the context asks for.
    mutating func dimension<T: TFHEParameter>(_ name: String) throws(TfheRsError) -> T {
        T(try newtype(name, max: limits.maxDimension))
    }

    /// `decomposition`, as the parameter type the context asks for.
    mutating func decomposition<T: TFHEParameter>(_ name: String) throws(TfheRsError) -> T {
        T(try newtype(name, max: 64))
    }

    /// A newtype within `max`, as the parameter type the context asks for.
    mutating func newtype<T: TFHEParameter>(_ name: String, max: Int) throws(TfheRsError) -> T {
        T(try newtype(name, max: max))
    }

    /// `MessageModulus` then `CarryModulus`, checked as `BlockEncoding` requires (message a
    /// power of two ≥ 2, carry a power of two ≥ 1, product ≤ 2^16) before anything uses them.
    mutating func blockModuli(at: Int) throws(TfheRsError) -> BlockEncoding {
        let message = try newtype("MessageModulus", max: BlockEncoding.maxModulusProduct)
        let carry = try newtype("CarryModulus", max: BlockEncoding.maxModulusProduct)
        do {
            return try BlockEncoding(messageModulus: message, carryModulus: carry)
        } catch {
            throw .invalidField("moduli at offset \(at): \(error)")
        }
    }

    /// `EncryptionKeyChoice`: 0 Big, 1 Small.
    mutating func encryptionKeyChoice() throws(TfheRsError) -> EncryptionKeyChoice {
        try unitEnum(TfheRsVersions.encryptionKeyChoice, count: 2) == 0 ? .big : .small
    }

    /// `PBSOrder`: 0 KeyswitchBootstrap, 1 BootstrapKeyswitch.
    mutating func pbsOrder() throws(TfheRsError) -> TfheRsPBSOrder {
        try unitEnum(TfheRsVersions.pbsOrder, count: 2) == 0 ? .keyswitchBootstrap : .bootstrapKeyswitch
    }

    /// `AtomicPatternKind` (tfhe-rs 1.2+): 0 `Standard(PBSOrder)`, 1 `KeySwitch32` (refused: its
    /// blocks live under a 32-bit small key this library does not hold).
    mutating func atomicPatternKind() throws(TfheRsError) -> TfheRsPBSOrder {
        try version(TfheRsVersions.atomicPatternKind)
        let at = offset
        guard try variant("AtomicPatternKind", count: 2) == 0 else {
            throw .unsupported("KeySwitch32 atomic pattern at offset \(at) (only the standard pattern is supported)")
        }
        return try pbsOrder()
    }

    /// The PBS order of a block: a bare `PBSOrder` before the block's version `apkFrom`, an
    /// `AtomicPatternKind` from it.
    mutating func blockPBSOrder(blockVersion v: UInt32, apkFrom: UInt32 = 1) throws(TfheRsError) -> TfheRsPBSOrder {
        v >= apkFrom ? try atomicPatternKind() : try pbsOrder()
    }

    /// `CompressionSeed`: V0 (≤ 1.5) a bare u128, first keystream byte skipped; V1 (1.6+)
    /// `AesCtrParams { SeedKind::Ctr(Seed u128), TableIndex { AesIndex u128, ByteIndex u64 } }`.
    /// Returns the 16 seed bytes (little-endian) and whether the stream starts at byte 1.
    mutating func compressionSeed() throws(TfheRsError) -> (seed: [UInt8], skipsFirstByte: Bool) {
        func bytes(_ s: (low: UInt64, high: UInt64)) -> [UInt8] {
            (0..<8).map { UInt8(truncatingIfNeeded: s.low >> UInt64(8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: s.high >> UInt64(8 * $0)) }
        }
        let v = try version(TfheRsVersions.compressionSeed)
        guard v >= 1 else { return (bytes(try u128()), true) }
        let at = offset
        try version(TfheRsVersions.aesCtrParams)
        try version(TfheRsVersions.seedKind)
        guard try variant("SeedKind", count: 2) == 0 else {
            throw .unsupported("XOF seed at offset \(at) (only AES-CTR seeds are supported)")
        }
        try version(TfheRsVersions.seed)
        let seed = bytes(try u128())
        try version(TfheRsVersions.tableIndex)
        try version(TfheRsVersions.aesIndex)
        let aes = try u128()
        try version(TfheRsVersions.byteIndex)
        let byte = try u64()
        guard aes.low == 0, aes.high == 0, byte <= 1 else {
            throw .unsupported("seed at offset \(at) starts at AES block \(aes.high == 0 ? String(aes.low) : "≥ 2^64"), byte \(byte) (only (0, 0) and (0, 1) are supported)")
        }
        return (seed, byte == 1)
    }

    /// tfhe-rs 1.4+ `ReRandomizationMetadata`: opaque bytes (empty on fresh encryptions).
    mutating func reRandomizationMetadata() throws(TfheRsError) -> [UInt8] {
        try version(TfheRsVersions.reRandomizationMetadata)
        return try byteVector(max: limits.maxTagLength)
    }

    /// The high-level `Tag` (arbitrary user bytes).
    mutating func tag() throws(TfheRsError) -> [UInt8] {
        try version(TfheRsVersions.tag)
        return try byteVector(max: limits.maxTagLength)
    }

    /// `ShortintParameterSet` holding `PBSOnly(Classic(ClassicPBSParameters))`.
    mutating func shortintParameterSet() throws(TfheRsError) -> ClassicPBSParameters {
        try version(TfheRsVersions.parameterSet)
        try version(TfheRsVersions.parameterSetInner)
        let innerAt = offset
        let inner = try variant("ShortintParameterSetInner", count: 3)
        guard inner == 0 else {
            throw .unsupported("parameter set at offset \(innerAt) uses WoPBS parameters (only PBSOnly is supported)")
        }
        return try pbsParameters()
    }

    /// `PBSParameters`: 0 Classic(ClassicPBSParameters), 1 MultiBit (refused).
    mutating func pbsParameters() throws(TfheRsError) -> ClassicPBSParameters {
        try version(TfheRsVersions.pbsParameters)
        let kindAt = offset
        let kind = try variant("PBSParameters", count: 2)
        guard kind == 0 else { throw .unsupported("multi-bit PBS parameters at offset \(kindAt) (only classic PBS is supported)") }
        return try classicPBSParameters()
    }

    /// `ClassicPBSParameters` (V1, tfhe-rs 1.0, adds the modulus-switch noise reduction option).
    mutating func classicPBSParameters() throws(TfheRsError) -> ClassicPBSParameters {
        let v = try version(TfheRsVersions.classicPBSParameters)
        let lweDimension: LweDimension = try dimension("LweDimension")
        let glweDimension: GlweDimension = try newtype("GlweDimension", max: 64)
        let polynomialSize: PolynomialSize = try dimension("PolynomialSize")
        let lweNoise = try noiseDistribution("lwe")
        let glweNoise = try noiseDistribution("glwe")
        let pbsBaseLog: DecompositionBaseLog = try decomposition("DecompositionBaseLog")
        let pbsLevel: DecompositionLevelCount = try decomposition("DecompositionLevelCount")
        let ksBaseLog: DecompositionBaseLog = try decomposition("DecompositionBaseLog")
        let ksLevel: DecompositionLevelCount = try decomposition("DecompositionLevelCount")
        let moduli = try blockModuli(at: offset)
        let maxNoiseLevel = try newtype("MaxNoiseLevel", max: Int(Int32.max))
        let log2PFail = try f64()
        try nativeCiphertextModulus()
        let keyChoice = try encryptionKeyChoice()
        var switchType = ModulusSwitchType.standard
        if v >= 2 {
            // tfhe-rs 1.3+: ModulusSwitchType { Standard, DriftTechniqueNoiseReduction(params), CenteredMeanNoiseReduction }.
            try version(TfheRsVersions.modulusSwitchType)
            switch try variant("ModulusSwitchType", count: 3) {
            case 0: switchType = .standard
            case 1: switchType = .driftTechniqueNoiseReduction(try msNoiseReductionParameters())
            default: switchType = .centeredMeanNoiseReduction
            }
        } else if v >= 1, try option() {
            switchType = .driftTechniqueNoiseReduction(try msNoiseReductionParameters())
        }
        return ClassicPBSParameters(
            lweDimension: lweDimension, glweDimension: glweDimension, polynomialSize: polynomialSize,
            lweNoiseDistribution: lweNoise, glweNoiseDistribution: glweNoise,
            pbsBaseLog: pbsBaseLog, pbsLevel: pbsLevel, ksBaseLog: ksBaseLog, ksLevel: ksLevel,
            messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus, maxNoiseLevel: maxNoiseLevel, log2PFail: log2PFail,
            encryptionKeyChoice: keyChoice, modulusSwitchType: switchType)
    }

    /// `ModulusSwitchNoiseReductionParams`.
    mutating func msNoiseReductionParameters() throws(TfheRsError) -> ModulusSwitchNoiseReduction {
        try version(TfheRsVersions.msNoiseReduction)
        let zeros = try newtype("LweCiphertextCount", max: limits.maxListLength)
        try version(TfheRsVersions.noiseEstimationMeasureBound)
        let bound = try f64()
        try version(TfheRsVersions.rSigmaFactor)
        let rSigma = try f64()
        try version(TfheRsVersions.variance)
        let variance = try f64()
        return ModulusSwitchNoiseReduction(zerosCount: zeros, msBound: bound, msRSigmaFactor: rSigma, msInputVariance: variance)
    }

    /// `CompactCiphertextListExpansionKind`: 0 RequiresCasting, 1 NoCasting(PBSOrder).
    mutating func expansionKind() throws(TfheRsError) -> CompactPublicKeyParameters.ExpansionKind {
        let v = try version(TfheRsVersions.expansionKind)
        if try variant("CompactCiphertextListExpansionKind", count: 2) == 0 { return .requiresCasting }
        // 1.6+: NoCasting(AtomicPatternKind) instead of NoCasting(PBSOrder).
        return .noCasting(try blockPBSOrder(blockVersion: v) == .keyswitchBootstrap ? .big : .small)
    }

    /// `CompactPublicKeyEncryptionParameters` (V1, tfhe-rs 0.11, adds `zk_scheme`).
    mutating func compactPkeParameters() throws(TfheRsError) -> TfheRsCompactPkeParameters {
        let v = try version(TfheRsVersions.compactPkeParameters)
        let dim: LweDimension = try dimension("LweDimension")
        let noise = try noiseDistribution("compact public key")
        let moduli = try blockModuli(at: offset)
        try nativeCiphertextModulus()
        let kind = try expansionKind()
        var zk: TfheRsCompactPkeParameters.ZkScheme?
        if v >= 1 {
            zk = TfheRsCompactPkeParameters.ZkScheme(rawValue: try unitEnum(TfheRsVersions.zkScheme, count: 3))
        }
        return TfheRsCompactPkeParameters(encryptionLweDimension: dim, encryptionNoiseDistribution: noise,
                                          messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus,
                                          expansionKind: kind, zkScheme: zk)
    }

    /// `ShortintKeySwitchingParameters`.
    mutating func keySwitchingParameters() throws(TfheRsError) -> KeySwitchingParameters {
        try version(TfheRsVersions.keySwitchingParameters)
        let base: DecompositionBaseLog = try decomposition("DecompositionBaseLog")
        let level: DecompositionLevelCount = try decomposition("DecompositionLevelCount")
        return KeySwitchingParameters(baseLog: base, level: level, destinationKey: try encryptionKeyChoice())
    }

    /// `CompressionParameters`.
    mutating func compressionParameters() throws(TfheRsError) -> CompressionParameters {
        if try version(TfheRsVersions.compressionParameters) >= 1 {
            // 1.5+: enum { Classic(ClassicCompressionParameters), MultiBit(…) }.
            let at = offset
            guard try variant("CompressionParameters", count: 2) == 0 else {
                throw .unsupported("multi-bit compression parameters at offset \(at) (only classic ones are supported)")
            }
            try version(TfheRsVersions.classicCompressionParameters)
        }
        let brLevel: DecompositionLevelCount = try decomposition("DecompositionLevelCount")
        let brBaseLog: DecompositionBaseLog = try decomposition("DecompositionBaseLog")
        let ksLevel: DecompositionLevelCount = try decomposition("DecompositionLevelCount")
        let ksBaseLog: DecompositionBaseLog = try decomposition("DecompositionBaseLog")
        let polySize: PolynomialSize = try dimension("PolynomialSize")
        let glweDim: GlweDimension = try newtype("GlweDimension", max: 64)
        let lwePerGlwe = try dimension("LweCiphertextCount")
        let storage: CiphertextModulusLog = try newtype("CiphertextModulusLog", max: 64)
        let noise = try noiseDistribution("packing key switch")
        return CompressionParameters(brLevel: brLevel, brBaseLog: brBaseLog, packingKsLevel: ksLevel, packingKsBaseLog: ksBaseLog,
                                     packingKsPolynomialSize: polySize, packingKsGlweDimension: glweDim, lwePerGlwe: lwePerGlwe,
                                     storageLogModulus: storage, packingKsKeyNoiseDistribution: noise)
    }
}

extension TfheRsEncoder {
    mutating func nativeCiphertextModulus() {
        version(TfheRsVersions.ciphertextModulus)
        u128(low: 0, high: 0)
        u64(64)
    }

    mutating func noiseDistribution(_ d: NoiseDistribution) {
        version(TfheRsVersions.dynamicDistribution)
        switch d {
        case .gaussian(let std, let mean):
            u32(0)
            version(TfheRsVersions.gaussian)
            f64(std)
            f64(mean)
        case .tUniform(let b):
            u32(1)
            version(TfheRsVersions.tUniform)
            u32(UInt32(truncatingIfNeeded: b))
        }
    }

    mutating func encryptionKeyChoice(_ c: EncryptionKeyChoice) {
        unitEnum(TfheRsVersions.encryptionKeyChoice, c == .big ? 0 : 1)
    }

    mutating func pbsOrder(_ o: TfheRsPBSOrder) {
        unitEnum(TfheRsVersions.pbsOrder, o.rawValue)
    }

    /// `AtomicPatternKind::Standard(order)`.
    mutating func atomicPatternKind(_ o: TfheRsPBSOrder) {
        version(TfheRsVersions.atomicPatternKind)
        u32(0)
        pbsOrder(o)
    }

    mutating func blockPBSOrder(_ o: TfheRsPBSOrder, blockVersion v: UInt32, apkFrom: UInt32 = 1) {
        if v >= apkFrom { atomicPatternKind(o) } else { pbsOrder(o) }
    }

    mutating func compressionSeed(_ seed: [UInt8], skipsFirstByte: Bool) {
        var low: UInt64 = 0, high: UInt64 = 0
        for i in 0..<8 {
            low |= UInt64(seed[i]) << UInt64(8 * i)
            high |= UInt64(seed[8 + i]) << UInt64(8 * i)
        }
        if version(TfheRsVersions.compressionSeed) == 0 {
            u128(low: low, high: high)
            return
        }
        version(TfheRsVersions.aesCtrParams)
        version(TfheRsVersions.seedKind)
        u32(0)
        version(TfheRsVersions.seed)
        u128(low: low, high: high)
        version(TfheRsVersions.tableIndex)
        version(TfheRsVersions.aesIndex)
        u128(low: 0, high: 0)
        version(TfheRsVersions.byteIndex)
        u64(skipsFirstByte ? 1 : 0)
    }

    mutating func reRandomizationMetadata(_ bytes: [UInt8]) {
        version(TfheRsVersions.reRandomizationMetadata)
        byteVector(bytes)
    }

    mutating func tag(_ t: [UInt8]) {
        version(TfheRsVersions.tag)
        byteVector(t)
    }

    mutating func shortintParameterSet(_ p: ClassicPBSParameters) throws(TfheRsError) {
        version(TfheRsVersions.parameterSet)
        version(TfheRsVersions.parameterSetInner)
        u32(0)  // PBSOnly
        try pbsParameters(p)
    }

    mutating func pbsParameters(_ p: ClassicPBSParameters) throws(TfheRsError) {
        version(TfheRsVersions.pbsParameters)
        u32(0)  // Classic
        try classicPBSParameters(p)
    }

    mutating func classicPBSParameters(_ p: ClassicPBSParameters) throws(TfheRsError) {
        let v = version(TfheRsVersions.classicPBSParameters)
        newtype("LweDimension", p.lweDimension)
        newtype("GlweDimension", p.glweDimension)
        newtype("PolynomialSize", p.polynomialSize)
        noiseDistribution(p.lweNoiseDistribution)
        noiseDistribution(p.glweNoiseDistribution)
        newtype("DecompositionBaseLog", p.pbsBaseLog)
        newtype("DecompositionLevelCount", p.pbsLevel)
        newtype("DecompositionBaseLog", p.ksBaseLog)
        newtype("DecompositionLevelCount", p.ksLevel)
        newtype("MessageModulus", p.messageModulus)
        newtype("CarryModulus", p.carryModulus)
        newtype("MaxNoiseLevel", p.maxNoiseLevel)
        f64(p.log2PFail)
        nativeCiphertextModulus()
        encryptionKeyChoice(p.encryptionKeyChoice)
        if v >= 2 {
            version(TfheRsVersions.modulusSwitchType)
            switch p.modulusSwitchType {
            case .standard: u32(0)
            case .driftTechniqueNoiseReduction(let m): u32(1); msNoiseReductionParameters(m)
            case .centeredMeanNoiseReduction: u32(2)
            }
        } else if v >= 1 {
            if p.modulusSwitchType == .centeredMeanNoiseReduction {
                throw .unsupported("the centered-mean modulus switch cannot be written in the \(layout) layout (tfhe-rs 1.3 or later is needed)")
            }
            option(p.modulusSwitchNoiseReduction != nil)
            if let m = p.modulusSwitchNoiseReduction { msNoiseReductionParameters(m) }
        } else if p.modulusSwitchType != .standard {
            throw .unsupported("modulus-switch noise reduction cannot be written in the \(layout) layout (tfhe-rs 1.0 or later is needed)")
        }
    }

    mutating func msNoiseReductionParameters(_ m: ModulusSwitchNoiseReduction) {
        version(TfheRsVersions.msNoiseReduction)
        newtype("LweCiphertextCount", m.zerosCount)
        version(TfheRsVersions.noiseEstimationMeasureBound)
        f64(m.msBound)
        version(TfheRsVersions.rSigmaFactor)
        f64(m.msRSigmaFactor)
        version(TfheRsVersions.variance)
        f64(m.msInputVariance)
    }

    mutating func expansionKind(_ k: CompactPublicKeyParameters.ExpansionKind) {
        let v = version(TfheRsVersions.expansionKind)
        switch k {
        case .requiresCasting: u32(0)
        case .noCasting(let c):
            u32(1)
            blockPBSOrder(c == .big ? .keyswitchBootstrap : .bootstrapKeyswitch, blockVersion: v)
        }
    }

    mutating func compactPkeParameters(_ p: TfheRsCompactPkeParameters) throws(TfheRsError) {
        let v = version(TfheRsVersions.compactPkeParameters)
        newtype("LweDimension", p.encryptionLweDimension)
        noiseDistribution(p.encryptionNoiseDistribution)
        newtype("MessageModulus", p.messageModulus)
        newtype("CarryModulus", p.carryModulus)
        nativeCiphertextModulus()
        expansionKind(p.expansionKind)
        if v >= 1 {
            unitEnum(TfheRsVersions.zkScheme, (p.zkScheme ?? .notSupported).rawValue)
        } else if let zk = p.zkScheme, zk != .notSupported {
            throw .unsupported("zero-knowledge scheme \(zk) cannot be written in the \(layout) layout (tfhe-rs 0.11 or later is needed)")
        }
    }

    mutating func keySwitchingParameters(_ p: KeySwitchingParameters) {
        version(TfheRsVersions.keySwitchingParameters)
        newtype("DecompositionBaseLog", p.baseLog)
        newtype("DecompositionLevelCount", p.level)
        encryptionKeyChoice(p.destinationKey)
    }

    mutating func compressionParameters(_ p: CompressionParameters) {
        if version(TfheRsVersions.compressionParameters) >= 1 {
            u32(0)
            version(TfheRsVersions.classicCompressionParameters)
        }
        newtype("DecompositionLevelCount", p.brLevel)
        newtype("DecompositionBaseLog", p.brBaseLog)
        newtype("DecompositionLevelCount", p.packingKsLevel)
        newtype("DecompositionBaseLog", p.packingKsBaseLog)
        newtype("PolynomialSize", p.packingKsPolynomialSize)
        newtype("GlweDimension", p.packingKsGlweDimension)
        newtype("LweCiphertextCount", p.lwePerGlwe)
        newtype("CiphertextModulusLog", p.storageLogModulus)
        noiseDistribution(p.packingKsKeyNoiseDistribution)
    }
}

/// tfhe-rs `PBSOrder`: the order of key switch and bootstrap a ciphertext expects.
package enum TfheRsPBSOrder: UInt32, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `KeyswitchBootstrap` (encrypted under the big key; fhEVM).
    case keyswitchBootstrap = 0
    /// `BootstrapKeyswitch` (encrypted under the small key).
    case bootstrapKeyswitch = 1

    /// The key the ciphertext is under.
    package var key: EncryptionKeyChoice { self == .keyswitchBootstrap ? .big : .small }

    package init(key: EncryptionKeyChoice) { self = key == .big ? .keyswitchBootstrap : .bootstrapKeyswitch }

    package var description: String { self == .keyswitchBootstrap ? "KeyswitchBootstrap" : "BootstrapKeyswitch" }
}
