/// A generation of tfhe-rs serialization layouts: the releases whose bytes are identical for
/// every object this library reads and writes (keys, ciphertexts, lists).
///
/// | layout | releases | differences |
/// |---|---|---|
/// | `v0_8` | 0.8.0 – 0.10.x | the reference: `ClassicPBSParameters` V0, compact-PKE parameters V0, shortint `CompactCiphertextList` V1 (with `noise_level`) |
/// | `v0_11` | 0.11.x | compact-PKE parameters V1 (+`zk_scheme`), shortint `CompactCiphertextList` V2 (no `noise_level`) |
/// | `v1_0` | 1.0.x | `ClassicPBSParameters` V1 (+ modulus-switch noise reduction), `DataKind::String` |
///
/// In versioned data the layout is read from the version tags; plain (unversioned) bincode
/// carries no tags, so its layout must be known or found by trying each one.
public enum TfheRsLayout: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case v0_8 = 0
    case v0_11 = 1
    case v1_0 = 2

    /// The release line as `major.minor` of its first release (`"0.8"`, `"0.11"`, `"1.0"`).
    package var version: String {
        switch self {
        case .v0_8: "0.8"
        case .v0_11: "0.11"
        case .v1_0: "1.0"
        }
    }

    /// The releases sharing the layout.
    public var releases: String {
        switch self {
        case .v0_8: "0.8.0-0.10.x"
        case .v0_11: "0.11.x"
        case .v1_0: "1.0.x"
        }
    }

    public var description: String { "tfhe-rs \(releases)" }

    /// The layout of a tfhe-rs release given as `"major.minor"` or `"major.minor.patch"`
    /// (`"0.8.7"`, `"0.10"`, `"1.0.0"`); `nil` for releases outside 0.8 – 1.0.
    public init?(release: String) {
        let parts = release.split(separator: ".").map { Int($0) }
        guard parts.count >= 2, let major = parts[0], let minor = parts[1] else { return nil }
        switch (major, minor) {
        case (0, 8), (0, 9), (0, 10): self = .v0_8
        case (0, 11): self = .v0_11
        case (1, 0): self = .v1_0
        default: return nil
        }
    }

    public static func < (a: TfheRsLayout, b: TfheRsLayout) -> Bool { a.rawValue < b.rawValue }
}

/// A set of layouts, as a bit mask (the candidates a versioned reader has not yet ruled out).
package struct TfheRsLayoutSet: Sendable, Hashable, CustomStringConvertible {
    var bits: UInt8

    init(bits: UInt8) { self.bits = bits }

    /// Every layout.
    package static let all = TfheRsLayoutSet(bits: 0b111)

    /// A single layout.
    package init(_ layout: TfheRsLayout) { bits = 1 << UInt8(layout.rawValue) }

    /// The given layouts.
    package init(_ layouts: [TfheRsLayout]) {
        bits = 0
        for l in layouts { bits |= 1 << UInt8(l.rawValue) }
    }

    package func contains(_ l: TfheRsLayout) -> Bool { bits & (1 << UInt8(l.rawValue)) != 0 }
    package var isEmpty: Bool { bits == 0 }
    package var layouts: [TfheRsLayout] { TfheRsLayout.allCases.filter(contains) }
    /// The newest layout of the set.
    package var newest: TfheRsLayout? { layouts.last }
    /// The oldest layout of the set.
    package var oldest: TfheRsLayout? { layouts.first }
    func intersection(_ o: TfheRsLayoutSet) -> TfheRsLayoutSet { TfheRsLayoutSet(bits: bits & o.bits) }

    package var description: String { layouts.map(\.releases).joined(separator: ", ") }
}

/// The `Versionize` version tag of one tfhe-rs type in each layout.
struct TfheRsVersionRule: Sendable {
    let type: String
    let v0_8: UInt32
    let v0_11: UInt32
    let v1_0: UInt32

    init(_ type: String, _ v0_8: UInt32, _ v0_11: UInt32, _ v1_0: UInt32) {
        self.type = type
        self.v0_8 = v0_8
        self.v0_11 = v0_11
        self.v1_0 = v1_0
    }

    /// A type at version 0 in every layout.
    init(_ type: String) { self.init(type, 0, 0, 0) }

    func version(in layout: TfheRsLayout) -> UInt32 {
        switch layout {
        case .v0_8: v0_8
        case .v0_11: v0_11
        case .v1_0: v1_0
        }
    }

    /// The layouts in which this type has version `v`.
    func layouts(withVersion v: UInt32) -> TfheRsLayoutSet {
        TfheRsLayoutSet(TfheRsLayout.allCases.filter { version(in: $0) == v })
    }
}

