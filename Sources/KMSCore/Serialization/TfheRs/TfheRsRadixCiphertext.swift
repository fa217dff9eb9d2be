/// The metadata tfhe-rs keeps beside every shortint block (`shortint::Ciphertext` without its LWE).
public struct TfheRsBlockMetadata: Sendable, Equatable, Hashable {
    /// Upper bound of the value the block may hold (3 for a fresh 2-bit block, 1 for a boolean).
    package var degree: Int
    /// Noise level relative to a fresh encryption (1 = nominal).
    package var noiseLevel: Int
    /// The block encoding (checked moduli, Δ).
    package var encoding: BlockEncoding
    package var pbsOrder: TfheRsPBSOrder

    /// Metadata with an already checked encoding.
    package init(degree: Int, noiseLevel: Int, encoding: BlockEncoding, pbsOrder: TfheRsPBSOrder) {
        self.degree = degree
        self.noiseLevel = noiseLevel
        self.encoding = encoding
        self.pbsOrder = pbsOrder
    }

    /// Metadata from raw moduli.
    /// - Throws: `invalidField` when the moduli break `BlockEncoding`'s rules.
    package init(degree: Int, noiseLevel: Int, messageModulus: Int, carryModulus: Int, pbsOrder: TfheRsPBSOrder) throws(TfheRsError) {
        let encoding = try TfheRsError.invalid("block metadata") { () throws(TFHEError) in
            try BlockEncoding(messageModulus: messageModulus, carryModulus: carryModulus)
        }
        self.init(degree: degree, noiseLevel: noiseLevel, encoding: encoding, pbsOrder: pbsOrder)
    }

    package var messageModulus: Int { encoding.messageModulus }
    package var carryModulus: Int { encoding.carryModulus }
}

/// A radix ciphertext as tfhe-rs serializes it (`BaseRadixCiphertext<shortint::Ciphertext>`):
/// blocks, least significant first, each an LWE ciphertext plus `TfheRsBlockMetadata`.
///
/// The LWE ciphertexts of all blocks are stored in one contiguous `LweCiphertextList`, read with
/// one copy per block and handed to decryption without further copies.
public struct TfheRsRadixCiphertext: Sendable, Equatable {
    /// Every block's LWE ciphertext, contiguous.
    package var lwe: LweCiphertextList
    /// One entry per block.
    package var blocks: [TfheRsBlockMetadata]

    /// Pairs LWE ciphertexts with their metadata (one entry per ciphertext).
    package init(lwe: LweCiphertextList, blocks: [TfheRsBlockMetadata]) throws(TfheRsError) {
        guard lwe.count == blocks.count else {
            throw .invalidField("\(lwe.count) LWE ciphertexts for \(blocks.count) block metadata entries")
        }
        self.lwe = lwe
        self.blocks = blocks
    }

    init(trusted lwe: LweCiphertextList, _ blocks: [TfheRsBlockMetadata]) {
        self.lwe = lwe
        self.blocks = blocks
    }

    /// Number of blocks.
    package var count: Int { blocks.count }
}

/// A high-level tfhe-rs ciphertext: `FheUint` (any width — the width is not in the bytes, only
/// the block count), `FheInt`, or `FheBool`.
///
/// Layouts: `FheUint` = `T[1]` · `T[0]` UnsignedRadixCiphertextVersionedOwned · `T[0]`
/// BaseRadixCiphertext · Vec<shortint::Ciphertext> · Tag; `FheInt` the same with the signed
/// wrappers; `FheBool` = `T[1]` · `T[0]` InnerBooleanVersionedOwned · `T[0]` BooleanBlock ·
/// shortint::Ciphertext · Tag. A shortint ciphertext is `T[0]` · `T[0]` LweCiphertext { Vec<u64>
/// [a…, b], CiphertextModulus } · Degree · NoiseLevel · MessageModulus · CarryModulus · PBSOrder
/// (8·(n+1) + 100 bytes versioned).
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes)
/// if case .ciphertext(let ct) = file.object { print(ct.kind, ct.radix.count) }   // unsigned 32
/// ```
public struct TfheRsFheCiphertext: Sendable, Equatable {
    /// Which high-level type.
    public enum Kind: Sendable, Equatable, Hashable, CustomStringConvertible {
        case unsigned
        case signed
        case boolean

