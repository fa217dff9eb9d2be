/// `ShortintCompressedBootstrappingKey<u64>` (seeded, standard domain): V2 (1.0 – main 2025-06)
/// `T[2]` + u32 variant 0 `Classic { SeededLweBootstrapKey<u64>, Option<compressed MS
/// noise-reduction key> }`; V3 (1.3+) `T[3]` + u32 0 `Classic { SeededLweBootstrapKey<u64>,
/// CompressedModulusSwitchConfiguration }`. Variant 1 (`MultiBit`) is refused.
package struct TfheRsCompressedBootstrappingKey: Sendable, Equatable {
    package var bsk: TfheRsSeededBootstrapKey
    package var modulusSwitch: TfheRsCompressedModulusSwitchConfiguration
}

extension TfheRsCompressedBootstrappingKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        let v = try d.version(TfheRsVersions.shortintCompressedBootstrappingKey)
        let at = d.offset
        guard try d.variant("ShortintCompressedBootstrappingKey", count: 2) == 0 else {
            throw .unsupported("multi-bit seeded bootstrapping key at offset \(at) (only classic PBS is supported)")
        }
        bsk = try TfheRsSeededBootstrapKey(from: &d)
        modulusSwitch = try TfheRsCompressedModulusSwitchConfiguration(from: &d, enumForm: v >= 3)
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        let v = e.version(TfheRsVersions.shortintCompressedBootstrappingKey)
        e.u32(0)
        try bsk.encode(to: &e)
        try modulusSwitch.encode(to: &e, enumForm: v >= 3)
    }

    var bulkSize: Int { bsk.data.bytes.count + modulusSwitch.bulkSize }
}

/// The modulus switch before a seeded key's blind rotation, with its seeded key material: an
/// `Option<CompressedModulusSwitchNoiseReductionKey>` in the older layouts, from tfhe-rs 1.3
/// `CompressedModulusSwitchConfiguration` (`T[0]` + u32: 0 Standard, 1
/// DriftTechniqueNoiseReduction(key), 2 CenteredMeanNoiseReduction).
package enum TfheRsCompressedModulusSwitchConfiguration: Sendable, Equatable {
    case standard
    case driftTechniqueNoiseReduction(TfheRsCompressedModulusSwitchNoiseReductionKey)
    case centeredMeanNoiseReduction

    /// `enumForm`: the 1.3+ enum rather than the `Option`.
    init(from d: inout TfheRsDecoder, enumForm: Bool) throws(TfheRsError) {
        if enumForm {
            try d.version(TfheRsVersions.compressedModulusSwitchConfiguration)
            switch try d.variant("CompressedModulusSwitchConfiguration", count: 3) {
            case 0: self = .standard
            case 1: self = .driftTechniqueNoiseReduction(try TfheRsCompressedModulusSwitchNoiseReductionKey(from: &d))
            default: self = .centeredMeanNoiseReduction
            }
        } else {
            self = try d.option() ? .driftTechniqueNoiseReduction(try TfheRsCompressedModulusSwitchNoiseReductionKey(from: &d)) : .standard
        }
    }

    func encode(to e: inout TfheRsEncoder, enumForm: Bool) throws(TfheRsError) {
        if enumForm {
            e.version(TfheRsVersions.compressedModulusSwitchConfiguration)
            switch self {
            case .standard: e.u32(0)
            case .driftTechniqueNoiseReduction(let k): e.u32(1); try k.encode(to: &e)
            case .centeredMeanNoiseReduction: e.u32(2)
            }
        } else {
            switch self {
            case .standard: e.option(false)
            case .driftTechniqueNoiseReduction(let k): e.option(true); try k.encode(to: &e)
            case .centeredMeanNoiseReduction:
                throw .unsupported("the centered-mean modulus switch cannot be written in the \(e.layout) layout (tfhe-rs 1.3 or later is needed)")
            }
        }
    }

    var bulkSize: Int {
        if case .driftTechniqueNoiseReduction(let k) = self { return k.encryptionsOfZero.bodies.bytes.count }
        return 0
    }

    /// "standard", "drift_technique_noise_reduction" or "centered_mean_noise_reduction".
    var name: String {
        switch self {
        case .standard: "standard"
        case .driftTechniqueNoiseReduction: "drift_technique_noise_reduction"
        case .centeredMeanNoiseReduction: "centered_mean_noise_reduction"
        }
    }
}

/// `CompressedModulusSwitchNoiseReductionKey<u64>`: `T[v]` (V0 ≤ 1.1, V1 1.2+, same bytes) ·
/// SeededLweCiphertextList (encryptions of zero under the small key, bodies only) · NTf ms_bound
/// · NTf ms_r_sigma_factor · NTf ms_input_variance.
package struct TfheRsCompressedModulusSwitchNoiseReductionKey: Sendable, Equatable {
    package var encryptionsOfZero: TfheRsSeededLweCiphertextList
    package var msBound: Double
    package var msRSigmaFactor: Double
    package var msInputVariance: Double
}

extension TfheRsCompressedModulusSwitchNoiseReductionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.compressedMSNoiseReductionKey)
        encryptionsOfZero = try TfheRsSeededLweCiphertextList(from: &d)
        try d.version(TfheRsVersions.noiseEstimationMeasureBound)
        msBound = try d.f64()
        try d.version(TfheRsVersions.rSigmaFactor)
        msRSigmaFactor = try d.f64()
        try d.version(TfheRsVersions.variance)
        msInputVariance = try d.f64()
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.compressedMSNoiseReductionKey)
        try encryptionsOfZero.encode(to: &e)
        e.version(TfheRsVersions.noiseEstimationMeasureBound)
        e.f64(msBound)
        e.version(TfheRsVersions.rSigmaFactor)
        e.f64(msRSigmaFactor)
        e.version(TfheRsVersions.variance)
        e.f64(msInputVariance)
    }
}
