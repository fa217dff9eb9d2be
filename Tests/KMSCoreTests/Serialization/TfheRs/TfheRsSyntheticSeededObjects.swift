import Foundation
import XCTest
import KMSTestSupport
@testable import KMSCore

/// Synthetic tfhe-rs objects for the seeded-key and squashed-noise tests: random bytes in the
/// shapes real ones have (nothing here is a valid encryption), built only through our own types.
enum SyntheticSeeded {
    /// The shapes of a compressed server key.
    struct Shape {
        var n = 4, k = 1, bigN = 8, pbsLevels = 1, ksLevels = 2, msZeros = 3
        /// Noise squashing: GLWE k×N and levels.
        var squashK = 1, squashN = 16, squashLevels = 1
        /// Compression: packing GLWE k×N, levels, decompression levels.
        var packK = 2, packN = 16, packLevels = 2, decompressionLevels = 1
        /// Noise-squashing compression packing GLWE k×N.
        var squashPackK = 1, squashPackN = 16
        /// Compact public key dimension (casting key input).
        var cpkDimension = 16
    }

    static func bulk(_ count: Int, elementSize: Int = 8, _ g: inout SeededGenerator) -> TfheRsBulk {
        TfheRsBulk(bytes: ArraySlice(g.bytes(count * elementSize)), elementSize: elementSize)
    }

    /// A seed the layout can hold: legacy (0, 1) before 1.6; from 1.6 a fresh (0, 0) CTR seed, or
    /// an XOF seed when `xof` (as a key set derived from an XOF seed would carry).
    static func seed(_ layout: TfheRsLayout, xof: Bool = false, _ g: inout SeededGenerator) -> TfheRsKeyCompressionSeed {
        guard layout >= .v1_6 else { return .legacy(g.bytes(16)) }
        if xof { return TfheRsKeyCompressionSeed(kind: .xof(Array("TFHE_GEN".utf8) + g.bytes(16)), aesIndexLow: 7, byteIndex: 3) }
        return TfheRsKeyCompressionSeed(kind: .ctr(g.bytes(16)), byteIndex: 0)
    }

    static func ksk(input: Int, outputDimension: Int, levels: Int, baseLog: Int, _ layout: TfheRsLayout, xof: Bool = false,
                    _ g: inout SeededGenerator) -> TfheRsSeededKeyswitchKey {
        TfheRsSeededKeyswitchKey(data: bulk(input * levels, &g), baseLog: baseLog, levelCount: levels,
                                 outputLweSize: outputDimension + 1, seed: seed(layout, xof: xof, &g))
    }

    static func bsk(n: Int, k: Int, bigN: Int, levels: Int, baseLog: Int, scalarBytes: Int = 8, _ layout: TfheRsLayout,
                    _ g: inout SeededGenerator) -> TfheRsSeededBootstrapKey {
        TfheRsSeededBootstrapKey(data: bulk(n * levels * (k + 1) * bigN, elementSize: scalarBytes, &g), glweSize: k + 1,
                                 polynomialSize: bigN, baseLog: baseLog, levelCount: levels, seed: seed(layout, &g))
    }

    static func msKey(zeros: Int, smallDimension: Int, _ layout: TfheRsLayout, _ g: inout SeededGenerator) -> TfheRsCompressedModulusSwitchNoiseReductionKey {
        TfheRsCompressedModulusSwitchNoiseReductionKey(
            encryptionsOfZero: TfheRsSeededLweCiphertextList(bodies: bulk(zeros, &g), lweSize: smallDimension + 1, seed: seed(layout, &g)),
            msBound: 288230376151711744, msRSigmaFactor: 13.179852282053789, msInputVariance: 2.63039184094559e-7)
    }

