/// One seeded shortint block (`shortint::CompressedCiphertext` holding a `SeededLweCiphertext`):
/// only the body is stored; the mask is the first n u64 words of the tfhe-rs AES-CTR stream of
/// `seed`, from the stream position the seed names (tfhe-rs ≤ 1.5 seeds skip the first
/// keystream byte; 1.6+ `AesCtrParams` seeds give the position, (0, 0) for new ones).
public struct TfheRsSeededBlock: Sendable, Equatable, Hashable {
    package var body: UInt64
    /// n, the dimension of the key (LWE size − 1).
    package var lweDimension: Int
    /// The 128-bit `CompressionSeed`, little-endian.
    package var seed: [UInt8]
    package var metadata: TfheRsBlockMetadata
    /// Whether the mask starts at keystream byte 1 (≤ 1.5 seeds, and 1.6+ seeds with table
    /// index (0, 1)) rather than byte 0.
    package var skipsFirstByte = true

    package init(body: UInt64, lweDimension: Int, seed: [UInt8], metadata: TfheRsBlockMetadata) throws(TfheRsError) {
        guard seed.count == 16 else { throw .invalidField("a compression seed is 16 bytes, got \(seed.count)") }
        guard lweDimension > 0 else { throw .invalidField("seeded LWE ciphertext needs a positive dimension") }
        self.body = body
        self.lweDimension = lweDimension
        self.seed = seed
        self.metadata = metadata
    }

    /// The full LWE ciphertext `[a_0 … a_{n−1}, b]`, its mask regenerated from the seed
    /// (`8·(n+1)` bytes; check `lweDimension` against the key before calling this on input).
    package func decompressed() -> [UInt64] {
        // 16-byte seed by construction.
        guard let g = try? AesCtrGenerator(seed: seed, start: skipsFirstByte ? .skipFirstByte : .fromFirstByte) else { return [] }
        var ct = g.uniformWords(lweDimension)
        ct.append(body)
        return ct
    }
}

/// tfhe-rs's seeded compressed high-level ciphertexts: `CompressedFheUint` / `CompressedFheInt`
/// (`Seeded` variant) and `CompressedFheBool` (`Seeded` variant).
///
/// Layouts: `CompressedFheUint` = `T[1]` · `T[1]` CompressedRadixCiphertext + u32 variant (0 Seeded)
/// · `T[0]` BaseRadixCiphertext · Vec<block> · Tag; `CompressedFheBool` = `T[1]` · `T[0]`
/// InnerCompressedFheBool + u32 variant (0 Seeded) · block · Tag. A block is `T[0]` ·
/// `T[0]` SeededLweCiphertext { u64 body, LweSize, `T[0]` CompressionSeed u128, CiphertextModulus } ·
/// Degree · MessageModulus · CarryModulus · PBSOrder · NoiseLevel (132 bytes versioned).
/// The `ModulusSwitched` variants are recognised and reported as unsupported.
public struct TfheRsSeededCiphertext: Sendable, Equatable {
    package var kind: TfheRsFheCiphertext.Kind
    package var blocks: [TfheRsSeededBlock]
    package var tag: [UInt8]

    package init(kind: TfheRsFheCiphertext.Kind, blocks: [TfheRsSeededBlock], tag: [UInt8] = []) throws(TfheRsError) {
        guard !blocks.isEmpty, kind != .boolean || blocks.count == 1 else {
            throw .invalidField("a compressed \(kind) cannot have \(blocks.count) blocks")
        }
        guard blocks.allSatisfy({ $0.lweDimension == blocks[0].lweDimension }) else {
            throw .invalidField("the blocks of a compressed ciphertext have different dimensions")
        }
        self.kind = kind
        self.blocks = blocks
        self.tag = tag
    }

    /// The tfhe-rs type name (`high_level_api::CompressedFheUint`, …).
    public var typeName: String { Self.typeName(kind) }

    static func typeName(_ kind: TfheRsFheCiphertext.Kind) -> String {
        switch kind {
        case .unsigned: "high_level_api::CompressedFheUint"
        case .signed: "high_level_api::CompressedFheInt"
        case .boolean: "high_level_api::CompressedFheBool"
        }
    }

    /// The size in bytes of the blocks once their masks are regenerated: `count · (n + 1) · 8`.
    package var expandedSize: Int {
        // count ≤ maxListLength and n ≤ maxDimension after reading: no overflow.
        blocks.count * (blocks[0].lweDimension + 1) * 8
    }

