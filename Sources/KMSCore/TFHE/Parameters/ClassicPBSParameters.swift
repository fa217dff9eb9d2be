/// Which key fresh ciphertexts are encrypted under (tfhe-rs `EncryptionKeyChoice`).
public enum EncryptionKeyChoice: UInt32, Sendable, Equatable, Hashable, Codable {
    /// The big LWE key (the flattened GLWE key, dimension k·N): KS-PBS order, fhEVM's choice.
    case big = 0
    /// The small LWE key (dimension n): PBS-KS order.
    case small = 1
}

/// Modulus-switch noise reduction (tfhe-rs 1.0 `ModulusSwitchNoiseReductionParams`).
public struct ModulusSwitchNoiseReduction: Sendable, Equatable, Hashable {
    public var zerosCount: Int
    public var msBound: Double
    public var msRSigmaFactor: Double
    public var msInputVariance: Double

    public init(zerosCount: Int, msBound: Double, msRSigmaFactor: Double, msInputVariance: Double) {
        self.zerosCount = zerosCount
        self.msBound = msBound
        self.msRSigmaFactor = msRSigmaFactor
        self.msInputVariance = msInputVariance
    }
}

/// How a ciphertext's modulus is switched before blind rotation (tfhe-rs 1.3+ `ModulusSwitchType`;
/// before 1.3 an optional drift-technique noise reduction).
public enum ModulusSwitchType: Sendable, Equatable, Hashable {
    /// Plain rounding.
    case standard
    /// The drift technique: encryptions of zero from the server key added to lower the rounding noise.
    case driftTechniqueNoiseReduction(ModulusSwitchNoiseReduction)
    /// Centered-mean modulus switch (tfhe-rs 1.4's default 2^-128 parameters).
    case centeredMeanNoiseReduction
}

/// The compute parameters of a shortint/integer key (tfhe-rs `ClassicPBSParameters`), with the
/// same field names in Swift style. The ciphertext modulus is always the native 2^64.
public struct ClassicPBSParameters: Sendable, Equatable, Hashable {
    /// n, the dimension of the small LWE key.
    public var lweDimension: LweDimension
    /// k, the number of GLWE mask polynomials.
    public var glweDimension: GlweDimension
    /// N, the GLWE polynomial size (a power of two).
    public var polynomialSize: PolynomialSize
    public var lweNoiseDistribution: NoiseDistribution
    public var glweNoiseDistribution: NoiseDistribution
    public var pbsBaseLog: DecompositionBaseLog
    public var pbsLevel: DecompositionLevelCount
    public var ksBaseLog: DecompositionBaseLog
    public var ksLevel: DecompositionLevelCount
    /// Message space of one block (4 for 2-bit blocks).
    public var messageModulus: Int
    /// Carry space of one block (4 for 2-bit carries).
    public var carryModulus: Int
    public var maxNoiseLevel: Int
    public var log2PFail: Double
    public var encryptionKeyChoice: EncryptionKeyChoice
    /// The modulus switch before blind rotation (tfhe-rs 1.0 drift noise reduction, 1.4 centered mean).
    public var modulusSwitchType: ModulusSwitchType

    /// The drift-technique parameters, when `modulusSwitchType` is that technique; setting `nil`
    /// makes the switch `.standard`.
    public var modulusSwitchNoiseReduction: ModulusSwitchNoiseReduction? {
        get {
            if case .driftTechniqueNoiseReduction(let p) = modulusSwitchType { return p }
            return nil
        }
        set { modulusSwitchType = newValue.map { .driftTechniqueNoiseReduction($0) } ?? .standard }
    }

    public init(lweDimension: LweDimension, glweDimension: GlweDimension, polynomialSize: PolynomialSize,
                lweNoiseDistribution: NoiseDistribution, glweNoiseDistribution: NoiseDistribution,
                pbsBaseLog: DecompositionBaseLog, pbsLevel: DecompositionLevelCount, ksBaseLog: DecompositionBaseLog, ksLevel: DecompositionLevelCount,
                messageModulus: Int, carryModulus: Int, maxNoiseLevel: Int, log2PFail: Double,
                encryptionKeyChoice: EncryptionKeyChoice,
                modulusSwitchNoiseReduction: ModulusSwitchNoiseReduction? = nil, modulusSwitchType: ModulusSwitchType? = nil) {
        self.lweDimension = lweDimension
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.lweNoiseDistribution = lweNoiseDistribution
        self.glweNoiseDistribution = glweNoiseDistribution
        self.pbsBaseLog = pbsBaseLog
        self.pbsLevel = pbsLevel
        self.ksBaseLog = ksBaseLog
        self.ksLevel = ksLevel
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
        self.maxNoiseLevel = maxNoiseLevel
        self.log2PFail = log2PFail
        self.encryptionKeyChoice = encryptionKeyChoice
        self.modulusSwitchType = modulusSwitchType ?? modulusSwitchNoiseReduction.map { .driftTechniqueNoiseReduction($0) } ?? .standard
    }