    /// A compressed server key with every part the `layout` can hold (`full`), or only the parts
    /// fhEVM's noise-squashing configuration has.
    static func compressedServerKey(_ layout: TfheRsLayout, shape s: Shape = Shape(), full: Bool = true,
                                    _ g: inout SeededGenerator) -> TfheRsCompressedServerKey {
        let big = s.k * s.bigN
        // Drift before 1.3, centered mean from 1.3 (the 1.4 default), drift again on the squashing key.
        let ms: TfheRsCompressedModulusSwitchConfiguration = layout >= .v1_3
            ? .centeredMeanNoiseReduction : .driftTechniqueNoiseReduction(msKey(zeros: s.msZeros, smallDimension: s.n, layout, &g))
        var key = TfheRsCompressedServerKey(
            keySwitchingKey: ksk(input: big, outputDimension: s.n, levels: s.ksLevels, baseLog: 4, layout, &g),
            bootstrappingKey: TfheRsCompressedBootstrappingKey(bsk: bsk(n: s.n, k: s.k, bigN: s.bigN, levels: s.pbsLevels, baseLog: 23, layout, &g),
                                                               modulusSwitch: ms),
            messageModulus: 4, carryModulus: 4, maxDegree: 15, maxNoiseLevel: 5, pbsOrder: .keyswitchBootstrap,
            castingKey: nil, compressionKey: nil, decompressionKey: nil, noiseSquashingKey: nil, noiseSquashingCompressionKey: nil,
            tag: full ? [0x66, 0x68, 0x65, 0x76, 0x6d] : [])
        if full {
            key.castingKey = TfheRsCompressedCastingKey(
                keySwitchingKey: ksk(input: s.cpkDimension, outputDimension: big, levels: 1, baseLog: 27, layout, xof: true, &g),
                castRightShift: -1, destinationKey: .big)
            key.compressionKey = TfheRsCompressedCompressionKey(
                packingKey: TfheRsSeededPackingKeyswitchKey(data: bulk(big * s.packLevels * s.packN, &g), baseLog: 4, levelCount: s.packLevels,
                                                            outputGlweSize: s.packK + 1, outputPolynomialSize: s.packN, seed: seed(layout, &g)),
                lwePerGlwe: s.packN, storageLogModulus: 12)
            // Only 1.5+ decompression keys carry a modulus switch.
            let decompressionMS: TfheRsCompressedModulusSwitchConfiguration = layout >= .v1_5 ? .centeredMeanNoiseReduction : .standard
            key.decompressionKey = TfheRsCompressedDecompressionKey(
                bootstrappingKey: TfheRsCompressedBootstrappingKey(
                    bsk: bsk(n: s.packK * s.packN, k: s.k, bigN: s.bigN, levels: s.decompressionLevels, baseLog: 23, layout, &g),
                    modulusSwitch: decompressionMS),
                lwePerGlwe: s.packN)
        }
        if layout >= .v1_1 {
            key.noiseSquashingKey = TfheRsCompressedNoiseSquashingKey(
                bsk: bsk(n: s.n, k: s.squashK, bigN: s.squashN, levels: s.squashLevels, baseLog: 24, scalarBytes: 16, layout, &g),
                modulusSwitch: .driftTechniqueNoiseReduction(msKey(zeros: s.msZeros, smallDimension: s.n, layout, &g)),
                messageModulus: 4, carryModulus: 4)
        }
        if full, layout >= .v1_3 {
            key.noiseSquashingCompressionKey = TfheRsCompressedNoiseSquashingCompressionKey(
                packingKey: TfheRsSeededPackingKeyswitchKey(
                    data: bulk(s.squashK * s.squashN * 1 * s.squashPackN, elementSize: 16, &g), baseLog: 61, levelCount: 1,
                    outputGlweSize: s.squashPackK + 1, outputPolynomialSize: s.squashPackN, seed: seed(layout, &g)),
                lwePerGlwe: s.squashPackN)
        }
        return key
    }

    static func squashedBlock(lweDimension: Int, degree: Int = 15, _ g: inout SeededGenerator) throws -> TfheRsSquashedNoiseBlock {
        try TfheRsSquashedNoiseBlock(lwe: bulk(lweDimension + 1, elementSize: 16, &g), degree: degree, messageModulus: 4, carryModulus: 4)
    }

