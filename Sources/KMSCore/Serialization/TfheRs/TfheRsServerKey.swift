/// tfhe-rs's high-level `ServerKey` (1.0 – 1.7 layouts), field for field: the shortint server key
/// (key-switching key, Fourier bootstrapping key with its modulus-switch configuration, block
/// moduli) and the optional casting, compression, decompression and noise-squashing keys. Bulk
/// material stays a slice of the input bytes (`TfheRsBulk`), so reading a 131 MB key costs the
/// input and a few hundred bytes, and re-encoding gives the same bytes.
///
/// Layout: `T[3]` hl ServerKey · IntegerServerKey (`T[4]` 1.0, `T[5]` 1.1–1.2, `T[6]` 1.3, `T[7]`
/// 1.4–1.5, `T[9]` 1.6+) · `T[1]` integer::ServerKey · shortint ServerKey (`T[1]` 1.0–1.1: KSK,
/// bootstrapping key, NT message, NT carry, NT max_degree, NT max_noise_level, CM, U pbs_order;
/// `T[2]` 1.2+: `AtomicPatternServerKey::Standard { KSK, bootstrapping key, U pbs_order }`, then
/// the moduli, degree, noise level, CM) · `Opt` casting key · `Opt` compression key · `Opt`
/// decompression key · (1.1+) `Opt` noise-squashing key · (1.3+) `Opt` noise-squashing
/// compression key · (1.4+) `Opt` re-randomization key · (1.6+) `Opt` OPRF key · Tag.
public struct TfheRsServerKey: Sendable, Equatable, CustomStringConvertible {
    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "high_level_api::ServerKey"

    package var keySwitchingKey: TfheRsKeyswitchKey
    package var bootstrappingKey: TfheRsBootstrappingKey
    package var messageModulus: Int
    package var carryModulus: Int
    package var maxDegree: Int
    package var maxNoiseLevel: Int
    package var pbsOrder: TfheRsPBSOrder
    package var castingKey: TfheRsCastingKey?
    package var compressionKey: TfheRsCompressionKey?
    package var decompressionKey: TfheRsDecompressionKey?
    package var noiseSquashingKey: TfheRsNoiseSquashingKey?
    package var noiseSquashingCompressionKey: TfheRsNoiseSquashingCompressionKey?
    package var tag: [UInt8]

    public var description: String {
        "TfheRsServerKey(KSK \(keySwitchingKey.inputDimension)→\(keySwitchingKey.outputLweSize - 1), BSK n=\(bootstrappingKey.bsk.inputLweDimension) \(bootstrappingKey.bsk.glweSize - 1)×\(bootstrappingKey.bsk.polynomialSize))"
    }
}

