/// A generation of tfhe-rs serialization layouts: the releases whose bytes are identical for
/// every object this library reads and writes (keys, ciphertexts, lists, server keys).
///
/// | layout | releases | differences from the line above |
/// |---|---|---|
/// | `v0_8` | 0.8.0 – 0.10.x | the reference: `ClassicPBSParameters` V0, compact-PKE parameters V0, shortint `CompactCiphertextList` V1 (with `noise_level`) |
/// | `v0_11` | 0.11.x | compact-PKE parameters V1 (+`zk_scheme`), shortint `CompactCiphertextList` V2 (no `noise_level`) |
/// | `v1_0` | 1.0.x | `ClassicPBSParameters` V1 (+ modulus-switch noise reduction), `DataKind::String` |
/// | `v1_1` | 1.1.x | `IntegerClientKey` V4 (+ noise-squashing private key), `IntegerServerKey` V5, `IntegerCompressedServerKey` V3; squashed-noise ciphertexts |
/// | `v1_2` | 1.2.x | shortint `Ciphertext`/`CompressedCiphertext` V1 and compressed list V1 (atomic-pattern kind instead of PBS order); atomic-pattern server key and compressed server key |
/// | `main2025` | tfhe-rs main 2025-05-26 … 2025-07-01 (e.g. git ec78318) | shortint `ClientKey` V1 (atomic-pattern client key) |
/// | `v1_3` | 1.3.x | `IntegerClientKey` V5, `ClassicPBSParameters` V2 (`ModulusSwitchType`), shortint compressed list V2 (no count), squashed-noise state, seeded bootstrapping key V3 (`CompressedModulusSwitchConfiguration`), compressed squashed-noise list |
/// | `v1_4` | 1.4.x | `IntegerClientKey` V6, `FheUint`/`FheInt`/`FheBool` V2 (re-randomization metadata), `DataKind` V1, high-level compressed list V3; the seeded casting key gains `destination_atomic_pattern` under the same tag |
/// | `v1_5` | 1.5.x | `CompressionParameters` V1 (classic / multi-bit enum), seeded decompression key V2 |
/// | `v1_6` | 1.6.x – 1.7.x | `IntegerClientKey` V8, `CompactCiphertextListExpansionKind` V1, `CompressionSeed` V1 (`AesCtrParams`), unversioned header crate version "0.1" |
///
/// In versioned data the layout is read from the version tags; plain (unversioned) bincode
/// carries no tags, so its layout must be known or found by trying each one.
public enum TfheRsLayout: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case v0_8 = 0
    case v0_11 = 1
    case v1_0 = 2
    case v1_1 = 3
    case v1_2 = 4
    case main2025 = 5
    case v1_3 = 6
    case v1_4 = 7
    case v1_5 = 8
    case v1_6 = 9

    /// The release line as `major.minor` of its first release (`"0.8"`, `"0.11"`, `"1.0"`, …);
    /// `main2025` is written `"main-2025-06"`.
    package var version: String {
        switch self {
        case .v0_8: "0.8"
        case .v0_11: "0.11"
        case .v1_0: "1.0"
        case .v1_1: "1.1"
        case .v1_2: "1.2"
        case .main2025: "main-2025-06"
        case .v1_3: "1.3"
        case .v1_4: "1.4"
        case .v1_5: "1.5"
        case .v1_6: "1.6"
        }
    }

    /// The releases sharing the layout.
    public var releases: String {
        switch self {
        case .v0_8: "0.8.0-0.10.x"
        case .v0_11: "0.11.x"
        case .v1_0: "1.0.x"
        case .v1_1: "1.1.x"
        case .v1_2: "1.2.x"
        case .main2025: "main 2025-05-26..2025-07-01"
        case .v1_3: "1.3.x"
        case .v1_4: "1.4.x"
        case .v1_5: "1.5.x"
        case .v1_6: "1.6.x-1.7.x"
        }
    }

    public var description: String { "tfhe-rs \(releases)" }

    /// The `crate_version` an unversioned `safe_serialize` header of this layout carries: the
    /// `tfhe` crate's `major.minor` up to 1.5, the `tfhe-safe-serialize` crate's "0.1" from 1.6.
    package var unversionedCrateVersion: String {
        switch self {
        case .v0_8: "0.8"
        case .main2025: "1.2"
        case .v1_6: "0.1"
        default: version
        }
    }

    /// The layout of a tfhe-rs release given as `"major.minor"` or `"major.minor.patch"`
    /// (`"0.8.7"`, `"0.10"`, `"1.0.0"`, `"1.7"`), or `"main-2025-06"`; `nil` for other releases.
    public init?(release: String) {
        if release == "main-2025-06" { self = .main2025; return }
        let parts = release.split(separator: ".").map { Int($0) }
        guard parts.count >= 2, let major = parts[0], let minor = parts[1] else { return nil }
        switch (major, minor) {
        case (0, 8), (0, 9), (0, 10): self = .v0_8
        case (0, 11): self = .v0_11
        case (1, 0): self = .v1_0
        case (1, 1): self = .v1_1
        case (1, 2): self = .v1_2
        case (1, 3): self = .v1_3
        case (1, 4): self = .v1_4
        case (1, 5): self = .v1_5
        case (1, 6), (1, 7): self = .v1_6
        default: return nil
        }
    }

    public static func < (a: TfheRsLayout, b: TfheRsLayout) -> Bool { a.rawValue < b.rawValue }

    /// The layouts an unversioned `safe_serialize` header's `crate_version` may stand for:
    /// "0.1" is the `tfhe-safe-serialize` crate of 1.6+, "1.2" also covers the main-branch
    /// window that followed it, others map through `init(release:)`.
    package static func layouts(forCrateVersion crate: String) -> [TfheRsLayout] {
        if crate == "0.1" { return [.v1_6] }
        guard let l = TfheRsLayout(release: crate) else { return [] }
        return l == .v1_2 ? [.v1_2, .main2025] : [l]
    }
}

