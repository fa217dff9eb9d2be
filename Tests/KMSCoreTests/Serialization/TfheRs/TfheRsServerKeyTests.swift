import Foundation
import XCTest
import KMSTestSupport
@testable import KMSCore

/// The tfhe-rs `ServerKey` codec on small synthetic keys (random bytes in the shapes of real
/// ones). That a real tfhe-rs server key reads and writes back its own bytes is in
/// `TfheRsOracleInteropTests`; these check every layout, every optional part, and hostile bytes.
final class TfheRsServerKeyTests: XCTestCase {
    private static let n = 4, k = 1, bigN = 8, ksLevels = 2, pbsLevels = 1

    private func bulk(_ count: Int, elementSize: Int = 8, _ g: inout SeededGenerator) -> TfheRsBulk {
        TfheRsBulk(bytes: ArraySlice(g.bytes(count * elementSize)), elementSize: elementSize)
    }

    private func fourier(inputDimension n: Int, _ g: inout SeededGenerator) -> TfheRsFourierBootstrapKey {
        let (glweSize, levels, size) = (Self.k + 1, Self.pbsLevels, Self.bigN)
        let count = n * levels * glweSize * glweSize
        var raw: [UInt8] = []
        for _ in 0..<count {
            withUnsafeBytes(of: UInt64(size / 2).littleEndian) { raw.append(contentsOf: $0) }
            raw += g.bytes(size / 2 * 16)
        }
        return TfheRsFourierBootstrapKey(polynomials: TfheRsBulk(bytes: ArraySlice(raw), elementSize: 8 + size / 2 * 16),
                                         polynomialSize: size, polynomialCount: count, inputLweDimension: n,
                                         glweSize: glweSize, baseLog: 15, levelCount: levels)
    }

    private func msKey(_ g: inout SeededGenerator) -> TfheRsModulusSwitchNoiseReductionKey {
        TfheRsModulusSwitchNoiseReductionKey(encryptionsOfZero: bulk(3 * (Self.n + 1), &g), lweSize: Self.n + 1,
                                             msBound: 288230376151711744, msRSigmaFactor: 13.18, msInputVariance: 2.6e-7)
    }

    /// A key with every part the `layout` can hold.
    private func syntheticKey(_ layout: TfheRsLayout, _ g: inout SeededGenerator) -> TfheRsServerKey {
        let big = Self.k * Self.bigN
        let ksk = TfheRsKeyswitchKey(data: bulk(big * Self.ksLevels * (Self.n + 1), &g), baseLog: 3,
                                     levelCount: Self.ksLevels, outputLweSize: Self.n + 1)
        let ms: TfheRsModulusSwitchConfiguration = layout >= .v1_3 ? .centeredMeanNoiseReduction : .driftTechniqueNoiseReduction(msKey(&g))
        let casting = TfheRsCastingKey(keySwitchingKey: TfheRsKeyswitchKey(data: bulk(16 * 1 * (big + 1), &g), baseLog: 20,
                                                                          levelCount: 1, outputLweSize: big + 1),
                                       castRightShift: -1, destinationKey: .big)
        let packing = TfheRsPackingKeyswitchKey(data: bulk(Self.n * 2 * 2 * 16, &g), baseLog: 20, levelCount: 2,
                                                outputGlweSize: 2, outputPolynomialSize: 16)
        let compression = TfheRsCompressionKey(packingKey: packing, lwePerGlwe: 16, storageLogModulus: 12)
        let decompression = TfheRsDecompressionKey(
            bootstrappingKey: TfheRsBootstrappingKey(bsk: fourier(inputDimension: 16, &g),
                                                     modulusSwitch: layout == .v1_4 ? .standard : .driftTechniqueNoiseReduction(msKey(&g))),
            lwePerGlwe: 16)
        var squash: TfheRsNoiseSquashingKey?
        if layout >= .v1_1 {
            let coefficients = Self.n * 1 * 4 * 8
            let bsk = TfheRsFourier128BootstrapKey(parts: (0..<4).map { _ in bulk(coefficients, &g) }, polynomialSize: 16,
                                                   inputLweDimension: Self.n, glweSize: 2, baseLog: 24, levelCount: 1)
            squash = TfheRsNoiseSquashingKey(bsk: bsk, modulusSwitch: layout >= .v1_3 ? .standard : .driftTechniqueNoiseReduction(msKey(&g)),
                                             messageModulus: 4, carryModulus: 4)
        }
        var squashCompression: TfheRsNoiseSquashingCompressionKey?
        if layout >= .v1_3 {
            squashCompression = TfheRsNoiseSquashingCompressionKey(
                packingKey: TfheRsPackingKeyswitchKey(data: bulk(16 * 1 * 2 * 16, elementSize: 16, &g), baseLog: 60, levelCount: 1,
                                                      outputGlweSize: 2, outputPolynomialSize: 16),
                lwePerGlwe: 8)
        }
        return TfheRsServerKey(keySwitchingKey: ksk,
                               bootstrappingKey: TfheRsBootstrappingKey(bsk: fourier(inputDimension: Self.n, &g), modulusSwitch: ms),
                               messageModulus: 4, carryModulus: 4, maxDegree: 15, maxNoiseLevel: 5, pbsOrder: .keyswitchBootstrap,
                               castingKey: casting, compressionKey: compression, decompressionKey: decompression,
                               noiseSquashingKey: squash, noiseSquashingCompressionKey: squashCompression, tag: [1, 2, 3])
    }

