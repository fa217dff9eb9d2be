import XCTest
import KMSTestSupport
@testable import KMSCore

/// Compressed (seeded) server keys we generate: written as tfhe-rs `CompressedServerKey` in the
/// legacy (≤ 1.5, first keystream byte skipped) and 1.6 (CompressionSeed V1) forms, read back,
/// decompressed by regenerating the masks from the seeds — giving exactly the key generated
/// alongside — and computed with. (Our writer and reader against each other plus our evaluator:
/// consistency; the layout itself is checked against tfhe-rs's sizes in the layout tests.)
final class TfheRsCompressedServerKeyEmissionTests: XCTestCase {
    private func roundTrip(_ params: ParameterSet, layout: TfheRsLayout, function: String = #function) throws {
        var g = TestSeed.generator(function: function + "\(layout)")
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(params, randomness: r)
        let (compressed, serverKey) = try TfheRsCompressedServerKey.generate(for: ck, layout: layout, randomness: r)
        let bytes = try TfheRsFile(object: .compressedServerKey(compressed), layout: layout).encode()
        let file = try TfheRsFile.decode(bytes, expecting: .compressedServerKey, limits: .key)
        XCTAssertEqual(try file.encode(), bytes)
        guard case .compressedServerKey(let read) = file.object else { return XCTFail("not a compressed server key") }
        XCTAssertEqual(read.keySwitchingKey.seed.byteIndex, layout >= .v1_6 ? 0 : 1)
        let decompressed = try ServerKey(tfheRsCompressed: read, parameters: ck.parameters)
        XCTAssertEqual(decompressed.keyswitchKey, serverKey.keyswitchKey, "key-switching masks regenerated from the seed")
        XCTAssertEqual(decompressed.bootstrapKey.re, serverKey.bootstrapKey.re, "bootstrapping key regenerated from the seed")
        XCTAssertEqual(decompressed.bootstrapKey.im, serverKey.bootstrapKey.im)
        XCTAssertEqual(decompressed.modulusSwitchZeros, serverKey.modulusSwitchZeros)
        XCTAssertEqual(decompressed.castingKey, serverKey.castingKey)
        XCTAssertEqual(decompressed.castingKey != nil, params.compactPublicKey != nil)
        // The compressed key is the bodies only: about 1/(n+1) of the key-switching key.
        let full = try TfheRsFile(object: .serverKey(TfheRsServerKey(decompressed, layout: layout)), layout: layout).encode()
        XCTAssertLessThan(bytes.count, full.count / 2)
        let a = ck.encrypt(try ClearValue(type: .euint8, 250))
        XCTAssertEqual(try ck.decrypt(FheEvaluator(serverKey: decompressed).scalarAdd(a, 10)), try ClearValue(type: .euint8, 4))
    }

    func testLegacyLayoutWithCastingKey() throws { try roundTrip(.test, layout: .v1_0) }
    func testCompressionSeedV1Layout() throws { try roundTrip(.test, layout: .v1_6) }

    func testDriftTechniqueZerosAreSeededToo() throws {
        var p = ParameterSet.test
        p.name = "test-drift"
        p.compute.modulusSwitchType = .driftTechniqueNoiseReduction(ModulusSwitchNoiseReduction(
            zerosCount: 16, msBound: 0x1p58, msRSigmaFactor: 13.179852282053789, msInputVariance: 2.63039184094559e-07))
        try roundTrip(p, layout: .v1_2)
    }

    func testOtherSeedKindsAreRefused() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(.test, randomness: r)
        var (compressed, _) = try TfheRsCompressedServerKey.generate(for: ck, layout: .v1_6, randomness: r)
        compressed.keySwitchingKey.seed = TfheRsKeyCompressionSeed(kind: .xof([UInt8](repeating: 1, count: 24)), byteIndex: 0)
        XCTAssertThrowsError(try ServerKey(tfheRsCompressed: compressed, parameters: ck.parameters))
        XCTAssertThrowsError(try TfheRsCompressedServerKey.generate(for: ck, layout: .v0_11, randomness: r))
    }

    /// Hostile keys: an inflated list of encryptions of zero is refused before it is expanded,
    /// and a Fourier bootstrapping key with a NaN or an out-of-range value is refused.
    func testHostileServerKeysGetTypedErrors() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        var p = ParameterSet.test
        p.compute.modulusSwitchType = .driftTechniqueNoiseReduction(ModulusSwitchNoiseReduction(
            zerosCount: 4, msBound: 0x1p58, msRSigmaFactor: 13.179852282053789, msInputVariance: 2.63039184094559e-07))
        let (ck, _) = try KeyGeneration.generate(p, randomness: r)
        var (compressed, serverKey) = try TfheRsCompressedServerKey.generate(for: ck, layout: .v1_2, randomness: r)
        if case .driftTechniqueNoiseReduction(var ms) = compressed.bootstrappingKey.modulusSwitch {
            ms.encryptionsOfZero.bodies = TfheRsBulk(words: [UInt64](repeating: 0, count: 1 << 16))
            compressed.bootstrappingKey.modulusSwitch = .driftTechniqueNoiseReduction(ms)
        }
        XCTAssertThrowsError(try ServerKey(tfheRsCompressed: compressed, parameters: p)) { error in
            guard case TfheRsError.mismatch = error else { return XCTFail("\(error)") }
        }
        var full = try TfheRsServerKey(serverKey, layout: .v1_2)
        for bad in [Double.nan, .infinity, 1e9] {
            var bytes = [UInt8](full.bootstrappingKey.bsk.polynomials.bytes)
            bytes.withUnsafeMutableBytes { $0.storeBytes(of: bad.bitPattern.littleEndian, toByteOffset: 8 + 16, as: UInt64.self) }
            let saved = full.bootstrappingKey.bsk.polynomials
            full.bootstrappingKey.bsk.polynomials = TfheRsBulk(bytes: bytes[...], elementSize: saved.elementSize)
            XCTAssertThrowsError(try ServerKey(tfheRs: full, parameters: p), "\(bad)") { error in
                guard case TfheRsError.invalidField = error else { return XCTFail("\(error)") }
            }
            full.bootstrappingKey.bsk.polynomials = saved
        }
        XCTAssertNoThrow(try ServerKey(tfheRs: full, parameters: p))
        XCTAssertThrowsError(try ServerKey(tfheRs: full, parameters: .default))  // another set's shapes
    }
}