/// A set of layouts, as a bit mask (the candidates a versioned reader has not yet ruled out).
package struct TfheRsLayoutSet: Sendable, Hashable, CustomStringConvertible {
    var bits: UInt16

    init(bits: UInt16) { self.bits = bits }

    /// Every layout.
    package static let all = TfheRsLayoutSet(TfheRsLayout.allCases)

    /// A single layout.
    package init(_ layout: TfheRsLayout) { bits = 1 << UInt16(layout.rawValue) }

    /// The given layouts.
    package init(_ layouts: [TfheRsLayout]) {
        bits = 0
        for l in layouts { bits |= 1 << UInt16(l.rawValue) }
    }

    /// The layouts from `first` on.
    package static func from(_ first: TfheRsLayout) -> TfheRsLayoutSet {
        TfheRsLayoutSet(TfheRsLayout.allCases.filter { $0 >= first })
    }

    package func contains(_ l: TfheRsLayout) -> Bool { bits & (1 << UInt16(l.rawValue)) != 0 }
    package var isEmpty: Bool { bits == 0 }
    package var layouts: [TfheRsLayout] { TfheRsLayout.allCases.filter(contains) }
    /// The newest layout of the set.
    package var newest: TfheRsLayout? { layouts.last }
    /// The oldest layout of the set.
    package var oldest: TfheRsLayout? { layouts.first }
    func intersection(_ o: TfheRsLayoutSet) -> TfheRsLayoutSet { TfheRsLayoutSet(bits: bits & o.bits) }

    package var description: String { layouts.map(\.releases).joined(separator: ", ") }
}

/// The `Versionize` version tag of one tfhe-rs type in each layout: the tag of the first
/// layout, and the layouts where it changes.
struct TfheRsVersionRule: Sendable {
    let type: String
    private let tags: [UInt32]

    /// Tags given as `(first layout, tag)` steps, oldest first; the first step starts at `v0_8`.
    init(_ type: String, steps: [(TfheRsLayout, UInt32)]) {
        self.type = type
        var tags: [UInt32] = []
        for l in TfheRsLayout.allCases {
            tags.append(steps.last { $0.0 <= l }?.1 ?? 0)
        }
        self.tags = tags
    }

    /// The 0.8 / 0.11 / 1.0 tags; later layouts keep the 1.0 tag.
    init(_ type: String, _ v0_8: UInt32, _ v0_11: UInt32, _ v1_0: UInt32) {
        self.init(type, steps: [(.v0_8, v0_8), (.v0_11, v0_11), (.v1_0, v1_0)])
    }

    /// A type at version 0 in every layout.
    init(_ type: String) { self.init(type, steps: [(.v0_8, 0)]) }