/// The version tags of every type this library reads, per layout (tfhe-rs `*Versions` enums).
enum TfheRsVersions {
    // High-level API
    static let hlClientKey = TfheRsVersionRule("high_level_api::ClientKey", 1, 1, 1)
    static let integerConfigClientKey = TfheRsVersionRule("IntegerClientKey", 3, 3, 3)
    static let hlCompactPublicKey = TfheRsVersionRule("high_level_api::CompactPublicKey", 1, 1, 1)
    static let integerConfigCompactPublicKey = TfheRsVersionRule("IntegerCompactPublicKey")
    static let hlFheUint = TfheRsVersionRule("high_level_api::FheUint", 1, 1, 1)
    static let hlFheInt = TfheRsVersionRule("high_level_api::FheInt", 1, 1, 1)
    static let hlFheBool = TfheRsVersionRule("high_level_api::FheBool", 1, 1, 1)
    static let unsignedRadixOwned = TfheRsVersionRule("UnsignedRadixCiphertextVersionedOwned")
    static let signedRadixOwned = TfheRsVersionRule("SignedRadixCiphertextVersionedOwned")
    static let innerBooleanOwned = TfheRsVersionRule("InnerBooleanVersionedOwned")
    static let hlCompactCiphertextList = TfheRsVersionRule("high_level_api::CompactCiphertextList", 1, 1, 1)
    static let hlCompressedCiphertextList = TfheRsVersionRule("high_level_api::CompressedCiphertextList", 2, 2, 2)
    static let hlCompressedFheUint = TfheRsVersionRule("high_level_api::CompressedFheUint", 1, 1, 1)
    static let hlCompressedFheInt = TfheRsVersionRule("high_level_api::CompressedFheInt", 1, 1, 1)
    static let hlCompressedRadix = TfheRsVersionRule("CompressedRadixCiphertext", 1, 1, 1)
    static let hlCompressedFheBool = TfheRsVersionRule("high_level_api::CompressedFheBool", 1, 1, 1)
    static let innerCompressedFheBool = TfheRsVersionRule("InnerCompressedFheBool")
    static let tag = TfheRsVersionRule("Tag")
    // integer
    static let integerClientKey = TfheRsVersionRule("integer::ClientKey")
    static let integerCompactPrivateKey = TfheRsVersionRule("integer::CompactPrivateKey")
    static let integerCompressionPrivateKeys = TfheRsVersionRule("integer::CompressionPrivateKeys")
    static let integerCompactPublicKey = TfheRsVersionRule("integer::CompactPublicKey")
    static let baseRadix = TfheRsVersionRule("BaseRadixCiphertext")
    static let baseSignedRadix = TfheRsVersionRule("BaseSignedRadixCiphertext")
    static let booleanBlock = TfheRsVersionRule("BooleanBlock")
    static let integerCompactList = TfheRsVersionRule("integer::CompactCiphertextList", 1, 1, 1)
    static let integerCompressedList = TfheRsVersionRule("integer::CompressedCiphertextList")
    static let dataKind = TfheRsVersionRule("DataKind")
    // shortint
    static let shortintClientKey = TfheRsVersionRule("shortint::ClientKey")
    static let shortintCompactPrivateKey = TfheRsVersionRule("shortint::CompactPrivateKey")
    static let shortintCompressionPrivateKeys = TfheRsVersionRule("shortint::CompressionPrivateKeys")
    static let shortintCompactPublicKey = TfheRsVersionRule("shortint::CompactPublicKey", 1, 1, 1)
    static let shortintCiphertext = TfheRsVersionRule("shortint::Ciphertext")
    static let shortintCompressedCiphertext = TfheRsVersionRule("shortint::CompressedCiphertext")
    static let shortintCompactList = TfheRsVersionRule("shortint::CompactCiphertextList", 1, 2, 2)
    static let shortintCompressedList = TfheRsVersionRule("shortint::CompressedCiphertextList")
    static let parameterSet = TfheRsVersionRule("ShortintParameterSet")
    static let parameterSetInner = TfheRsVersionRule("ShortintParameterSetInner")
    static let pbsParameters = TfheRsVersionRule("PBSParameters")
    static let classicPBSParameters = TfheRsVersionRule("ClassicPBSParameters", 0, 0, 1)
    static let msNoiseReduction = TfheRsVersionRule("ModulusSwitchNoiseReductionParams")
    static let noiseEstimationMeasureBound = TfheRsVersionRule("NoiseEstimationMeasureBound")
    static let rSigmaFactor = TfheRsVersionRule("RSigmaFactor")
    static let variance = TfheRsVersionRule("Variance")
    static let compactPkeParameters = TfheRsVersionRule("CompactPublicKeyEncryptionParameters", 0, 1, 1)
    static let expansionKind = TfheRsVersionRule("CompactCiphertextListExpansionKind")
    static let zkScheme = TfheRsVersionRule("SupportedCompactPkeZkScheme")
    static let keySwitchingParameters = TfheRsVersionRule("ShortintKeySwitchingParameters")
    static let compressionParameters = TfheRsVersionRule("CompressionParameters")
    static let encryptionKeyChoice = TfheRsVersionRule("EncryptionKeyChoice")
    static let pbsOrder = TfheRsVersionRule("PBSOrder")
    // core_crypto
    static let glweSecretKey = TfheRsVersionRule("GlweSecretKey")
    static let lweSecretKey = TfheRsVersionRule("LweSecretKey")
    static let lweCiphertext = TfheRsVersionRule("LweCiphertext")
    static let seededLweCiphertext = TfheRsVersionRule("SeededLweCiphertext")
    static let compressionSeed = TfheRsVersionRule("CompressionSeed")
    static let glweCiphertext = TfheRsVersionRule("GlweCiphertext")
    static let lweCompactPublicKey = TfheRsVersionRule("LweCompactPublicKey")
    static let lweCompactList = TfheRsVersionRule("LweCompactCiphertextList")
    static let modulusSwitchedGlwe = TfheRsVersionRule("CompressedModulusSwitchedGlweCiphertext")
    static let packedIntegers = TfheRsVersionRule("PackedIntegers")
    static let ciphertextModulus = TfheRsVersionRule("SerializableCiphertextModulus")
    static let dynamicDistribution = TfheRsVersionRule("DynamicDistribution")
    static let gaussian = TfheRsVersionRule("Gaussian")
    static let tUniform = TfheRsVersionRule("TUniform")
    static let newtype = TfheRsVersionRule("newtype")
}
