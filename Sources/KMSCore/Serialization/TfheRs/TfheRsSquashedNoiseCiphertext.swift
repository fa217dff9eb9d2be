/// One squashed-noise block (shortint `SquashedNoiseCiphertext`, tfhe-rs 1.1+): an LWE ciphertext
/// over Z_{2^128} under the noise-squashing key, as the noise-squashing bootstrap outputs it
/// (in a radix, each block carries two original blocks: `log2(message²)` bits).
///
/// Layout: `T[0]` · `T[0]` LweCiphertext<u128> { `Vec<u128>` [a_0 … a_{n−1}, b], CM<u128> (native
/// 2^128) } · NT degree · NT message_modulus · NT carry_modulus. No noise level, no PBS order.
package struct TfheRsSquashedNoiseBlock: Sendable, Equatable {
    /// `[a_0 … a_{n−1}, b]`: n + 1 little-endian u128 (16 bytes each), a slice of the input.
    package var lwe: TfheRsBulk
    package var degree: Int
    package var messageModulus: Int
    package var carryModulus: Int

    package init(lwe: TfheRsBulk, degree: Int, messageModulus: Int, carryModulus: Int) throws(TfheRsError) {
        guard lwe.elementSize == 16, lwe.bytes.count % 16 == 0, lwe.count >= 2 else {
            throw .invalidField("a squashed-noise LWE ciphertext is at least two u128 coefficients, got \(lwe.bytes.count) bytes")
        }
        self.lwe = lwe
        self.degree = degree
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }

    /// n, the dimension of the noise-squashing LWE key (k·N of its GLWE key).
    package var lweDimension: Int { lwe.count - 1 }

    /// Coefficient `i` (`0…n`, the body last) as (low, high) 64-bit words.
    package func coefficient(_ i: Int) -> (low: UInt64, high: UInt64) {
        let base = lwe.bytes.startIndex + 16 * i
        var low: UInt64 = 0, high: UInt64 = 0
        for j in 0..<8 {
            low |= UInt64(lwe.bytes[base + j]) << UInt64(8 * j)
            high |= UInt64(lwe.bytes[base + 8 + j]) << UInt64(8 * j)
        }
        return (low, high)
    }

    /// The body b.
    package var body: (low: UInt64, high: UInt64) { coefficient(lweDimension) }
}

extension TfheRsDecoder {
    /// A shortint `SquashedNoiseCiphertext`.
    mutating func squashedNoiseBlock() throws(TfheRsError) -> TfheRsSquashedNoiseBlock {
        try version(TfheRsVersions.shortintSquashedNoiseCiphertext)
        try version(TfheRsVersions.lweCiphertext)
        let at = offset
        let lwe = try bulk(elementSize: 16, max: min(limits.maxDimension + 1, remaining / 16))
        guard lwe.count >= 2 else { throw .invalidField("squashed-noise LWE ciphertext at offset \(at) has \(lwe.count) coefficients") }
        try nativeCiphertextModulus128()
        let degree = try newtype("Degree", max: 1 << 32)
        let moduli = try blockModuli(at: offset)
        return try TfheRsSquashedNoiseBlock(lwe: lwe, degree: degree, messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus)
    }
}

extension TfheRsEncoder {
    mutating func squashedNoiseBlock(_ b: TfheRsSquashedNoiseBlock) {
        version(TfheRsVersions.shortintSquashedNoiseCiphertext)
        version(TfheRsVersions.lweCiphertext)
        bulk(b.lwe)
        nativeCiphertextModulus128()
        newtype("Degree", b.degree)
        newtype("MessageModulus", b.messageModulus)
        newtype("CarryModulus", b.carryModulus)
    }
}

/// tfhe-rs's high-level squashed-noise ciphertexts (1.1+) — `SquashedNoiseFheUint`,
/// `SquashedNoiseFheInt`, `SquashedNoiseFheBool` — the 128-bit, low-noise form fhEVM's threshold
/// decryption takes. Read, written and described here; `SquashedNoiseCiphertext(tfheRs:type:)` turns
/// one into a value `NoiseSquashingPrivateKey.decrypt` takes, `SquashedNoiseCiphertext.tfheRs()` back.
///
/// Layout: `SquashedNoiseFheUint` = `T[0]` (1.1 – main 2025-06) or `T[1]` (1.3+) · `T[0]`
/// InnerSquashedNoiseRadixCiphertextVersionedOwned (hand-written wrapper; absent in plain bincode)
/// · `T[0]` SquashedNoiseRadixCiphertext { `Vec<SquashedNoiseCiphertext>` packed_blocks, u64
/// original_block_count } · (1.3+) U SquashedNoiseCiphertextState (0 Normal, 1 PostDecompression)
/// · Tag. `SquashedNoiseFheInt` is the same with the signed wrapper and radix;
/// `SquashedNoiseFheBool` holds `T[0]` SquashedNoiseBooleanBlock { one block } instead of the
/// radix. Two original blocks go into each packed block, so a radix of `original_block_count`
/// blocks has ⌈original_block_count / 2⌉ of them. The bit width is not in the bytes.
public struct TfheRsSquashedNoiseCiphertext: Sendable, Equatable {
    /// `SquashedNoiseCiphertextState` (tfhe-rs 1.3+; older data is `normal`).
    package enum State: UInt32, Sendable, Equatable {
        /// Straight out of the noise squashing.
        case normal = 0
        /// Taken out of a `CompressedSquashedNoiseCiphertextList`.
        case postDecompression = 1
    }

    package var kind: TfheRsFheCiphertext.Kind
    /// The packed blocks (one for a boolean).
    package var blocks: [TfheRsSquashedNoiseBlock]
    /// The number of 64-bit blocks the value had before squashing (1 for a boolean).
    package var originalBlockCount: Int
    package var state: State
    package var tag: [UInt8]