    func version(in layout: TfheRsLayout) -> UInt32 { tags[layout.rawValue] }

    /// The layouts in which this type has version `v`.
    func layouts(withVersion v: UInt32) -> TfheRsLayoutSet {
        TfheRsLayoutSet(TfheRsLayout.allCases.filter { version(in: $0) == v })
    }
}

/// The version tags of every type this library reads, per layout (tfhe-rs `*Versions` enums).
enum TfheRsVersions {
    // High-level API
    static let hlClientKey = TfheRsVersionRule("high_level_api::ClientKey", 1, 1, 1)
    static let integerConfigClientKey = TfheRsVersionRule("IntegerClientKey", steps: [(.v0_8, 3), (.v1_1, 4), (.v1_3, 5), (.v1_4, 6), (.v1_6, 8)])
    static let hlCompactPublicKey = TfheRsVersionRule("high_level_api::CompactPublicKey", 1, 1, 1)
    static let integerConfigCompactPublicKey = TfheRsVersionRule("IntegerCompactPublicKey")
    static let hlFheUint = TfheRsVersionRule("high_level_api::FheUint", steps: [(.v0_8, 1), (.v1_4, 2)])
    static let hlFheInt = TfheRsVersionRule("high_level_api::FheInt", steps: [(.v0_8, 1), (.v1_4, 2)])
    static let hlFheBool = TfheRsVersionRule("high_level_api::FheBool", steps: [(.v0_8, 1), (.v1_4, 2)])
    static let unsignedRadixOwned = TfheRsVersionRule("UnsignedRadixCiphertextVersionedOwned")
    static let signedRadixOwned = TfheRsVersionRule("SignedRadixCiphertextVersionedOwned")
    static let innerBooleanOwned = TfheRsVersionRule("InnerBooleanVersionedOwned")
    static let hlCompactCiphertextList = TfheRsVersionRule("high_level_api::CompactCiphertextList", 1, 1, 1)
    static let hlCompressedCiphertextList = TfheRsVersionRule("high_level_api::CompressedCiphertextList", steps: [(.v0_8, 2), (.v1_4, 3)])
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
    static let dataKind = TfheRsVersionRule("DataKind", steps: [(.v0_8, 0), (.v1_4, 1)])
    // shortint
    static let shortintClientKey = TfheRsVersionRule("shortint::ClientKey", steps: [(.v0_8, 0), (.main2025, 1)])
    static let shortintCompactPrivateKey = TfheRsVersionRule("shortint::CompactPrivateKey")
    static let shortintCompressionPrivateKeys = TfheRsVersionRule("shortint::CompressionPrivateKeys")
    static let shortintCompactPublicKey = TfheRsVersionRule("shortint::CompactPublicKey", 1, 1, 1)
    static let shortintCiphertext = TfheRsVersionRule("shortint::Ciphertext", steps: [(.v0_8, 0), (.v1_2, 1)])
    static let shortintCompressedCiphertext = TfheRsVersionRule("shortint::CompressedCiphertext", steps: [(.v0_8, 0), (.v1_2, 1)])
    static let shortintCompactList = TfheRsVersionRule("shortint::CompactCiphertextList", 1, 2, 2)
    static let shortintCompressedList = TfheRsVersionRule("shortint::CompressedCiphertextList", steps: [(.v0_8, 0), (.v1_2, 1), (.v1_3, 2)])
    static let parameterSet = TfheRsVersionRule("ShortintParameterSet")
    static let parameterSetInner = TfheRsVersionRule("ShortintParameterSetInner")
    static let pbsParameters = TfheRsVersionRule("PBSParameters")
    static let classicPBSParameters = TfheRsVersionRule("ClassicPBSParameters", steps: [(.v0_8, 0), (.v1_0, 1), (.v1_3, 2)])
    static let msNoiseReduction = TfheRsVersionRule("ModulusSwitchNoiseReductionParams")
    static let noiseEstimationMeasureBound = TfheRsVersionRule("NoiseEstimationMeasureBound")
    static let rSigmaFactor = TfheRsVersionRule("RSigmaFactor")
    static let variance = TfheRsVersionRule("Variance")
    static let compactPkeParameters = TfheRsVersionRule("CompactPublicKeyEncryptionParameters", 0, 1, 1)
    static let expansionKind = TfheRsVersionRule("CompactCiphertextListExpansionKind", steps: [(.v0_8, 0), (.v1_6, 1)])
    static let zkScheme = TfheRsVersionRule("SupportedCompactPkeZkScheme")
    static let keySwitchingParameters = TfheRsVersionRule("ShortintKeySwitchingParameters")
    static let compressionParameters = TfheRsVersionRule("CompressionParameters", steps: [(.v0_8, 0), (.v1_5, 1)])
    static let encryptionKeyChoice = TfheRsVersionRule("EncryptionKeyChoice")
    static let pbsOrder = TfheRsVersionRule("PBSOrder")
    // core_crypto
    static let glweSecretKey = TfheRsVersionRule("GlweSecretKey")
    static let lweSecretKey = TfheRsVersionRule("LweSecretKey")
    static let lweCiphertext = TfheRsVersionRule("LweCiphertext")
    static let seededLweCiphertext = TfheRsVersionRule("SeededLweCiphertext")
    static let compressionSeed = TfheRsVersionRule("CompressionSeed", steps: [(.v0_8, 0), (.v1_6, 1)])
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
    // 1.x additions
    static let atomicPatternClientKey = TfheRsVersionRule("AtomicPatternClientKey")
    static let standardAtomicPatternClientKey = TfheRsVersionRule("StandardAtomicPatternClientKey")
    static let atomicPatternKind = TfheRsVersionRule("AtomicPatternKind")
    static let modulusSwitchType = TfheRsVersionRule("ModulusSwitchType")
    static let reRandomizationMetadata = TfheRsVersionRule("ReRandomizationMetadata")
    static let compressedListMeta = TfheRsVersionRule("CompressedCiphertextListMeta")
    static let classicCompressionParameters = TfheRsVersionRule("ClassicCompressionParameters")
    static let aesCtrParams = TfheRsVersionRule("AesCtrParams")
    static let seedKind = TfheRsVersionRule("SeedKind")
    static let seed = TfheRsVersionRule("Seed")
    static let tableIndex = TfheRsVersionRule("TableIndex")
    static let aesIndex = TfheRsVersionRule("AesIndex")
    static let byteIndex = TfheRsVersionRule("ByteIndex")
    static let noiseSquashingParameters = TfheRsVersionRule("NoiseSquashingParameters", steps: [(.v0_8, 0), (.v1_3, 1), (.v1_4, 2)])
    static let noiseSquashingClassicParameters = TfheRsVersionRule("NoiseSquashingClassicParameters")
    static let integerNoiseSquashingPrivateKey = TfheRsVersionRule("integer::NoiseSquashingPrivateKey")
    static let shortintNoiseSquashingPrivateKey = TfheRsVersionRule("shortint::NoiseSquashingPrivateKey")
    static let integerNoiseSquashingCompressionPrivateKey = TfheRsVersionRule("integer::NoiseSquashingCompressionPrivateKey")
    static let shortintNoiseSquashingCompressionPrivateKey = TfheRsVersionRule("shortint::NoiseSquashingCompressionPrivateKey")
    static let noiseSquashingCompressionParameters = TfheRsVersionRule("NoiseSquashingCompressionParameters")
    static let reRandomizationParameters = TfheRsVersionRule("ReRandomizationParameters")

