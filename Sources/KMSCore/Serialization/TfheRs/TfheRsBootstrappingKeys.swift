/// `ShortintBootstrappingKey` (written as `SerializableShortintBootstrappingKey`: V1 ≤ main 2025-06,
/// V2 1.3+): variant 0 `Classic { FourierLweBootstrapKey, modulus switch }`; multi-bit refused.
package struct TfheRsBootstrappingKey: Sendable, Equatable {
    package var bsk: TfheRsFourierBootstrapKey
    package var modulusSwitch: TfheRsModulusSwitchConfiguration

    init(bsk: TfheRsFourierBootstrapKey, modulusSwitch: TfheRsModulusSwitchConfiguration) {
        self.bsk = bsk
        self.modulusSwitch = modulusSwitch
    }
}

extension TfheRsBootstrappingKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        let v = try d.version(TfheRsVersions.shortintBootstrappingKey)
        let at = d.offset
        guard try d.variant("ShortintBootstrappingKey", count: 2) == 0 else {
            throw .unsupported("multi-bit bootstrapping key at offset \(at) (only classic PBS is supported)")
        }
        bsk = try TfheRsFourierBootstrapKey(from: &d)
        modulusSwitch = try TfheRsModulusSwitchConfiguration(from: &d, bootstrappingKeyVersion: v)
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        let v = e.version(TfheRsVersions.shortintBootstrappingKey)
        e.u32(0)
        bsk.encode(to: &e)
        try modulusSwitch.encode(to: &e, bootstrappingKeyVersion: v)
    }

    var bulkSize: Int { bsk.polynomials.bytes.count + modulusSwitch.bulkSize }
}

/// `FourierLweBootstrapKey` (`T[1]`): the Fourier-domain GGSW list — `FourierPolynomialList`
/// (versioned `u32 0`, then a seq of `2 + P` items: u64 N, u64 P, P polynomials each `u64 N/2`
/// and N/2 `(f64 re, f64 im)`) — then NT input_lwe_dimension, NT glwe_size, NT base_log, NT level.
/// `P = n · L · (k+1)²`; the polynomials (length prefixes included) stay raw.
package struct TfheRsFourierBootstrapKey: Sendable, Equatable {
    package var polynomials: TfheRsBulk
    package var polynomialSize: Int
    package var polynomialCount: Int
    package var inputLweDimension: Int
    package var glweSize: Int
    package var baseLog: Int
    package var levelCount: Int
}

extension TfheRsFourierBootstrapKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.fourierLweBootstrapKey)
        let at = d.offset
        if d.versioned {
            guard try d.u32() == 0 else { throw .unknownVariant(type: "FourierPolynomialList", value: 1, offset: at) }
        }
        let seqLength = try d.u64()
        let n = try d.count("polynomial size", max: d.limits.maxDimension)
        let p = try d.count("polynomial count", max: d.remaining / 8)
        guard n >= 2, n & (n - 1) == 0, seqLength == UInt64(p) + 2 else {
            throw .invalidField("Fourier polynomial list at offset \(at): \(seqLength) items for \(p) polynomials of size \(n)")
        }
        let perPolynomial = 8 + (n / 2) * 16
        guard p <= d.remaining / perPolynomial else {
            throw .malformed(.truncated(offset: d.offset, needed: p * perPolynomial))
        }
        let start = d.offset
        for i in 0..<p {
            let half = try d.u64()
            guard half == UInt64(n / 2) else {
                throw .invalidField("Fourier polynomial \(i) at offset \(d.offset - 8) has \(half) coefficients, expected \(n / 2)")
            }
            try d.skip(n / 2 * 16)
        }
        polynomials = TfheRsBulk(bytes: d.bytes[start ..< d.offset], elementSize: perPolynomial)
        polynomialSize = n
        polynomialCount = p
        inputLweDimension = try d.dimension("LweDimension")
        glweSize = try d.newtype("GlweSize", max: 65)
        baseLog = try d.decomposition("DecompositionBaseLog")
        levelCount = try d.decomposition("DecompositionLevelCount")
        guard glweSize >= 2, baseLog > 0, levelCount > 0,
              p == inputLweDimension * levelCount * glweSize * glweSize else {
            throw .invalidField("Fourier bootstrapping key at offset \(at): \(p) polynomials for n=\(inputLweDimension), L=\(levelCount), k+1=\(glweSize)")
        }
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersions.fourierLweBootstrapKey)
        if e.versioned { e.u32(0) }
        e.u64(UInt64(polynomialCount + 2))
        e.u64(UInt64(polynomialSize))
        e.u64(UInt64(polynomialCount))
        e.writer.writeRaw(polynomials.bytes)
        e.newtype("LweDimension", inputLweDimension)
        e.newtype("GlweSize", glweSize)
        e.newtype("DecompositionBaseLog", baseLog)
        e.newtype("DecompositionLevelCount", levelCount)
    }
}