        /// The tfhe-rs type name (`high_level_api::FheUint`, …).
        public var typeName: String {
            switch self {
            case .unsigned: "high_level_api::FheUint"
            case .signed: "high_level_api::FheInt"
            case .boolean: "high_level_api::FheBool"
            }
        }

        public var description: String {
            switch self {
            case .unsigned: "FheUint"
            case .signed: "FheInt"
            case .boolean: "FheBool"
            }
        }
    }

    package var kind: Kind
    package var radix: TfheRsRadixCiphertext
    package var tag: [UInt8]
    /// tfhe-rs 1.4+ re-randomization metadata (empty on fresh encryptions; not written before 1.4).
    package var reRandomizationMetadata: [UInt8] = []

    /// A ciphertext; `FheBool` must have exactly one block.
    package init(kind: Kind, radix: TfheRsRadixCiphertext, tag: [UInt8] = []) throws(TfheRsError) {
        if kind == .boolean, radix.count != 1 {
            throw .invalidField("an FheBool has exactly one block, got \(radix.count)")
        }
        self.kind = kind
        self.radix = radix
        self.tag = tag
    }

    init(trusted kind: Kind, _ radix: TfheRsRadixCiphertext, _ tag: [UInt8]) {
        self.kind = kind
        self.radix = radix
        self.tag = tag
    }

    /// The tfhe-rs type name.
    public var typeName: String { kind.typeName }

    init(kind: Kind, from d: inout TfheRsDecoder) throws(TfheRsError) {
        let radix: TfheRsRadixCiphertext
        let hlVersion: UInt32
        switch kind {
        case .unsigned, .signed:
            hlVersion = try d.version(kind == .unsigned ? TfheRsVersions.hlFheUint : TfheRsVersions.hlFheInt)
            try d.version(kind == .unsigned ? TfheRsVersions.unsignedRadixOwned : TfheRsVersions.signedRadixOwned)
            try d.version(kind == .unsigned ? TfheRsVersions.baseRadix : TfheRsVersions.baseSignedRadix)
            let countAt = d.offset
            // A block takes at least 100 bytes; bound the count by the input before allocating.
            let count = try d.vecLength("block count", max: min(d.limits.maxListLength, d.remaining / 100))
            guard count > 0 else { throw .invalidField("radix ciphertext at offset \(countAt) has no blocks") }
            radix = try d.shortintCiphertexts(count)
        case .boolean:
            hlVersion = try d.version(TfheRsVersions.hlFheBool)
            try d.version(TfheRsVersions.innerBooleanOwned)
            try d.version(TfheRsVersions.booleanBlock)
            radix = try d.shortintCiphertexts(1)
        }
        self.init(trusted: kind, radix, try d.tag())
        if hlVersion >= 2 { reRandomizationMetadata = try d.reRandomizationMetadata() }
    }

    func encode(to e: inout TfheRsEncoder) {
        let hlVersion: UInt32
        switch kind {
        case .unsigned, .signed:
            hlVersion = e.version(kind == .unsigned ? TfheRsVersions.hlFheUint : TfheRsVersions.hlFheInt)
            e.version(kind == .unsigned ? TfheRsVersions.unsignedRadixOwned : TfheRsVersions.signedRadixOwned)
            e.version(kind == .unsigned ? TfheRsVersions.baseRadix : TfheRsVersions.baseSignedRadix)
            e.count(radix.count)
        case .boolean:
            hlVersion = e.version(TfheRsVersions.hlFheBool)
            e.version(TfheRsVersions.innerBooleanOwned)
            e.version(TfheRsVersions.booleanBlock)
        }
        e.shortintCiphertexts(radix)
        e.tag(tag)
        if hlVersion >= 2 { e.reRandomizationMetadata(reRandomizationMetadata) }
    }
}

