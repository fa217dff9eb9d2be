/// Native-format encoding of a `ParameterSet`, so keys made with user-built parameters load
/// back exactly. Layout (bincode): name String, tfhe-rs name String, is_secure bool, compute
/// fields in `ClassicPBSParameters` order (dimensions as u64, noise as `u32 variant ‖ payload`,
/// log2_p_fail f64, key choice u32, Option ms-noise-reduction), then `Option` compact-PKE params,
/// `Option` casting key switch, `Option` compression params.
enum ParameterSetCoding {
    static func write(_ p: ParameterSet, to w: inout BincodeWriter) {
        w.write(p.name)
        w.write(p.tfheRsName)
        w.write(p.isSecure)
        let c = p.compute
        for v in [c.lweDimension.value, c.glweDimension.value, c.polynomialSize.value] { w.write(UInt64(v)) }
        writeNoise(c.lweNoiseDistribution, &w)
        writeNoise(c.glweNoiseDistribution, &w)
        for v in [c.pbsBaseLog.value, c.pbsLevel.value, c.ksBaseLog.value, c.ksLevel.value, c.messageModulus, c.carryModulus, c.maxNoiseLevel] {
            w.write(UInt64(v))
        }
        w.write(c.log2PFail)
        w.write(c.encryptionKeyChoice.rawValue)
        // Modulus switch: u8 0 standard, 1 drift noise reduction + its parameters (the bytes of
        // the former Option), 2 centered mean.
        switch c.modulusSwitchType {
        case .standard: w.write(UInt8(0))
        case .driftTechniqueNoiseReduction(let m):
            w.write(UInt8(1))
            w.write(UInt64(m.zerosCount)); w.write(m.msBound); w.write(m.msRSigmaFactor); w.write(m.msInputVariance)
        case .centeredMeanNoiseReduction: w.write(UInt8(2))
        }
        w.writeOptionTag(p.compactPublicKey != nil)
        if let k = p.compactPublicKey {
            w.write(UInt64(k.encryptionLweDimension.value))
            writeNoise(k.encryptionNoiseDistribution, &w)
            w.write(UInt64(k.messageModulus)); w.write(UInt64(k.carryModulus))
            switch k.expansionKind {
            case .requiresCasting: w.write(UInt32(0))
            case .noCasting(let order): w.write(UInt32(1)); w.write(order.rawValue)
            }
            w.writeOptionTag(k.zkScheme != nil)
            if let z = k.zkScheme { w.write(z.rawValue) }
        }
        w.writeOptionTag(p.castingKeySwitch != nil)
        if let s = p.castingKeySwitch {
            w.write(UInt64(s.baseLog.value)); w.write(UInt64(s.level.value)); w.write(s.destinationKey.rawValue)
        }
        w.writeOptionTag(p.compression != nil)
        if let z = p.compression {
            for v in [z.brLevel.value, z.brBaseLog.value, z.packingKsLevel.value, z.packingKsBaseLog.value, z.packingKsPolynomialSize.value,
                      z.packingKsGlweDimension.value, z.lwePerGlwe, z.storageLogModulus.value] { w.write(UInt64(v)) }
            writeNoise(z.packingKsKeyNoiseDistribution, &w)
        }
    }

