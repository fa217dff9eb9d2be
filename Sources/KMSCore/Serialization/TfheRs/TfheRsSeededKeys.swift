/// The `CompressionSeed` of a seeded key, kept whole so the key re-encodes byte for byte: the
/// seed kind (AES-CTR key or XOF seed) and the keystream position the masks start at.
///
/// Layout: V0 (≤ 1.5) `T[0]` + u128 seed (plain: u128), which tfhe-rs 1.6+ reads as
/// `Ctr(seed)` from table index (0, 1); V1 (1.6+) `T[1]` · `T[0]` AesCtrParams { `T[0]` SeedKind
/// + u32 (0 `Ctr`: `T[0]` Seed u128; 1 `Xof`: `T[0]` XofSeed `Vec<u8>` = 8-byte domain separator ‖
/// seed bytes), `T[0]` TableIndex { `T[0]` AesIndex u128, `T[0]` ByteIndex u64 } }.
package struct TfheRsKeyCompressionSeed: Sendable, Equatable, Hashable {
    package enum Kind: Sendable, Equatable, Hashable {
        /// `SeedKind::Ctr(Seed)`: the 16 bytes of the u128 seed, little-endian.
        case ctr([UInt8])
        /// `SeedKind::Xof(XofSeed)`: domain separator (8 bytes) then the seed bytes.
        case xof([UInt8])
    }

    package var kind: Kind
    /// `TableIndex::aes_index`, the AES block the keystream starts at (u128 as two words).
    package var aesIndexLow: UInt64
    package var aesIndexHigh: UInt64
    /// `TableIndex::byte_index`, the byte within that block (0…15).
    package var byteIndex: Int

    package init(kind: Kind, aesIndexLow: UInt64 = 0, aesIndexHigh: UInt64 = 0, byteIndex: Int) {
        self.kind = kind
        self.aesIndexLow = aesIndexLow
        self.aesIndexHigh = aesIndexHigh
        self.byteIndex = byteIndex
    }

    /// A ≤ 1.5 seed (`Ctr`, table index (0, 1): the first keystream byte is skipped).
    package static func legacy(_ seed: [UInt8]) -> TfheRsKeyCompressionSeed {
        TfheRsKeyCompressionSeed(kind: .ctr(seed), byteIndex: 1)
    }

    /// Whether the seed has a ≤ 1.5 (V0) form.
    package var hasLegacyForm: Bool {
        if case .ctr = kind { return aesIndexLow == 0 && aesIndexHigh == 0 && byteIndex == 1 }
        return false
    }

    /// "ctr" or "xof", for reports (the seed itself is not shown).
    package var kindName: String {
        if case .ctr = kind { return "ctr" }
        return "xof"
    }
}

extension TfheRsDecoder {
    /// A key's `CompressionSeed` (see `TfheRsKeyCompressionSeed`).
    mutating func keyCompressionSeed() throws(TfheRsError) -> TfheRsKeyCompressionSeed {
        func bytes(_ s: (low: UInt64, high: UInt64)) -> [UInt8] {
            (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? s.low : s.high) >> UInt64(8 * ($0 % 8))) }
        }
        let at = offset
        guard try version(TfheRsVersions.compressionSeed) >= 1 else { return .legacy(bytes(try u128())) }
        try version(TfheRsVersions.aesCtrParams)
        try version(TfheRsVersions.seedKind)
        let kind: TfheRsKeyCompressionSeed.Kind
        if try variant("SeedKind", count: 2) == 0 {
            try version(TfheRsVersions.seed)
            kind = .ctr(bytes(try u128()))
        } else {
            try version(TfheRsVersions.xofSeed)
            let data = try byteVector(max: limits.maxTagLength)
            guard data.count >= 8 else {
                throw .invalidField("XOF seed at offset \(at) has \(data.count) bytes, fewer than its 8-byte domain separator")
            }
            kind = .xof(data)
        }
        try version(TfheRsVersions.tableIndex)
        try version(TfheRsVersions.aesIndex)
        let aes = try u128()
        try version(TfheRsVersions.byteIndex)
        let byte = try u64()
        guard byte < 16 else { throw .invalidField("seed at offset \(at) starts at byte \(byte) of an AES block (0…15)") }
        return TfheRsKeyCompressionSeed(kind: kind, aesIndexLow: aes.low, aesIndexHigh: aes.high, byteIndex: Int(byte))
    }
}