    /// Dimension of the big LWE key (k·N).
    public var bigLweDimension: LweDimension { LweDimension(glweDimension.value * polynomialSize.value) }

    /// Dimension of the key fresh ciphertexts are encrypted under.
    public var encryptionLweDimension: LweDimension {
        encryptionKeyChoice == .big ? bigLweDimension : lweDimension
    }

    /// Noise of fresh encryptions (GLWE noise under the big key, LWE noise under the small key).
    public var encryptionNoiseDistribution: NoiseDistribution {
        encryptionKeyChoice == .big ? glweNoiseDistribution : lweNoiseDistribution
    }

    /// The block encoding (Δ and moduli); meaningful for parameters that pass
    /// `ParameterSet.validate()` (every reader of parameters from outside validates them).
    public var encoding: BlockEncoding {
        BlockEncoding(unchecked: messageModulus, carryModulus)
    }
}

/// Parameters of the dedicated compact public key (tfhe-rs `CompactPublicKeyEncryptionParameters`).
public struct CompactPublicKeyParameters: Sendable, Equatable, Hashable {
    /// How list entries reach the compute key.
    public enum ExpansionKind: Sendable, Equatable, Hashable {
        /// The server keyswitches to the compute key (+ PBS): fhEVM's choice.
        case requiresCasting
        /// Entries are already under the compute key, with this PBS order.
        case noCasting(EncryptionKeyChoice)
    }

    /// Zero-knowledge proof scheme (tfhe-rs 0.11+ field; absent before).
    /// Raw values are tfhe-rs's `SupportedCompactPkeZkScheme` variant indices (0 is
    /// `ZkNotSupported`, expressed here as a `nil` scheme).
    public enum ZKScheme: UInt32, Sendable, Equatable, Hashable {
        case v1 = 1
        case v2 = 2
    }

    public var encryptionLweDimension: LweDimension
    public var encryptionNoiseDistribution: NoiseDistribution
    public var messageModulus: Int
    public var carryModulus: Int
    public var expansionKind: ExpansionKind
    public var zkScheme: ZKScheme?

    public init(encryptionLweDimension: LweDimension, encryptionNoiseDistribution: NoiseDistribution,
                messageModulus: Int, carryModulus: Int,
                expansionKind: ExpansionKind = .requiresCasting, zkScheme: ZKScheme? = nil) {
        self.encryptionLweDimension = encryptionLweDimension
        self.encryptionNoiseDistribution = encryptionNoiseDistribution
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
        self.expansionKind = expansionKind
        self.zkScheme = zkScheme
    }

    /// The block encoding (Δ and moduli); meaningful for parameters that pass
    /// `ParameterSet.validate()` (every reader of parameters from outside validates them).
    public var encoding: BlockEncoding {
        BlockEncoding(unchecked: messageModulus, carryModulus)
    }
}

/// Parameters of a key-switching key between two keys (tfhe-rs `ShortintKeySwitchingParameters`).
public struct KeySwitchingParameters: Sendable, Equatable, Hashable {
    public var baseLog: DecompositionBaseLog
    public var level: DecompositionLevelCount
    public var destinationKey: EncryptionKeyChoice

    public init(baseLog: DecompositionBaseLog, level: DecompositionLevelCount, destinationKey: EncryptionKeyChoice) {
        self.baseLog = baseLog
        self.level = level
        self.destinationKey = destinationKey
    }
}

/// Parameters of ciphertext compression (tfhe-rs `CompressionParameters`).
public struct CompressionParameters: Sendable, Equatable, Hashable {
    public var brLevel: DecompositionLevelCount
    public var brBaseLog: DecompositionBaseLog
    public var packingKsLevel: DecompositionLevelCount
    public var packingKsBaseLog: DecompositionBaseLog
    public var packingKsPolynomialSize: PolynomialSize
    public var packingKsGlweDimension: GlweDimension
    public var lwePerGlwe: Int
    public var storageLogModulus: CiphertextModulusLog
    public var packingKsKeyNoiseDistribution: NoiseDistribution

    public init(brLevel: DecompositionLevelCount, brBaseLog: DecompositionBaseLog, packingKsLevel: DecompositionLevelCount, packingKsBaseLog: DecompositionBaseLog,
                packingKsPolynomialSize: PolynomialSize, packingKsGlweDimension: GlweDimension, lwePerGlwe: Int,
                storageLogModulus: CiphertextModulusLog, packingKsKeyNoiseDistribution: NoiseDistribution) {
        self.brLevel = brLevel
        self.brBaseLog = brBaseLog
        self.packingKsLevel = packingKsLevel
        self.packingKsBaseLog = packingKsBaseLog
        self.packingKsPolynomialSize = packingKsPolynomialSize
        self.packingKsGlweDimension = packingKsGlweDimension
        self.lwePerGlwe = lwePerGlwe
        self.storageLogModulus = storageLogModulus
        self.packingKsKeyNoiseDistribution = packingKsKeyNoiseDistribution
    }
}