    static func read(_ r: inout BincodeReader) throws(SerializationError) -> ParameterSet {
        let name = try r.readString(max: 256)
        let tfheRsName = try r.readString(max: 256)
        let secure = try r.readBool()
        let lwe = try small(&r, "lwe_dimension"), glwe = try small(&r, "glwe_dimension"), poly = try small(&r, "polynomial_size")
        let lweNoise = try readNoise(&r), glweNoise = try readNoise(&r)
        var ints = [Int]()
        for what in ["pbs_base_log", "pbs_level", "ks_base_log", "ks_level", "message_modulus", "carry_modulus", "max_noise_level"] {
            ints.append(try small(&r, what))
        }
        let pFail = try r.readDouble()
        let choice = try keyChoice(&r)
        let switchTag: UInt8 = try r.read()
        let switchType: ModulusSwitchType
        switch switchTag {
        case 0: switchType = .standard
        case 1:
            switchType = .driftTechniqueNoiseReduction(ModulusSwitchNoiseReduction(
                zerosCount: try small(&r, "zeros_count"), msBound: try r.readDouble(),
                msRSigmaFactor: try r.readDouble(), msInputVariance: try r.readDouble()))
        case 2: switchType = .centeredMeanNoiseReduction
        default: throw .unknownTag(what: "modulus switch type", value: UInt64(switchTag))
        }
        let compute = ClassicPBSParameters(
            lweDimension: LweDimension(lwe), glweDimension: GlweDimension(glwe), polynomialSize: PolynomialSize(poly),
            lweNoiseDistribution: lweNoise, glweNoiseDistribution: glweNoise,
            pbsBaseLog: DecompositionBaseLog(ints[0]), pbsLevel: DecompositionLevelCount(ints[1]),
            ksBaseLog: DecompositionBaseLog(ints[2]), ksLevel: DecompositionLevelCount(ints[3]),
            messageModulus: ints[4], carryModulus: ints[5], maxNoiseLevel: ints[6], log2PFail: pFail,
            encryptionKeyChoice: choice, modulusSwitchType: switchType)
        var cpk: CompactPublicKeyParameters?
        if try r.readOptionTag() {
            let dim = try small(&r, "encryption_lwe_dimension")
            let noise = try readNoise(&r)
            let msg = try small(&r, "message_modulus"), carry = try small(&r, "carry_modulus")
            let kindTag: UInt32 = try r.read()
            let kind: CompactPublicKeyParameters.ExpansionKind
            switch kindTag {
            case 0: kind = .requiresCasting
            case 1: kind = .noCasting(try keyChoice(&r))
            default: throw .unknownTag(what: "expansion kind", value: UInt64(kindTag))
            }
            var zk: CompactPublicKeyParameters.ZKScheme?
            if try r.readOptionTag() {
                let z: UInt32 = try r.read()
                guard let s = CompactPublicKeyParameters.ZKScheme(rawValue: z) else { throw .unknownTag(what: "ZK scheme", value: UInt64(z)) }
                zk = s
            }
            cpk = CompactPublicKeyParameters(encryptionLweDimension: LweDimension(dim), encryptionNoiseDistribution: noise,
                                             messageModulus: msg, carryModulus: carry, expansionKind: kind, zkScheme: zk)
        }
        var ks: KeySwitchingParameters?
        if try r.readOptionTag() {
            ks = KeySwitchingParameters(baseLog: DecompositionBaseLog(try small(&r, "ks_base_log")),
                                        level: DecompositionLevelCount(try small(&r, "ks_level")),
                                        destinationKey: try keyChoice(&r))
        }
        var comp: CompressionParameters?
        if try r.readOptionTag() {
            var z = [Int]()
            for what in ["br_level", "br_base_log", "packing_ks_level", "packing_ks_base_log", "packing_ks_polynomial_size",
                         "packing_ks_glwe_dimension", "lwe_per_glwe", "storage_log_modulus"] {
                z.append(try small(&r, what))
            }
            comp = CompressionParameters(brLevel: DecompositionLevelCount(z[0]), brBaseLog: DecompositionBaseLog(z[1]),
                                         packingKsLevel: DecompositionLevelCount(z[2]), packingKsBaseLog: DecompositionBaseLog(z[3]),
                                         packingKsPolynomialSize: PolynomialSize(z[4]), packingKsGlweDimension: GlweDimension(z[5]),
                                         lwePerGlwe: z[6], storageLogModulus: CiphertextModulusLog(z[7]),
                                         packingKsKeyNoiseDistribution: try readNoise(&r))
        }
        let p = ParameterSet(name: name, tfheRsName: tfheRsName, compute: compute, compactPublicKey: cpk,
                             castingKeySwitch: ks, compression: comp, isSecure: secure)
        do {
            try p.validate()
        } catch {
            throw .invalidValue(what: "parameters (\(error))")
        }
        return p
    }

    /// A u64 that must fit comfortably in an Int (dimensions, logs, moduli).
    private static func small(_ r: inout BincodeReader, _ what: String) throws(SerializationError) -> Int {
        let v: UInt64 = try r.read()
        guard v <= 1 << 32 else { throw .invalidValue(what: "\(what) \(v)") }
        return Int(v)
    }

    private static func keyChoice(_ r: inout BincodeReader) throws(SerializationError) -> EncryptionKeyChoice {
        let v: UInt32 = try r.read()
        guard let c = EncryptionKeyChoice(rawValue: v) else { throw .unknownTag(what: "encryption key choice", value: UInt64(v)) }
        return c
    }

    private static func writeNoise(_ n: NoiseDistribution, _ w: inout BincodeWriter) {
        switch n {
        case .gaussian(let s, let m): w.write(UInt32(0)); w.write(s); w.write(m)
        case .tUniform(let b): w.write(UInt32(1)); w.write(UInt32(b))
        }
    }

    private static func readNoise(_ r: inout BincodeReader) throws(SerializationError) -> NoiseDistribution {
        let tag: UInt32 = try r.read()
        switch tag {
        case 0: return .gaussian(standardDeviation: try r.readDouble(), mean: try r.readDouble())
        case 1:
            let b: UInt32 = try r.read()
            guard b <= 62 else { throw .invalidValue(what: "TUniform bound 2^\(b)") }
            return .tUniform(boundLog2: Int(b))
        default: throw .unknownTag(what: "noise distribution", value: UInt64(tag))
        }
    }
}
