/// A GLWE ciphertext over Z_{2^128} packing squashed-noise blocks, modulus-switched and
/// bit-packed (`CompressedModulusSwitchedGlweCiphertext<u128>`): `T[0]` · `T[0]` PackedIntegers {
/// `Vec<u128>` packed_coeffs, NT log_modulus, u64 initial_len } · NT glwe_dimension · NT
/// polynomial_size · NT bodies_count · CM<u128>. The packed values are the k·N mask coefficients
/// then the first `bodies_count` body coefficients, `log_modulus` bits each (128 for tfhe-rs's
/// noise-squashing compression: no modulus switch), end to end from the low bits of word 0.
package struct TfheRsModulusSwitchedGlwe128: Sendable, Equatable {
    /// ⌈initial_len · log_modulus / 128⌉ little-endian u128 words, a slice of the input.
    package var packed: TfheRsBulk
    package var logModulus: Int
    /// Number of packed values: k·N + bodiesCount.
    package var initialLength: Int
    package var glweDimension: Int
    package var polynomialSize: Int
    package var bodiesCount: Int

    package init(packed: TfheRsBulk, logModulus: Int, glweDimension: Int, polynomialSize: Int, bodiesCount: Int) throws(TfheRsError) {
        guard glweDimension > 0, polynomialSize > 0, (0...polynomialSize).contains(bodiesCount), (1...128).contains(logModulus) else {
            throw .invalidField("a compressed 128-bit GLWE \(glweDimension)×\(polynomialSize) cannot store \(bodiesCount) bodies of \(logModulus) bits")
        }
        // ≤ 64 · maxDimension + maxDimension values of ≤ 128 bits: no overflow.
        let values = glweDimension * polynomialSize + bodiesCount
        guard packed.elementSize == 16, packed.bytes.count % 16 == 0, packed.count == (values * logModulus + 127) / 128 else {
            throw .invalidField("a compressed 128-bit GLWE of \(values) values of \(logModulus) bits needs \((values * logModulus + 127) / 128) words, got \(packed.count)")
        }
        self.packed = packed
        self.logModulus = logModulus
        self.initialLength = values
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.bodiesCount = bodiesCount
    }
}

/// tfhe-rs's high-level `CompressedSquashedNoiseCiphertextList` (1.3+): squashed-noise values
/// (`SquashedNoiseFheUint`/`FheInt`/`FheBool`) packed into 128-bit GLWE ciphertexts by the
/// noise-squashing compression key — the form fhEVM's threshold decryption receives. Read,
/// written and described here; not decrypted yet.
///
/// Layout: `T[0]` hl { inner (written as the integer list directly, in both modes), Tag } ·
/// `T[0]` integer { shortint list, `Vec<DataKind>` } · `T[0]` shortint {
/// `Vec<CompressedModulusSwitchedGlweCiphertext<u128>>`, `Opt<T[0]
/// CompressedSquashedNoiseCiphertextListMeta { NT message_modulus, NT carry_modulus, NT
/// lwe_per_glwe }>` (absent only for an empty list) }. An entry of `b` blocks spans ⌈b / 2⌉
/// squashed-noise blocks (a boolean one); their total is the sum of the GLWEs' bodies.
public struct TfheRsCompressedSquashedNoiseCiphertextList: Sendable, Equatable {
    /// `CompressedSquashedNoiseCiphertextListMeta`.
    package struct Meta: Sendable, Equatable {
        package var messageModulus: Int
        package var carryModulus: Int
        package var lwePerGlwe: Int
    }

    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "high_level_api::CompressedSquashedNoiseCiphertextList"

    package var glweCiphertexts: [TfheRsModulusSwitchedGlwe128]
    package var meta: Meta?
    package var info: [TfheRsDataKind]
    package var tag: [UInt8]

    /// Checks that the entries' blocks add up to the bodies stored and that a non-empty list has
    /// its metadata.
    package init(glweCiphertexts: [TfheRsModulusSwitchedGlwe128], meta: Meta?, info: [TfheRsDataKind], tag: [UInt8] = []) throws(TfheRsError) {
        let stored = glweCiphertexts.reduce(0) { $0 + $1.bodiesCount }
        guard let meta else {
            guard stored == 0, info.isEmpty else {
                throw .invalidField("a squashed-noise list with \(stored) blocks and \(info.count) entries has no metadata")
            }
            self.glweCiphertexts = glweCiphertexts
            self.meta = nil
            self.info = info
            self.tag = tag
            return
        }
        guard meta.lwePerGlwe > 0, glweCiphertexts.allSatisfy({ $0.bodiesCount <= meta.lwePerGlwe }) else {
            throw .invalidField("a compressed GLWE holds more bodies than the list's \(meta.lwePerGlwe) per GLWE")
        }
        // Entries ≤ maxListLength of ≤ maxListLength blocks: no overflow.
        let needed = info.reduce(0) { $0 + ($1.blockCount(messageModulus: meta.messageModulus) + 1) / 2 }
        guard needed == stored else {
            throw .invalidField("the squashed-noise list stores \(stored) blocks; its data kinds need \(needed)")
        }
        self.glweCiphertexts = glweCiphertexts
        self.meta = meta
        self.info = info
        self.tag = tag
    }