extension TfheRsEncoder {
    mutating func keyCompressionSeed(_ s: TfheRsKeyCompressionSeed) throws(TfheRsError) {
        func words(_ b: [UInt8]) -> (low: UInt64, high: UInt64) {
            var low: UInt64 = 0, high: UInt64 = 0
            for i in 0..<8 {
                low |= UInt64(b[i]) << UInt64(8 * i)
                high |= UInt64(b[8 + i]) << UInt64(8 * i)
            }
            return (low, high)
        }
        if version(TfheRsVersions.compressionSeed) == 0 {
            guard s.hasLegacyForm, case .ctr(let seed) = s.kind else {
                throw .unsupported("a \(s.kindName) seed starting at table index (\(s.aesIndexLow), \(s.byteIndex)) cannot be written in the \(layout) layout (tfhe-rs 1.6 or later is needed)")
            }
            let v = words(seed)
            u128(low: v.low, high: v.high)
            return
        }
        version(TfheRsVersions.aesCtrParams)
        version(TfheRsVersions.seedKind)
        switch s.kind {
        case .ctr(let seed):
            u32(0)
            version(TfheRsVersions.seed)
            let v = words(seed)
            u128(low: v.low, high: v.high)
        case .xof(let data):
            u32(1)
            version(TfheRsVersions.xofSeed)
            byteVector(data)
        }
        version(TfheRsVersions.tableIndex)
        version(TfheRsVersions.aesIndex)
        u128(low: s.aesIndexLow, high: s.aesIndexHigh)
        version(TfheRsVersions.byteIndex)
        u64(UInt64(s.byteIndex))
    }
}

/// `SeededLweKeyswitchKey<u64>` (`T[2]`): `Vec<u64>` of bodies only, NT decomp_base_log, NT
/// decomp_level_count, NT output_lwe_size, CompressionSeed, CM. Data order: per input key
/// coefficient, `levelCount` bodies (level L first); the masks come from the seed.
package struct TfheRsSeededKeyswitchKey: Sendable, Equatable {
    package var data: TfheRsBulk
    package var baseLog: Int
    package var levelCount: Int
    package var outputLweSize: Int
    package var seed: TfheRsKeyCompressionSeed

    /// Number of input key coefficients.
    package var inputDimension: Int { data.count / max(levelCount, 1) }
}

extension TfheRsSeededKeyswitchKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.seededLweKeyswitchKey)
        let at = d.offset
        data = try d.bulk(elementSize: 8, max: d.remaining / 8)
        baseLog = try d.decomposition("DecompositionBaseLog")
        levelCount = try d.decomposition("DecompositionLevelCount")
        outputLweSize = try d.newtype("LweSize", max: d.limits.maxDimension + 1)
        seed = try d.keyCompressionSeed()
        try d.nativeCiphertextModulus()
        guard baseLog > 0, levelCount > 0, baseLog * levelCount <= 64, outputLweSize >= 2,
              data.count > 0, data.count % levelCount == 0 else {
            throw .invalidField("seeded key-switching key at offset \(at): \(data.count) bodies for 2^\(baseLog)×\(levelCount) levels into LWE size \(outputLweSize)")
        }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.seededLweKeyswitchKey)
        e.bulk(data)
        e.newtype("DecompositionBaseLog", baseLog)
        e.newtype("DecompositionLevelCount", levelCount)
        e.newtype("LweSize", outputLweSize)
        try e.keyCompressionSeed(seed)
        e.nativeCiphertextModulus()
    }
}