extension TfheRsServerKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.hlServerKey)
        let at = d.offset
        let v = try d.version(TfheRsVersions.integerServerKey)
        try d.require(TfheRsLayoutSet(TfheRsLayout.allCases.filter { $0 >= .v1_0 }), what: "a server key (read from tfhe-rs 1.0 on)", at: at)
        try d.version(TfheRsVersions.integerShortintServerKey)
        let s = try d.version(TfheRsVersions.shortintServerKey)
        if s >= 2 {
            try d.version(TfheRsVersions.atomicPatternServerKey)
            let at = d.offset
            guard try d.variant("AtomicPatternServerKey", count: 2) == 0 else {
                throw .unsupported("KeySwitch32 atomic-pattern server key at offset \(at)")
            }
            try d.version(TfheRsVersions.standardAtomicPatternServerKey)
            keySwitchingKey = try TfheRsKeyswitchKey(from: &d)
            bootstrappingKey = try TfheRsBootstrappingKey(from: &d)
            pbsOrder = try d.pbsOrder()
            let moduli = try d.blockModuli(at: d.offset)
            (messageModulus, carryModulus) = (moduli.messageModulus, moduli.carryModulus)
            maxDegree = try d.newtype("MaxDegree", max: 1 << 32)
            maxNoiseLevel = try d.newtype("MaxNoiseLevel", max: 1 << 32)
            try d.nativeCiphertextModulus()
        } else {
            keySwitchingKey = try TfheRsKeyswitchKey(from: &d)
            bootstrappingKey = try TfheRsBootstrappingKey(from: &d)
            let moduli = try d.blockModuli(at: d.offset)
            (messageModulus, carryModulus) = (moduli.messageModulus, moduli.carryModulus)
            maxDegree = try d.newtype("MaxDegree", max: 1 << 32)
            maxNoiseLevel = try d.newtype("MaxNoiseLevel", max: 1 << 32)
            try d.nativeCiphertextModulus()
            pbsOrder = try d.pbsOrder()
        }
        castingKey = try d.option() ? try TfheRsCastingKey(from: &d) : nil
        compressionKey = try d.option() ? try TfheRsCompressionKey(from: &d) : nil
        decompressionKey = try d.option() ? try TfheRsDecompressionKey(from: &d) : nil
        noiseSquashingKey = nil
        noiseSquashingCompressionKey = nil
        if v >= 5, try d.option() { noiseSquashingKey = try TfheRsNoiseSquashingKey(from: &d) }
        if v >= 6, try d.option() { noiseSquashingCompressionKey = try TfheRsNoiseSquashingCompressionKey(from: &d) }
        if v >= 7, try d.option() {
            throw .unsupported("a re-randomization key in the server key at offset \(d.offset)")
        }
        if v >= 9, try d.option() {
            throw .unsupported("an OPRF key in the server key at offset \(d.offset)")
        }
        tag = try d.tag()
        try checkShapes()
    }

    /// The sizes the parts must share: the KSK goes from the big key (k·N) to the small key
    /// (n), the bootstrapping key from n to k×N.
    private func checkShapes() throws(TfheRsError) {
        let bsk = bootstrappingKey.bsk
        guard keySwitchingKey.outputLweSize - 1 == bsk.inputLweDimension else {
            throw .invalidField("the key-switching key outputs dimension \(keySwitchingKey.outputLweSize - 1), the bootstrapping key takes \(bsk.inputLweDimension)")
        }
        guard keySwitchingKey.inputDimension == (bsk.glweSize - 1) * bsk.polynomialSize else {
            throw .invalidField("the key-switching key takes dimension \(keySwitchingKey.inputDimension), the bootstrapping key outputs \((bsk.glweSize - 1) * bsk.polynomialSize)")
        }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        guard e.layout >= .v1_0 else {
            throw .unsupported("server keys are written in tfhe-rs 1.0 layouts or later, not \(e.layout)")
        }
        e.version(TfheRsVersions.hlServerKey)
        let v = e.version(TfheRsVersions.integerServerKey)
        e.version(TfheRsVersions.integerShortintServerKey)
        let s = e.version(TfheRsVersions.shortintServerKey)
        if s >= 2 {
            e.version(TfheRsVersions.atomicPatternServerKey)
            e.u32(0)
            e.version(TfheRsVersions.standardAtomicPatternServerKey)
            keySwitchingKey.encode(to: &e)
            try bootstrappingKey.encode(to: &e)
            e.pbsOrder(pbsOrder)
            e.newtype("MessageModulus", messageModulus)
            e.newtype("CarryModulus", carryModulus)
            e.newtype("MaxDegree", maxDegree)
            e.newtype("MaxNoiseLevel", maxNoiseLevel)
            e.nativeCiphertextModulus()
        } else {
            keySwitchingKey.encode(to: &e)
            try bootstrappingKey.encode(to: &e)
            e.newtype("MessageModulus", messageModulus)
            e.newtype("CarryModulus", carryModulus)
            e.newtype("MaxDegree", maxDegree)
            e.newtype("MaxNoiseLevel", maxNoiseLevel)
            e.nativeCiphertextModulus()
            e.pbsOrder(pbsOrder)
        }
        e.option(castingKey != nil)
        if let c = castingKey { c.encode(to: &e) }
        e.option(compressionKey != nil)
        if let c = compressionKey { c.encode(to: &e) }
        e.option(decompressionKey != nil)
        if let c = decompressionKey { try c.encode(to: &e) }
        if v >= 5 {
            e.option(noiseSquashingKey != nil)
            if let c = noiseSquashingKey { try c.encode(to: &e) }
        } else if noiseSquashingKey != nil {
            throw .unsupported("a noise-squashing key cannot be written in the \(e.layout) layout (tfhe-rs 1.1 or later is needed)")
        }
        if v >= 6 {
            e.option(noiseSquashingCompressionKey != nil)
            if let c = noiseSquashingCompressionKey { c.encode(to: &e) }
        } else if noiseSquashingCompressionKey != nil {
            throw .unsupported("a noise-squashing compression key cannot be written in the \(e.layout) layout (tfhe-rs 1.3 or later is needed)")
        }
        if v >= 7 { e.option(false) }
        if v >= 9 { e.option(false) }
        e.tag(tag)
    }

    /// Bytes of bulk material (for size reports).
    package var bulkSize: Int {
        keySwitchingKey.data.bytes.count + bootstrappingKey.bulkSize + (castingKey?.keySwitchingKey.data.bytes.count ?? 0)
            + (compressionKey?.packingKey.data.bytes.count ?? 0) + (decompressionKey?.bootstrappingKey.bulkSize ?? 0)
            + (noiseSquashingKey?.bsk.bulkSize ?? 0) + (noiseSquashingCompressionKey?.packingKey.data.bytes.count ?? 0)
    }
}