extension TfheRsDecoder {
    /// `count` consecutive `shortint::Ciphertext`s, all of one LWE dimension, their LWE data
    /// copied into one contiguous list.
    ///
    /// Two passes: the first validates every block and records where its words are; the second
    /// copies them straight into uninitialised storage (one copy, no zero-fill).
    mutating func shortintCiphertexts(_ count: Int) throws(TfheRsError) -> TfheRsRadixCiphertext {
        var lweSize = 0
        var dataOffsets: [Int] = []
        dataOffsets.reserveCapacity(count)
        var blocks: [TfheRsBlockMetadata] = []
        blocks.reserveCapacity(count)
        for i in 0..<count {
            let blockVersion = try version(TfheRsVersions.shortintCiphertext)
            try version(TfheRsVersions.lweCiphertext)
            let lenAt = offset
            let len = try length(max: limits.maxDimension + 1, elementSize: 8)
            if i == 0 {
                guard len >= 2 else { throw .invalidField("LWE ciphertext at offset \(lenAt) has \(len) words (at least a mask word and a body are needed)") }
                lweSize = len
            } else if len != lweSize {
                throw .invalidField("block \(i) at offset \(lenAt) has LWE size \(len); block 0 has \(lweSize)")
            }
            dataOffsets.append(offset)
            try skip(len * 8)
            try nativeCiphertextModulus()
            blocks.append(try blockMetadata(order: .standard, blockVersion: blockVersion))
        }
        let size = lweSize
        let total = count * size
        let data = [UInt64](unsafeUninitializedCapacity: total) { buf, initialized in
            bytes.withUnsafeBytes { src in
                // Both non-empty: at least one block of at least two words was read above.
                guard let dst = buf.baseAddress.map(UnsafeMutableRawPointer.init), let from = src.baseAddress else { return }
                for (i, start) in dataOffsets.enumerated() {
                    (dst + i * size * 8).copyMemory(from: from + start, byteCount: size * 8)
                }
            }
            #if _endian(big)
            for i in 0..<total { buf[i] = UInt64(littleEndian: buf[i]) }
            #endif
            initialized = total
        }
        return TfheRsRadixCiphertext(trusted: LweCiphertextList(trusted: size - 1, data), blocks)
    }

    /// Where `pbs_order` and `noise_level` sit among the block metadata.
    enum MetadataOrder {
        /// `shortint::Ciphertext`: degree, noise_level, message_modulus, carry_modulus, pbs_order.
        case standard
        /// `shortint::CompressedCiphertext`: degree, message_modulus, carry_modulus, pbs_order, noise_level.
        case compressed
    }

    mutating func blockMetadata(order: MetadataOrder, blockVersion: UInt32) throws(TfheRsError) -> TfheRsBlockMetadata {
        let at = offset
        let degree = try newtype("Degree", max: 1 << 32)
        var noise = 0
        if order == .standard { noise = try newtype("NoiseLevel", max: 1 << 32) }
        let encoding = try blockModuli(at: at)
        let pbs = try blockPBSOrder(blockVersion: blockVersion)
        if order == .compressed { noise = try newtype("NoiseLevel", max: 1 << 32) }
        return TfheRsBlockMetadata(degree: degree, noiseLevel: noise, encoding: encoding, pbsOrder: pbs)
    }
}

extension TfheRsEncoder {
    mutating func shortintCiphertexts(_ radix: TfheRsRadixCiphertext) {
        let size = radix.lwe.lweSize
        for (i, b) in radix.blocks.enumerated() {
            let blockVersion = version(TfheRsVersions.shortintCiphertext)
            version(TfheRsVersions.lweCiphertext)
            count(size)
            rawWords(radix.lwe.data, from: i * size, count: size)
            nativeCiphertextModulus()
            blockMetadata(b, order: .standard, blockVersion: blockVersion)
        }
    }

    mutating func blockMetadata(_ b: TfheRsBlockMetadata, order: TfheRsDecoder.MetadataOrder, blockVersion: UInt32) {
        newtype("Degree", b.degree)
        if order == .standard { newtype("NoiseLevel", b.noiseLevel) }
        newtype("MessageModulus", b.messageModulus)
        newtype("CarryModulus", b.carryModulus)
        blockPBSOrder(b.pbsOrder, blockVersion: blockVersion)
        if order == .compressed { newtype("NoiseLevel", b.noiseLevel) }
    }
}