/// `SeededLwePackingKeyswitchKey<u64 | u128>` (`T[2]`): `Vec<Scalar>` of body polynomials, NT
/// decomp_base_log, NT decomp_level_count, NT output_glwe_size, NT output_polynomial_size,
/// CompressionSeed, CM. Per input key coefficient, `levelCount` bodies of N coefficients.
package struct TfheRsSeededPackingKeyswitchKey: Sendable, Equatable {
    /// Elements of 8 (u64) or 16 (u128, noise-squashing compression) bytes.
    package var data: TfheRsBulk
    package var baseLog: Int
    package var levelCount: Int
    package var outputGlweSize: Int
    package var outputPolynomialSize: Int
    package var seed: TfheRsKeyCompressionSeed

    /// Number of input key coefficients.
    package var inputDimension: Int { data.count / max(levelCount * outputPolynomialSize, 1) }
}

extension TfheRsSeededPackingKeyswitchKey {
    init(from d: inout TfheRsDecoder, scalarBytes: Int = 8) throws(TfheRsError) {
        try d.version(TfheRsVersions.seededLwePackingKeyswitchKey)
        let at = d.offset
        data = try d.bulk(elementSize: scalarBytes, max: d.remaining / scalarBytes)
        baseLog = try d.newtype("DecompositionBaseLog", max: 8 * scalarBytes)
        levelCount = try d.newtype("DecompositionLevelCount", max: 8 * scalarBytes)
        outputGlweSize = try d.newtype("GlweSize", max: 65)
        outputPolynomialSize = try d.dimension("PolynomialSize")
        seed = try d.keyCompressionSeed()
        if scalarBytes == 16 { try d.nativeCiphertextModulus128() } else { try d.nativeCiphertextModulus() }
        let row = levelCount * outputPolynomialSize
        guard baseLog > 0, baseLog * levelCount <= 8 * scalarBytes, outputGlweSize >= 2, row > 0,
              data.count > 0, data.count % row == 0 else {
            throw .invalidField("seeded packing key-switching key at offset \(at): \(data.count) elements for rows of \(row)")
        }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.seededLwePackingKeyswitchKey)
        e.bulk(data)
        e.newtype("DecompositionBaseLog", baseLog)
        e.newtype("DecompositionLevelCount", levelCount)
        e.newtype("GlweSize", outputGlweSize)
        e.newtype("PolynomialSize", outputPolynomialSize)
        try e.keyCompressionSeed(seed)
        if data.elementSize == 16 { e.nativeCiphertextModulus128() } else { e.nativeCiphertextModulus() }
    }
}

/// `SeededLweBootstrapKey<u64 | u128>` (`T[1]`) = `T[1]` SeededGgswCiphertextList { `Vec<Scalar>`
/// of body polynomials, NT glwe_size, NT polynomial_size, NT decomp_base_log, NT
/// decomp_level_count, CompressionSeed, CM }. Standard (not Fourier) domain: per small-key bit,
/// `levelCount` level matrices (level L first) of `glweSize` rows, each one body polynomial of N
/// coefficients — `n · L · (k+1) · N` elements; the masks come from the seed.
package struct TfheRsSeededBootstrapKey: Sendable, Equatable {
    /// Elements of 8 (u64, PBS and decompression keys) or 16 (u128, noise squashing) bytes.
    package var data: TfheRsBulk
    package var glweSize: Int
    package var polynomialSize: Int
    package var baseLog: Int
    package var levelCount: Int
    package var seed: TfheRsKeyCompressionSeed

    /// n, the dimension of the LWE key the GGSWs encrypt.
    package var inputLweDimension: Int { data.count / max(levelCount * glweSize * polynomialSize, 1) }
}