    /// The blocks with their masks regenerated (tfhe-rs `decompress`, without any server key).
    /// - Throws: `sizeLimitExceeded` when the expanded size is above `limits.maxExpandedSize`
    ///   (a few hundred bytes of seeds can claim gigabytes of masks).
    package func decompressed(limits: TfheRsLimits = .ciphertext) throws(TfheRsError) -> TfheRsRadixCiphertext {
        let size = expandedSize
        guard size <= limits.maxExpandedSize else {
            throw .expansionLimitExceeded(size: size, limit: limits.maxExpandedSize)
        }
        let n = blocks[0].lweDimension
        var data: [UInt64] = []
        data.reserveCapacity(blocks.count * (n + 1))
        for b in blocks { data.append(contentsOf: b.decompressed()) }
        return TfheRsRadixCiphertext(trusted: LweCiphertextList(trusted: n, data), blocks.map(\.metadata))
    }

    init(kind: TfheRsFheCiphertext.Kind, from d: inout TfheRsDecoder) throws(TfheRsError) {
        var count = 1
        switch kind {
        case .unsigned, .signed:
            try d.version(kind == .unsigned ? TfheRsVersions.hlCompressedFheUint : TfheRsVersions.hlCompressedFheInt)
            try d.version(TfheRsVersions.hlCompressedRadix)
            let at = d.offset
            if try d.variant("CompressedRadixCiphertext", count: 2) != 0 {
                throw .unsupported("modulus-switched compressed integers (variant at offset \(at)); only seeded ones are supported")
            }
            try d.version(kind == .unsigned ? TfheRsVersions.baseRadix : TfheRsVersions.baseSignedRadix)
            count = try d.vecLength("block count", max: min(d.limits.maxListLength, d.remaining / 60))
        case .boolean:
            try d.version(TfheRsVersions.hlCompressedFheBool)
            try d.version(TfheRsVersions.innerCompressedFheBool)
            let at = d.offset
            if try d.variant("InnerCompressedFheBool", count: 2) != 0 {
                throw .unsupported("modulus-switched compressed booleans (variant at offset \(at)); only seeded ones are supported")
            }
        }
        var blocks: [TfheRsSeededBlock] = []
        blocks.reserveCapacity(count)
        for _ in 0..<count {
            let blockVersion = try d.version(TfheRsVersions.shortintCompressedCiphertext)
            try d.version(TfheRsVersions.seededLweCiphertext)
            let body = try d.u64()
            let sizeAt = d.offset
            let size = try d.newtype("LweSize", max: d.limits.maxDimension + 1)
            guard size >= 2 else { throw .invalidField("seeded LWE size \(size) at offset \(sizeAt)") }
            let (seed, skips) = try d.compressionSeed()
            try d.nativeCiphertextModulus()
            let meta = try d.blockMetadata(order: .compressed, blockVersion: blockVersion)
            var block = try TfheRsSeededBlock(body: body, lweDimension: size - 1, seed: seed, metadata: meta)
            block.skipsFirstByte = skips
            blocks.append(block)
        }
        try self.init(kind: kind, blocks: blocks, tag: try d.tag())
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        // A seed that skips the first keystream byte has no 1.6+ form but the upgraded (0, 1)
        // index, and one that starts at byte 0 no ≤ 1.5 form at all.
        if e.layout < .v1_6, blocks.contains(where: { !$0.skipsFirstByte }) {
            throw .unsupported("seeds starting at keystream byte 0 cannot be written in the \(e.layout) layout (tfhe-rs 1.6 or later is needed)")
        }
        switch kind {
        case .unsigned, .signed:
            e.version(kind == .unsigned ? TfheRsVersions.hlCompressedFheUint : TfheRsVersions.hlCompressedFheInt)
            e.version(TfheRsVersions.hlCompressedRadix)
            e.u32(0)
            e.version(kind == .unsigned ? TfheRsVersions.baseRadix : TfheRsVersions.baseSignedRadix)
            e.count(blocks.count)
        case .boolean:
            e.version(TfheRsVersions.hlCompressedFheBool)
            e.version(TfheRsVersions.innerCompressedFheBool)
            e.u32(0)
        }
        for b in blocks {
            let blockVersion = e.version(TfheRsVersions.shortintCompressedCiphertext)
            e.version(TfheRsVersions.seededLweCiphertext)
            e.u64(b.body)
            e.newtype("LweSize", b.lweDimension + 1)
            e.compressionSeed(b.seed, skipsFirstByte: b.skipsFirstByte)
            e.nativeCiphertextModulus()
            e.blockMetadata(b.metadata, order: .compressed, blockVersion: blockVersion)
        }
        e.tag(tag)
    }
}