    // Server key (1.0+; see TfheRsServerKey)
    static let hlServerKey = TfheRsVersionRule("high_level_api::ServerKey", steps: [(.v0_8, 3)])
    static let integerServerKey = TfheRsVersionRule("IntegerServerKey", steps: [(.v0_8, 4), (.v1_1, 5), (.v1_3, 6), (.v1_4, 7), (.v1_6, 9)])
    static let integerShortintServerKey = TfheRsVersionRule("integer::ServerKey", steps: [(.v0_8, 1)])
    static let shortintServerKey = TfheRsVersionRule("shortint::ServerKey", steps: [(.v0_8, 1), (.v1_2, 2)])
    static let atomicPatternServerKey = TfheRsVersionRule("AtomicPatternServerKey")
    static let standardAtomicPatternServerKey = TfheRsVersionRule("StandardAtomicPatternServerKey")
    static let lweKeyswitchKey = TfheRsVersionRule("LweKeyswitchKey", steps: [(.v0_8, 2)])
    static let lwePackingKeyswitchKey = TfheRsVersionRule("LwePackingKeyswitchKey", steps: [(.v0_8, 2)])
    static let fourierLweBootstrapKey = TfheRsVersionRule("FourierLweBootstrapKey", steps: [(.v0_8, 1)])
    static let fourier128LweBootstrapKey = TfheRsVersionRule("Fourier128LweBootstrapKey", steps: [(.v0_8, 1)])
    static let shortintBootstrappingKey = TfheRsVersionRule("ShortintBootstrappingKey", steps: [(.v0_8, 1), (.v1_3, 2)])
    static let modulusSwitchConfiguration = TfheRsVersionRule("ModulusSwitchConfiguration")
    static let msNoiseReductionKey = TfheRsVersionRule("ModulusSwitchNoiseReductionKey", steps: [(.v0_8, 0), (.v1_2, 1)])
    static let lweCiphertextList = TfheRsVersionRule("LweCiphertextList")
    static let integerKeySwitchingKeyMaterial = TfheRsVersionRule("integer::KeySwitchingKeyMaterial")
    static let shortintKeySwitchingKeyMaterial = TfheRsVersionRule("shortint::KeySwitchingKeyMaterial", steps: [(.v0_8, 0), (.v1_4, 1)])
    static let integerCompressionKey = TfheRsVersionRule("integer::CompressionKey")
    static let shortintCompressionKey = TfheRsVersionRule("shortint::CompressionKey")
    static let integerDecompressionKey = TfheRsVersionRule("integer::DecompressionKey")
    static let shortintDecompressionKey = TfheRsVersionRule("shortint::DecompressionKey", steps: [(.v0_8, 0), (.v1_4, 1), (.v1_5, 2)])
    static let integerNoiseSquashingKey = TfheRsVersionRule("integer::NoiseSquashingKey")
    static let shortintNoiseSquashingKey = TfheRsVersionRule("shortint::NoiseSquashingKey", steps: [(.v0_8, 0), (.v1_3, 1), (.v1_4, 3)])