    private static let layouts = TfheRsLayout.allCases.filter { $0 >= .v1_0 }

    /// Consistency of our writer and reader (not interop): each 1.x layout, versioned and plain,
    /// with every optional part it can hold, reads back to the same key and the same layouts.
    func testSyntheticServerKeyRoundTripsThroughOurCodecInEveryOneXLayout() throws {
        var g = TestSeed.generator()
        for layout in Self.layouts {
            let key = syntheticKey(layout, &g)
            for versioned in [true, false] {
                let bytes = try TfheRsFile(object: .serverKey(key), layout: layout, versioned: versioned).encode()
                let file = try TfheRsFile.decode(bytes, expecting: .serverKey)
                guard case .serverKey(let back) = file.object else { return XCTFail("\(layout): not a server key") }
                XCTAssertEqual(back, key, "\(layout) versioned=\(versioned)")
                if versioned {   // plain bytes of releases with identical layouts cannot be told apart
                    XCTAssertTrue(file.compatibleLayouts.layouts.contains(layout), "\(layout): \(file.compatibleLayouts)")
                }
                XCTAssertEqual(try file.encode(), bytes, "\(layout) versioned=\(versioned)")
            }
        }
    }

    /// Parts a layout cannot hold are refused when writing, not dropped.
    func testPartsALayoutCannotHoldAreRefusedWhenWriting() throws {
        var g = TestSeed.generator()
        let withSquashing = syntheticKey(.v1_6, &g)
        for layout in [TfheRsLayout.v1_0, .v1_2] {
            XCTAssertThrowsError(try TfheRsFile(object: .serverKey(withSquashing), layout: layout).encode(), "\(layout)")
        }
        XCTAssertThrowsError(try TfheRsFile(object: .serverKey(syntheticKey(.v1_0, &g)), layout: .v0_11).encode())
    }

    /// Every truncation of a server key, and every u64 in it replaced by a huge value, gives a
    /// typed error or another well-formed key: never a trap, and nothing is allocated from the
    /// hostile count (the reader keeps slices of the input).
    func testTruncatedOrInflatedServerKeysGiveTypedErrors() throws {
        var g = TestSeed.generator()
        for layout in [TfheRsLayout.v1_0, .v1_2, .v1_6] {
            let bytes = try TfheRsFile(object: .serverKey(syntheticKey(layout, &g)), layout: layout).encode()
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 1500)) {
                XCTAssertThrowsError(try TfheRsFile.decode(Array(bytes[..<cut]), expecting: .serverKey)) { error in
                    XCTAssertTrue(error is TfheRsError, "\(layout) cut at \(cut): \(error)")
                }
            }
            var inflated = 0
            for offset in stride(from: 0, to: bytes.count - 8, by: 8) {
                var hostile = bytes
                hostile.replaceSubrange(offset ..< offset + 8, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])
                do { _ = try TfheRsFile.decode(hostile, expecting: .serverKey) } catch { inflated += 1 }
            }
            XCTAssertGreaterThan(inflated, 0, "\(layout)")
        }
    }

    /// Every structural field of a versioned key (tags, lengths, variants, `Option` bytes) set to
    /// a value out of its range gives a typed error.
    func testCorruptedStructuralFieldsGiveTypedErrors() throws {
        var g = TestSeed.generator()
        for layout in [TfheRsLayout.v1_0, .v1_6] {
            let bytes = try TfheRsFile(object: .serverKey(syntheticKey(layout, &g)), layout: layout).encode()
            let fields = try TfheRsFile.structuralFields(of: bytes)
            XCTAssertGreaterThan(fields.count, 50, "\(layout)")
            for f in fields {
                var hostile = bytes
                switch f.kind {
                case .version: hostile[f.offset] = 0x63
                case .length: hostile.replaceSubrange(f.offset ..< f.offset + 8, with: [0, 0, 0, 0, 0, 0, 0, 0x40])
                case .option: hostile[f.offset] = 2
                case .variant(let count): hostile[f.offset] = UInt8(count)
                }
                XCTAssertThrowsError(try TfheRsFile.decode(hostile, expecting: .serverKey), "\(layout) \(f)") { error in
                    XCTAssertTrue(error is TfheRsError, "\(layout) \(f): \(error)")
                }
            }
        }
    }
}