    /// A squashed-noise value of `originalBlocks` 2-bit blocks (packed two by two).
    static func squashed(_ kind: TfheRsFheCiphertext.Kind, originalBlocks: Int, lweDimension: Int = 8,
                         state: TfheRsSquashedNoiseCiphertext.State = .normal, tag: [UInt8] = [],
                         _ g: inout SeededGenerator) throws -> TfheRsSquashedNoiseCiphertext {
        let packed = kind == .boolean ? 1 : (originalBlocks + 1) / 2
        let blocks = try (0..<packed).map { _ in try squashedBlock(lweDimension: lweDimension, degree: kind == .boolean ? 1 : 15, &g) }
        return try TfheRsSquashedNoiseCiphertext(kind: kind, blocks: blocks, originalBlockCount: kind == .boolean ? 1 : originalBlocks,
                                                 state: state, tag: tag)
    }

    /// A compressed squashed-noise list of `info`, packed `lwePerGlwe` blocks per k×N GLWE with
    /// 128-bit storage (tfhe-rs's noise-squashing compression does not switch the modulus).
    static func list(_ info: [TfheRsDataKind], k: Int = 1, bigN: Int = 16, lwePerGlwe: Int = 4, logModulus: Int = 128, tag: [UInt8] = [],
                     _ g: inout SeededGenerator) throws -> TfheRsCompressedSquashedNoiseCiphertextList {
        var remaining = info.reduce(0) { $0 + ($1.blockCount(messageModulus: 4) + 1) / 2 }
        var glwes: [TfheRsModulusSwitchedGlwe128] = []
        while remaining > 0 {
            let bodies = min(remaining, lwePerGlwe)
            let values = k * bigN + bodies
            glwes.append(try TfheRsModulusSwitchedGlwe128(packed: bulk((values * logModulus + 127) / 128, elementSize: 16, &g),
                                                          logModulus: logModulus, glweDimension: k, polynomialSize: bigN, bodiesCount: bodies))
            remaining -= bodies
        }
        let meta = info.isEmpty ? nil : TfheRsCompressedSquashedNoiseCiphertextList.Meta(messageModulus: 4, carryModulus: 4, lwePerGlwe: lwePerGlwe)
        return try TfheRsCompressedSquashedNoiseCiphertextList(glweCiphertexts: glwes, meta: meta, info: info, tag: tag)
    }

    /// Little-endian bytes in tfhe-rs's bincode order, for hand-written expected encodings:
    /// `t(_:)` writes a version tag only when `versioned`.
    struct Bytes {
        let versioned: Bool
        var bytes: [UInt8] = []
        init(versioned: Bool) { self.versioned = versioned }
        mutating func t(_ v: UInt32) { if versioned { u32(v) } }
        mutating func u8(_ v: UInt8) { bytes.append(v) }
        mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        mutating func u64(_ v: Int) { u64(UInt64(v)) }
        mutating func f64(_ v: Double) { u64(v.bitPattern) }
        mutating func raw(_ b: some Sequence<UInt8>) { bytes += b }
        mutating func string(_ s: String) { u64(s.utf8.count); raw(Array(s.utf8)) }
        /// A `safe_serialize` header of `name`: versioned ("0.1"), or unversioned for `crate`.
        mutating func header(_ name: String, crate: String) {
            string("0.5")
            if versioned { u32(0); string("0.1") } else { u32(1); string(crate) }
            string(name)
        }
        /// A `usize` newtype: `T[0]` then u64.
        mutating func newtype(_ v: Int) { t(0); u64(v) }
        /// A unit enum: `T[0]` then the u32 variant.
        mutating func unit(_ variant: UInt32) { t(0); u32(variant) }
        /// `CiphertextModulus` native: `T[0]` · u128 0 · u64 scalar bits.
        mutating func nativeModulus(bits: Int) { t(0); u64(0); u64(0); u64(bits) }
        /// A `Vec<T>` of raw little-endian elements.
        mutating func vec(_ b: TfheRsBulk) { u64(b.count); raw(b.bytes) }
        /// `Tag` / `Vec<u8>` behind `T[0]`.
        mutating func tag(_ b: [UInt8]) { t(0); u64(b.count); raw(b) }
    }
}