    // Compressed (seeded) server key (1.0+; see TfheRsCompressedServerKey)
    static let hlCompressedServerKey = TfheRsVersionRule("high_level_api::CompressedServerKey", steps: [(.v0_8, 2)])
    static let integerCompressedServerKey = TfheRsVersionRule("IntegerCompressedServerKey", steps: [(.v0_8, 2), (.v1_1, 3), (.v1_3, 4), (.v1_4, 5), (.v1_6, 7)])
    static let integerInnerCompressedServerKey = TfheRsVersionRule("integer::CompressedServerKey", steps: [(.v0_8, 2)])
    static let shortintCompressedServerKey = TfheRsVersionRule("shortint::CompressedServerKey", steps: [(.v0_8, 2), (.v1_2, 3)])
    static let compressedAtomicPatternServerKey = TfheRsVersionRule("CompressedAtomicPatternServerKey")
    static let compressedStandardAtomicPatternServerKey = TfheRsVersionRule("CompressedStandardAtomicPatternServerKey")
    static let shortintCompressedBootstrappingKey = TfheRsVersionRule("ShortintCompressedBootstrappingKey", steps: [(.v0_8, 2), (.v1_3, 3)])
    static let compressedModulusSwitchConfiguration = TfheRsVersionRule("CompressedModulusSwitchConfiguration")
    static let compressedMSNoiseReductionKey = TfheRsVersionRule("CompressedModulusSwitchNoiseReductionKey", steps: [(.v0_8, 0), (.v1_2, 1)])
    static let seededLweCiphertextList = TfheRsVersionRule("SeededLweCiphertextList")
    static let seededLweBootstrapKey = TfheRsVersionRule("SeededLweBootstrapKey", steps: [(.v0_8, 1)])
    static let seededGgswCiphertextList = TfheRsVersionRule("SeededGgswCiphertextList", steps: [(.v0_8, 1)])
    static let seededLweKeyswitchKey = TfheRsVersionRule("SeededLweKeyswitchKey", steps: [(.v0_8, 2)])
    static let seededLwePackingKeyswitchKey = TfheRsVersionRule("SeededLwePackingKeyswitchKey", steps: [(.v0_8, 2)])
    static let xofSeed = TfheRsVersionRule("XofSeed")
    static let integerCompressedKeySwitchingKeyMaterial = TfheRsVersionRule("integer::CompressedKeySwitchingKeyMaterial", steps: [(.v0_8, 2)])
    /// Tag 2 in every 1.x release, although 1.4 appended `destination_atomic_pattern`.
    static let shortintCompressedKeySwitchingKeyMaterial = TfheRsVersionRule("shortint::CompressedKeySwitchingKeyMaterial", steps: [(.v0_8, 2)])
    static let keySwitchingKeyDestinationAtomicPattern = TfheRsVersionRule("KeySwitchingKeyDestinationAtomicPattern")
    static let integerCompressedCompressionKey = TfheRsVersionRule("integer::CompressedCompressionKey", steps: [(.v0_8, 2)])
    static let shortintCompressedCompressionKey = TfheRsVersionRule("shortint::CompressedCompressionKey", steps: [(.v0_8, 2)])
    static let integerCompressedDecompressionKey = TfheRsVersionRule("integer::CompressedDecompressionKey", steps: [(.v0_8, 1)])
    static let shortintCompressedDecompressionKey = TfheRsVersionRule("shortint::CompressedDecompressionKey", steps: [(.v0_8, 1), (.v1_5, 2)])
    static let integerCompressedNoiseSquashingKey = TfheRsVersionRule("integer::CompressedNoiseSquashingKey")
    static let shortintCompressedNoiseSquashingKey = TfheRsVersionRule("shortint::CompressedNoiseSquashingKey", steps: [(.v0_8, 0), (.v1_3, 1), (.v1_4, 3)])
    static let compressedAtomicPatternNoiseSquashingKey = TfheRsVersionRule("CompressedAtomicPatternNoiseSquashingKey")
    static let compressedStandardAtomicPatternNoiseSquashingKey = TfheRsVersionRule("CompressedStandardAtomicPatternNoiseSquashingKey")
    static let compressedShortint128BootstrappingKey = TfheRsVersionRule("CompressedShortint128BootstrappingKey", steps: [(.v0_8, 1)])
    static let integerCompressedNoiseSquashingCompressionKey = TfheRsVersionRule("integer::CompressedNoiseSquashingCompressionKey")
    static let shortintCompressedNoiseSquashingCompressionKey = TfheRsVersionRule("shortint::CompressedNoiseSquashingCompressionKey")