extension TfheRsSeededBootstrapKey {
    init(from d: inout TfheRsDecoder, scalarBytes: Int = 8) throws(TfheRsError) {
        try d.version(TfheRsVersions.seededLweBootstrapKey)
        try d.version(TfheRsVersions.seededGgswCiphertextList)
        let at = d.offset
        data = try d.bulk(elementSize: scalarBytes, max: d.remaining / scalarBytes)
        glweSize = try d.newtype("GlweSize", max: 65)
        polynomialSize = try d.dimension("PolynomialSize")
        baseLog = try d.newtype("DecompositionBaseLog", max: 8 * scalarBytes)
        levelCount = try d.newtype("DecompositionLevelCount", max: 8 * scalarBytes)
        seed = try d.keyCompressionSeed()
        if scalarBytes == 16 { try d.nativeCiphertextModulus128() } else { try d.nativeCiphertextModulus() }
        // ≤ 65 · 128 · maxDimension: no overflow.
        let perInput = levelCount * glweSize * polynomialSize
        guard glweSize >= 2, polynomialSize > 0, polynomialSize & (polynomialSize - 1) == 0, baseLog > 0, levelCount > 0,
              baseLog * levelCount <= 8 * scalarBytes, data.count > 0, data.count % perInput == 0 else {
            throw .invalidField("seeded bootstrapping key at offset \(at): \(data.count) elements for 2^\(baseLog)×\(levelCount) levels of \(glweSize)×\(polynomialSize)")
        }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.seededLweBootstrapKey)
        e.version(TfheRsVersions.seededGgswCiphertextList)
        e.bulk(data)
        e.newtype("GlweSize", glweSize)
        e.newtype("PolynomialSize", polynomialSize)
        e.newtype("DecompositionBaseLog", baseLog)
        e.newtype("DecompositionLevelCount", levelCount)
        try e.keyCompressionSeed(seed)
        if data.elementSize == 16 { e.nativeCiphertextModulus128() } else { e.nativeCiphertextModulus() }
    }
}

/// `SeededLweCiphertextList<u64>` (`T[0]`): `Vec<u64>` bodies, NT lwe_size, CompressionSeed, CM —
/// one body per ciphertext, the masks from the seed.
package struct TfheRsSeededLweCiphertextList: Sendable, Equatable {
    package var bodies: TfheRsBulk
    package var lweSize: Int
    package var seed: TfheRsKeyCompressionSeed

    package var count: Int { bodies.count }
}

extension TfheRsSeededLweCiphertextList {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.seededLweCiphertextList)
        let at = d.offset
        bodies = try d.bulk(elementSize: 8, max: d.remaining / 8)
        lweSize = try d.newtype("LweSize", max: d.limits.maxDimension + 1)
        seed = try d.keyCompressionSeed()
        try d.nativeCiphertextModulus()
        guard lweSize >= 2 else { throw .invalidField("seeded LWE ciphertext list at offset \(at) has LWE size \(lweSize)") }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.seededLweCiphertextList)
        e.bulk(bodies)
        e.newtype("LweSize", lweSize)
        try e.keyCompressionSeed(seed)
        e.nativeCiphertextModulus()
    }
}

extension TfheRsKeyCompressionSeed {
    /// A fresh seed of 16 bytes drawn from `randomness` for a key written in `layout`, with the
    /// AES-CTR generator of its masks: from byte 0 of the stream for 1.6 on (`CompressionSeed`
    /// V1, table index 0), after its first byte up to 1.5 (V0), as tfhe-rs makes its keys.
    package static func draw(for layout: TfheRsLayout, from randomness: RandomGenerator) throws(TfheRsError) -> (TfheRsKeyCompressionSeed, AesCtrGenerator) {
        let modern = layout >= .v1_6
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes.withUnsafeMutableBytes { randomness.fill($0) }
        let seed = modern ? TfheRsKeyCompressionSeed(kind: .ctr(bytes), byteIndex: 0) : .legacy(bytes)
        return (seed, try seed.maskGenerator())
    }

    /// The AES-CTR mask generator of an AES-CTR seed starting at byte 0 or 1 of block 0 (the
    /// positions tfhe-rs makes keys at).
    /// - Throws: `TfheRsError.unsupported` for XOF seeds and other start positions.
    package func maskGenerator() throws(TfheRsError) -> AesCtrGenerator {
        guard case .ctr(let bytes) = kind, aesIndexLow == 0, aesIndexHigh == 0, byteIndex <= 1 else {
            throw .unsupported("a \(kindName) seed starting at table index (\(aesIndexLow), \(byteIndex))")
        }
        do { return try AesCtrGenerator(seed: bytes, start: byteIndex == 1 ? .skipFirstByte : .fromFirstByte) } catch {
            throw .invalidField("seed: \(error)")
        }
    }
}