    /// Number of squashed-noise blocks stored.
    package var blockCount: Int { glweCiphertexts.reduce(0) { $0 + $1.bodiesCount } }
}

extension TfheRsCompressedSquashedNoiseCiphertextList {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        let at = d.offset
        try d.version(TfheRsVersions.hlCompressedSquashedNoiseList)
        try d.require(TfheRsLayoutSet.from(.v1_3), what: "a compressed squashed-noise list (tfhe-rs 1.3 on)", at: at)
        try d.version(TfheRsVersions.integerCompressedSquashedNoiseList)
        try d.version(TfheRsVersions.shortintCompressedSquashedNoiseList)
        // A compressed GLWE takes at least 72 bytes plain.
        let n = try d.vecLength("compressed GLWE count", max: min(d.limits.maxListLength, d.remaining / 72))
        var glwes: [TfheRsModulusSwitchedGlwe128] = []
        glwes.reserveCapacity(n)
        for _ in 0..<n {
            try d.version(TfheRsVersions.modulusSwitchedGlwe)
            try d.version(TfheRsVersions.packedIntegers)
            let packedAt = d.offset
            let packed = try d.bulk(elementSize: 16, max: d.remaining / 16)
            let log = try d.newtype("CiphertextModulusLog", max: 128)
            let initialLength = try d.count("initial_len", max: d.limits.maxListLength * 64)
            let k = try d.newtype("GlweDimension", max: 64)
            let size = try d.dimension("PolynomialSize")
            let bodies = try d.dimension("LweCiphertextCount")
            try d.nativeCiphertextModulus128()
            guard initialLength == k * size + bodies else {
                throw .invalidField("compressed 128-bit GLWE at offset \(packedAt): \(initialLength) packed values for \(k)×\(size) and \(bodies) bodies")
            }
            glwes.append(try TfheRsModulusSwitchedGlwe128(packed: packed, logModulus: log, glweDimension: k, polynomialSize: size, bodiesCount: bodies))
        }
        var meta: Meta?
        if try d.option() {
            try d.version(TfheRsVersions.compressedSquashedNoiseListMeta)
            let moduli = try d.blockModuli(at: d.offset)
            meta = Meta(messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus, lwePerGlwe: try d.dimension("LweCiphertextCount"))
        }
        let info = try d.dataKinds()
        try self.init(glweCiphertexts: glwes, meta: meta, info: info, tag: try d.tag())
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        guard e.layout >= .v1_3 else {
            throw .unsupported("compressed squashed-noise lists are written in tfhe-rs 1.3 layouts or later, not \(e.layout)")
        }
        e.version(TfheRsVersions.hlCompressedSquashedNoiseList)
        e.version(TfheRsVersions.integerCompressedSquashedNoiseList)
        e.version(TfheRsVersions.shortintCompressedSquashedNoiseList)
        e.count(glweCiphertexts.count)
        for g in glweCiphertexts {
            e.version(TfheRsVersions.modulusSwitchedGlwe)
            e.version(TfheRsVersions.packedIntegers)
            e.bulk(g.packed)
            e.newtype("CiphertextModulusLog", g.logModulus)
            e.count(g.initialLength)
            e.newtype("GlweDimension", g.glweDimension)
            e.newtype("PolynomialSize", g.polynomialSize)
            e.newtype("LweCiphertextCount", g.bodiesCount)
            e.nativeCiphertextModulus128()
        }
        e.option(meta != nil)
        if let m = meta {
            e.version(TfheRsVersions.compressedSquashedNoiseListMeta)
            e.newtype("MessageModulus", m.messageModulus)
            e.newtype("CarryModulus", m.carryModulus)
            e.newtype("LweCiphertextCount", m.lwePerGlwe)
        }
        try e.dataKinds(info)
        e.tag(tag)
    }

    /// The size estimate for the writer's buffer.
    var estimatedSize: Int { glweCiphertexts.reduce(512 + 16 * info.count + tag.count) { $0 + $1.packed.bytes.count + 128 } }
}