/// The modulus switch before blind rotation, with its key material.
package enum TfheRsModulusSwitchConfiguration: Sendable, Equatable {
    case standard
    case driftTechniqueNoiseReduction(TfheRsModulusSwitchNoiseReductionKey)
    case centeredMeanNoiseReduction

    /// V1 (≤ 1.2, main 2025-06): `Option<key>`; V2 (1.3+): `T[0]` + u32 (0 Standard, 1 Drift(key), 2 CenteredMean).
    init(from d: inout TfheRsDecoder, bootstrappingKeyVersion v: UInt32) throws(TfheRsError) {
        if v >= 2 {
            try d.version(TfheRsVersions.modulusSwitchConfiguration)
            switch try d.variant("ModulusSwitchConfiguration", count: 3) {
            case 0: self = .standard
            case 1: self = .driftTechniqueNoiseReduction(try TfheRsModulusSwitchNoiseReductionKey(from: &d))
            default: self = .centeredMeanNoiseReduction
            }
        } else {
            self = try d.option() ? .driftTechniqueNoiseReduction(try TfheRsModulusSwitchNoiseReductionKey(from: &d)) : .standard
        }
    }

    func encode(to e: inout TfheRsEncoder, bootstrappingKeyVersion v: UInt32) throws(TfheRsError) {
        if v >= 2 {
            e.version(TfheRsVersions.modulusSwitchConfiguration)
            switch self {
            case .standard: e.u32(0)
            case .driftTechniqueNoiseReduction(let k): e.u32(1); k.encode(to: &e)
            case .centeredMeanNoiseReduction: e.u32(2)
            }
        } else {
            if self == .centeredMeanNoiseReduction {
                throw .unsupported("the centered-mean modulus switch cannot be written in the \(e.layout) layout")
            }
            if case .driftTechniqueNoiseReduction(let k) = self { e.option(true); k.encode(to: &e) } else { e.option(false) }
        }
    }

    var bulkSize: Int {
        if case .driftTechniqueNoiseReduction(let k) = self { return k.encryptionsOfZero.bytes.count }
        return 0
    }
}

/// `ModulusSwitchNoiseReductionKey`: `T[v]` · `T[0]` LweCiphertextList { `Vec<u64>`, NT lwe_size,
/// CM } (encryptions of zero under the small key) · NTf ms_bound · NTf r_sigma · NTf variance.
package struct TfheRsModulusSwitchNoiseReductionKey: Sendable, Equatable {
    package var encryptionsOfZero: TfheRsBulk
    package var lweSize: Int
    package var msBound: Double
    package var msRSigmaFactor: Double
    package var msInputVariance: Double
}

extension TfheRsModulusSwitchNoiseReductionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.msNoiseReductionKey)
        try d.version(TfheRsVersions.lweCiphertextList)
        let at = d.offset
        encryptionsOfZero = try d.bulk(elementSize: 8, max: d.remaining / 8)
        lweSize = try d.newtype("LweSize", max: d.limits.maxDimension + 1)
        try d.nativeCiphertextModulus()
        guard lweSize >= 2, encryptionsOfZero.count % lweSize == 0 else {
            throw .invalidField("modulus-switch noise-reduction key at offset \(at): \(encryptionsOfZero.count) words for LWE size \(lweSize)")
        }
        try d.version(TfheRsVersions.noiseEstimationMeasureBound)
        msBound = try d.f64()
        try d.version(TfheRsVersions.rSigmaFactor)
        msRSigmaFactor = try d.f64()
        try d.version(TfheRsVersions.variance)
        msInputVariance = try d.f64()
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersions.msNoiseReductionKey)
        e.version(TfheRsVersions.lweCiphertextList)
        e.bulk(encryptionsOfZero)
        e.newtype("LweSize", lweSize)
        e.nativeCiphertextModulus()
        e.version(TfheRsVersions.noiseEstimationMeasureBound)
        e.f64(msBound)
        e.version(TfheRsVersions.rSigmaFactor)
        e.f64(msRSigmaFactor)
        e.version(TfheRsVersions.variance)
        e.f64(msInputVariance)
    }
}

/// `Fourier128LweBootstrapKey` (`T[1]`): four `Vec<f64>` (re hi, re lo, im hi, im lo of the
/// double-double Fourier coefficients), NT polynomial_size, NT input_lwe_dimension, NT glwe_size,
/// NT base_log, NT level.
package struct TfheRsFourier128BootstrapKey: Sendable, Equatable {
    package var parts: [TfheRsBulk]
    package var polynomialSize: Int
    package var inputLweDimension: Int
    package var glweSize: Int
    package var baseLog: Int
    package var levelCount: Int
}

extension TfheRsFourier128BootstrapKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.fourier128LweBootstrapKey)
        let at = d.offset
        var parts: [TfheRsBulk] = []
        for _ in 0..<4 { parts.append(try d.bulk(elementSize: 8, max: d.remaining / 8)) }
        self.parts = parts
        polynomialSize = try d.dimension("PolynomialSize")
        inputLweDimension = try d.dimension("LweDimension")
        glweSize = try d.newtype("GlweSize", max: 65)
        baseLog = try d.newtype("DecompositionBaseLog", max: 128)
        levelCount = try d.newtype("DecompositionLevelCount", max: 128)
        let expected = inputLweDimension * levelCount * glweSize * glweSize * (polynomialSize / 2)
        guard polynomialSize >= 2, parts.allSatisfy({ $0.count == expected }) else {
            throw .invalidField("128-bit Fourier bootstrapping key at offset \(at): parts of \(parts.map(\.count)) for \(expected) coefficients")
        }
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersions.fourier128LweBootstrapKey)
        for p in parts { e.bulk(p) }
        e.newtype("PolynomialSize", polynomialSize)
        e.newtype("LweDimension", inputLweDimension)
        e.newtype("GlweSize", glweSize)
        e.newtype("DecompositionBaseLog", baseLog)
        e.newtype("DecompositionLevelCount", levelCount)
    }

    var bulkSize: Int { parts.reduce(0) { $0 + $1.bytes.count } }
}