    // Squashed-noise ciphertexts (1.1+) and their compressed list (1.3+)
    static let hlSquashedNoiseFheUint = TfheRsVersionRule("high_level_api::SquashedNoiseFheUint", steps: [(.v0_8, 0), (.v1_3, 1)])
    static let hlSquashedNoiseFheInt = TfheRsVersionRule("high_level_api::SquashedNoiseFheInt", steps: [(.v0_8, 0), (.v1_3, 1)])
    static let hlSquashedNoiseFheBool = TfheRsVersionRule("high_level_api::SquashedNoiseFheBool", steps: [(.v0_8, 0), (.v1_3, 1)])
    static let innerSquashedNoiseRadixOwned = TfheRsVersionRule("InnerSquashedNoiseRadixCiphertextVersionedOwned")
    static let innerSquashedNoiseSignedRadixOwned = TfheRsVersionRule("InnerSquashedNoiseSignedRadixCiphertextVersionedOwned")
    static let innerSquashedNoiseBooleanOwned = TfheRsVersionRule("InnerSquashedNoiseBooleanVersionedOwned")
    static let squashedNoiseRadix = TfheRsVersionRule("SquashedNoiseRadixCiphertext")
    static let squashedNoiseSignedRadix = TfheRsVersionRule("SquashedNoiseSignedRadixCiphertext")
    static let squashedNoiseBooleanBlock = TfheRsVersionRule("SquashedNoiseBooleanBlock")
    static let shortintSquashedNoiseCiphertext = TfheRsVersionRule("shortint::SquashedNoiseCiphertext")
    static let squashedNoiseCiphertextState = TfheRsVersionRule("SquashedNoiseCiphertextState")
    static let hlCompressedSquashedNoiseList = TfheRsVersionRule("high_level_api::CompressedSquashedNoiseCiphertextList")
    static let integerCompressedSquashedNoiseList = TfheRsVersionRule("integer::CompressedSquashedNoiseCiphertextList")
    static let shortintCompressedSquashedNoiseList = TfheRsVersionRule("shortint::CompressedSquashedNoiseCiphertextList")
    static let compressedSquashedNoiseListMeta = TfheRsVersionRule("CompressedSquashedNoiseCiphertextListMeta")
}
