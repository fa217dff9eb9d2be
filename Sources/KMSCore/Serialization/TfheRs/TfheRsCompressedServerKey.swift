/// tfhe-rs's high-level `CompressedServerKey` (1.0 – 1.7 layouts), field for field: the seeded
/// form of `TfheRsServerKey`, whose key-switching and bootstrapping keys store only bodies and
/// regenerate their masks from a `CompressionSeed`. Unlike the Fourier `ServerKey` it is plain
/// integers, so a key this library writes can be byte-identical to tfhe-rs's. Bulk material
/// stays a slice of the input bytes (`TfheRsBulk`).
///
/// Layout: `T[2]` hl CompressedServerKey · IntegerCompressedServerKey (`T[2]` 1.0, `T[3]` 1.1 –
/// main 2025-06, `T[4]` 1.3, `T[5]` 1.4–1.5, `T[7]` 1.6+) · `T[2]` integer::CompressedServerKey ·
/// shortint CompressedServerKey (`T[2]` 1.0–1.1: SeededLweKeyswitchKey,
/// ShortintCompressedBootstrappingKey, NT message, NT carry, NT max_degree, NT max_noise_level,
/// CM, U pbs_order; `T[3]` 1.2+: `T[0]` CompressedAtomicPatternServerKey + u32 0 (Standard) ·
/// `T[0]` { SeededLweKeyswitchKey, ShortintCompressedBootstrappingKey, U pbs_order }, then NT
/// message, NT carry, NT max_degree, NT max_noise_level — no CM) · `Opt` casting key · `Opt`
/// compression key · `Opt` decompression key · (1.1+) `Opt` noise-squashing key · (1.3+) `Opt`
/// noise-squashing compression key · (1.4–1.5) `Opt` re-randomization key-switching key · (1.6+)
/// `Opt` re-randomization key · (1.6+) `Opt` OPRF key · Tag.
///
/// Refused as `unsupported`: KeySwitch32 atomic patterns, multi-bit bootstrapping keys, and
/// present re-randomization or OPRF keys.
public struct TfheRsCompressedServerKey: Sendable, Equatable, CustomStringConvertible {
    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "high_level_api::CompressedServerKey"

    package var keySwitchingKey: TfheRsSeededKeyswitchKey
    package var bootstrappingKey: TfheRsCompressedBootstrappingKey
    package var messageModulus: Int
    package var carryModulus: Int
    package var maxDegree: Int
    package var maxNoiseLevel: Int
    package var pbsOrder: TfheRsPBSOrder
    package var castingKey: TfheRsCompressedCastingKey?
    package var compressionKey: TfheRsCompressedCompressionKey?
    package var decompressionKey: TfheRsCompressedDecompressionKey?
    package var noiseSquashingKey: TfheRsCompressedNoiseSquashingKey?
    package var noiseSquashingCompressionKey: TfheRsCompressedNoiseSquashingCompressionKey?
    package var tag: [UInt8]

    public var description: String {
        let bsk = bootstrappingKey.bsk
        return "TfheRsCompressedServerKey(KSK \(keySwitchingKey.inputDimension)→\(keySwitchingKey.outputLweSize - 1), seeded BSK n=\(bsk.inputLweDimension) \(bsk.glweSize - 1)×\(bsk.polynomialSize))"
    }
}