    package init(kind: TfheRsFheCiphertext.Kind, blocks: [TfheRsSquashedNoiseBlock], originalBlockCount: Int,
                 state: State = .normal, tag: [UInt8] = []) throws(TfheRsError) {
        if kind == .boolean {
            guard blocks.count == 1, originalBlockCount == 1 else {
                throw .invalidField("a squashed-noise boolean has one block, got \(blocks.count)")
            }
        } else {
            guard originalBlockCount >= 0, blocks.count == (originalBlockCount + 1) / 2 else {
                throw .invalidField("\(originalBlockCount) original blocks pack into \((originalBlockCount + 1) / 2) squashed-noise blocks, got \(blocks.count)")
            }
        }
        if let first = blocks.first {
            guard blocks.allSatisfy({ $0.lweDimension == first.lweDimension && $0.messageModulus == first.messageModulus
                                        && $0.carryModulus == first.carryModulus }) else {
                throw .invalidField("the blocks of a squashed-noise ciphertext differ in dimension or moduli")
            }
        }
        self.kind = kind
        self.blocks = blocks
        self.originalBlockCount = originalBlockCount
        self.state = state
        self.tag = tag
    }

    /// The tfhe-rs type name (`high_level_api::SquashedNoiseFheUint`, …).
    public var typeName: String { Self.typeName(kind) }

    static func typeName(_ kind: TfheRsFheCiphertext.Kind) -> String {
        switch kind {
        case .unsigned: "high_level_api::SquashedNoiseFheUint"
        case .signed: "high_level_api::SquashedNoiseFheInt"
        case .boolean: "high_level_api::SquashedNoiseFheBool"
        }
    }
}

extension TfheRsSquashedNoiseCiphertext {
    init(kind: TfheRsFheCiphertext.Kind, from d: inout TfheRsDecoder) throws(TfheRsError) {
        let hl: TfheRsVersionRule, wrapper: TfheRsVersionRule
        switch kind {
        case .unsigned: (hl, wrapper) = (TfheRsVersions.hlSquashedNoiseFheUint, TfheRsVersions.innerSquashedNoiseRadixOwned)
        case .signed: (hl, wrapper) = (TfheRsVersions.hlSquashedNoiseFheInt, TfheRsVersions.innerSquashedNoiseSignedRadixOwned)
        case .boolean: (hl, wrapper) = (TfheRsVersions.hlSquashedNoiseFheBool, TfheRsVersions.innerSquashedNoiseBooleanOwned)
        }
        let at = d.offset
        let v = try d.version(hl)
        try d.require(TfheRsLayoutSet.from(.v1_1), what: "a squashed-noise ciphertext (tfhe-rs 1.1 on)", at: at)
        try d.version(wrapper)
        var blocks: [TfheRsSquashedNoiseBlock] = []
        let original: Int
        if kind == .boolean {
            try d.version(TfheRsVersions.squashedNoiseBooleanBlock)
            blocks.append(try d.squashedNoiseBlock())
            original = 1
        } else {
            try d.version(kind == .unsigned ? TfheRsVersions.squashedNoiseRadix : TfheRsVersions.squashedNoiseSignedRadix)
            // A block takes at least 56 bytes (plain); bound the count by the input before allocating.
            let n = try d.vecLength("squashed-noise block count", max: min(d.limits.maxListLength, d.remaining / 56))
            blocks.reserveCapacity(n)
            for _ in 0..<n { blocks.append(try d.squashedNoiseBlock()) }
            original = try d.count("original block count", max: d.limits.maxListLength)
        }
        var state = State.normal
        if v >= 1 {
            state = State(rawValue: try d.unitEnum(TfheRsVersions.squashedNoiseCiphertextState, count: 2)) ?? .normal
        }
        try self.init(kind: kind, blocks: blocks, originalBlockCount: original, state: state, tag: try d.tag())
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        guard e.layout >= .v1_1 else {
            throw .unsupported("squashed-noise ciphertexts are written in tfhe-rs 1.1 layouts or later, not \(e.layout)")
        }
        let v: UInt32
        switch kind {
        case .unsigned:
            v = e.version(TfheRsVersions.hlSquashedNoiseFheUint)
            e.version(TfheRsVersions.innerSquashedNoiseRadixOwned)
            e.version(TfheRsVersions.squashedNoiseRadix)
        case .signed:
            v = e.version(TfheRsVersions.hlSquashedNoiseFheInt)
            e.version(TfheRsVersions.innerSquashedNoiseSignedRadixOwned)
            e.version(TfheRsVersions.squashedNoiseSignedRadix)
        case .boolean:
            v = e.version(TfheRsVersions.hlSquashedNoiseFheBool)
            e.version(TfheRsVersions.innerSquashedNoiseBooleanOwned)
            e.version(TfheRsVersions.squashedNoiseBooleanBlock)
        }
        if kind == .boolean {
            e.squashedNoiseBlock(blocks[0])
        } else {
            e.count(blocks.count)
            for b in blocks { e.squashedNoiseBlock(b) }
            e.count(originalBlockCount)
        }
        if v >= 1 {
            e.unitEnum(TfheRsVersions.squashedNoiseCiphertextState, state.rawValue)
        } else if state != .normal {
            throw .unsupported("a post-decompression squashed-noise ciphertext cannot be written in the \(e.layout) layout (tfhe-rs 1.3 or later is needed)")
        }
        e.tag(tag)
    }

    /// The size estimate for the writer's buffer.
    var estimatedSize: Int { blocks.reduce(256 + tag.count) { $0 + $1.lwe.bytes.count + 128 } }
}