extension TfheRsCompressedServerKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.hlCompressedServerKey)
        let at = d.offset
        let v = try d.version(TfheRsVersions.integerCompressedServerKey)
        try d.require(TfheRsLayoutSet.from(.v1_0), what: "a compressed server key (read from tfhe-rs 1.0 on)", at: at)
        try d.version(TfheRsVersions.integerInnerCompressedServerKey)
        let s = try d.version(TfheRsVersions.shortintCompressedServerKey)
        if s >= 3 {
            try d.version(TfheRsVersions.compressedAtomicPatternServerKey)
            let apAt = d.offset
            guard try d.variant("CompressedAtomicPatternServerKey", count: 2) == 0 else {
                throw .unsupported("KeySwitch32 atomic-pattern compressed server key at offset \(apAt)")
            }
            try d.version(TfheRsVersions.compressedStandardAtomicPatternServerKey)
            keySwitchingKey = try TfheRsSeededKeyswitchKey(from: &d)
            bootstrappingKey = try TfheRsCompressedBootstrappingKey(from: &d)
            pbsOrder = try d.pbsOrder()
            let moduli = try d.blockModuli(at: d.offset)
            (messageModulus, carryModulus) = (moduli.messageModulus, moduli.carryModulus)
            maxDegree = try d.newtype("MaxDegree", max: 1 << 32)
            maxNoiseLevel = try d.newtype("MaxNoiseLevel", max: 1 << 32)
        } else {
            keySwitchingKey = try TfheRsSeededKeyswitchKey(from: &d)
            bootstrappingKey = try TfheRsCompressedBootstrappingKey(from: &d)
            let moduli = try d.blockModuli(at: d.offset)
            (messageModulus, carryModulus) = (moduli.messageModulus, moduli.carryModulus)
            maxDegree = try d.newtype("MaxDegree", max: 1 << 32)
            maxNoiseLevel = try d.newtype("MaxNoiseLevel", max: 1 << 32)
            try d.nativeCiphertextModulus()
            pbsOrder = try d.pbsOrder()
        }
        castingKey = try d.option() ? try TfheRsCompressedCastingKey(from: &d) : nil
        compressionKey = try d.option() ? try TfheRsCompressedCompressionKey(from: &d) : nil
        decompressionKey = try d.option() ? try TfheRsCompressedDecompressionKey(from: &d) : nil
        noiseSquashingKey = nil
        noiseSquashingCompressionKey = nil
        if v >= 3, try d.option() { noiseSquashingKey = try TfheRsCompressedNoiseSquashingKey(from: &d) }
        if v >= 4, try d.option() { noiseSquashingCompressionKey = try TfheRsCompressedNoiseSquashingCompressionKey(from: &d) }
        if v >= 5, try d.option() {
            throw .unsupported("a re-randomization key in the compressed server key at offset \(d.offset)")
        }
        if v >= 7, try d.option() {
            throw .unsupported("an OPRF key in the compressed server key at offset \(d.offset)")
        }
        tag = try d.tag()
        try checkShapes()
    }

    /// The sizes the parts must share: the KSK goes from the big key (k·N) to the small key (n),
    /// the bootstrapping key from n to k×N; the casting key lands on one of the two keys; the
    /// decompression key rotates into the compute GLWE key.
    private func checkShapes() throws(TfheRsError) {
        let bsk = bootstrappingKey.bsk
        let small = keySwitchingKey.outputLweSize - 1, big = (bsk.glweSize - 1) * bsk.polynomialSize
        guard small == bsk.inputLweDimension else {
            throw .invalidField("the seeded key-switching key outputs dimension \(small), the bootstrapping key takes \(bsk.inputLweDimension)")
        }
        guard keySwitchingKey.inputDimension == big else {
            throw .invalidField("the seeded key-switching key takes dimension \(keySwitchingKey.inputDimension), the bootstrapping key outputs \(big)")
        }
        if case .driftTechniqueNoiseReduction(let k) = bootstrappingKey.modulusSwitch, k.encryptionsOfZero.lweSize != small + 1 {
            throw .invalidField("the modulus-switch encryptions of zero have LWE size \(k.encryptionsOfZero.lweSize), the small key \(small + 1)")
        }
        if let c = castingKey {
            let target = c.destinationKey == .big ? big : small
            guard c.keySwitchingKey.outputLweSize - 1 == target else {
                throw .invalidField("the casting key outputs dimension \(c.keySwitchingKey.outputLweSize - 1), the \(c.destinationKey) key has \(target)")
            }
        }
        if let dk = decompressionKey {
            let b = dk.bootstrappingKey.bsk
            guard b.glweSize == bsk.glweSize, b.polynomialSize == bsk.polynomialSize else {
                throw .invalidField("the decompression key outputs \(b.glweSize - 1)×\(b.polynomialSize), the compute key is \(bsk.glweSize - 1)×\(bsk.polynomialSize)")
            }
        }
        if let ns = noiseSquashingKey, ns.bsk.inputLweDimension != small {
            throw .invalidField("the noise-squashing key takes dimension \(ns.bsk.inputLweDimension), the small key has \(small)")
        }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        guard e.layout >= .v1_0 else {
            throw .unsupported("compressed server keys are written in tfhe-rs 1.0 layouts or later, not \(e.layout)")
        }
        e.version(TfheRsVersions.hlCompressedServerKey)
        let v = e.version(TfheRsVersions.integerCompressedServerKey)
        e.version(TfheRsVersions.integerInnerCompressedServerKey)
        if e.version(TfheRsVersions.shortintCompressedServerKey) >= 3 {
            e.version(TfheRsVersions.compressedAtomicPatternServerKey)
            e.u32(0)
            e.version(TfheRsVersions.compressedStandardAtomicPatternServerKey)
            try keySwitchingKey.encode(to: &e)
            try bootstrappingKey.encode(to: &e)
            e.pbsOrder(pbsOrder)
            e.newtype("MessageModulus", messageModulus)
            e.newtype("CarryModulus", carryModulus)
            e.newtype("MaxDegree", maxDegree)
            e.newtype("MaxNoiseLevel", maxNoiseLevel)
        } else {
            try keySwitchingKey.encode(to: &e)
            try bootstrappingKey.encode(to: &e)
            e.newtype("MessageModulus", messageModulus)
            e.newtype("CarryModulus", carryModulus)
            e.newtype("MaxDegree", maxDegree)
            e.newtype("MaxNoiseLevel", maxNoiseLevel)
            e.nativeCiphertextModulus()
            e.pbsOrder(pbsOrder)
        }
        e.option(castingKey != nil)
        if let c = castingKey { try c.encode(to: &e) }
        e.option(compressionKey != nil)
        if let c = compressionKey { try c.encode(to: &e) }
        e.option(decompressionKey != nil)
        if let c = decompressionKey { try c.encode(to: &e) }
        if v >= 3 {
            e.option(noiseSquashingKey != nil)
            if let c = noiseSquashingKey { try c.encode(to: &e) }
        } else if noiseSquashingKey != nil {
            throw .unsupported("a noise-squashing key cannot be written in the \(e.layout) layout (tfhe-rs 1.1 or later is needed)")
        }
        if v >= 4 {
            e.option(noiseSquashingCompressionKey != nil)
            if let c = noiseSquashingCompressionKey { try c.encode(to: &e) }
        } else if noiseSquashingCompressionKey != nil {
            throw .unsupported("a noise-squashing compression key cannot be written in the \(e.layout) layout (tfhe-rs 1.3 or later is needed)")
        }
        if v >= 5 { e.option(false) }
        if v >= 7 { e.option(false) }
        e.tag(tag)
    }

    /// Bytes of bulk material (for size reports).
    package var bulkSize: Int {
        keySwitchingKey.data.bytes.count + bootstrappingKey.bulkSize + (castingKey?.keySwitchingKey.data.bytes.count ?? 0)
            + (compressionKey?.packingKey.data.bytes.count ?? 0) + (decompressionKey?.bootstrappingKey.bulkSize ?? 0)
            + (noiseSquashingKey?.bulkSize ?? 0) + (noiseSquashingCompressionKey?.packingKey.data.bytes.count ?? 0)
    }
}
