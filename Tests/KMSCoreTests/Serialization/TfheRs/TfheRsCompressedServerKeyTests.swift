import Foundation
import XCTest
import KMSTestSupport
@testable import KMSCore

/// The tfhe-rs `CompressedServerKey` codec on small synthetic keys (random bytes in the shapes of
/// real ones; the oracle cannot make compressed server keys). Round trips go through our own
/// reader and writer only; the byte-level tests compare with encodings written out by hand from
/// tfhe-rs's serde field order, and `TfheRsNoiseSquashingLayoutSizeTests` with the sizes of real
/// tfhe-rs files.
final class TfheRsCompressedServerKeyTests: XCTestCase {
    private static let layouts = TfheRsLayout.allCases.filter { $0 >= .v1_0 }

    private func decodeKey(_ bytes: [UInt8]) throws -> (TfheRsCompressedServerKey, TfheRsFile) {
        let file = try TfheRsFile.decode(bytes, expecting: .compressedServerKey)
        guard case .compressedServerKey(let k) = file.object else { throw TestFailure.record("not a compressed server key: \(file.object.type)") }
        return (k, file)
    }

    /// Consistency of our writer and reader (not interop): each 1.x layout, versioned and plain,
    /// with every optional part it can hold, reads back to the same key and re-encodes to the
    /// same bytes; versioned bytes name their release.
    func testSyntheticCompressedServerKeyRoundTripsThroughOurCodecInEveryOneXLayout() throws {
        var g = TestSeed.generator()
        for layout in Self.layouts {
            let key = SyntheticSeeded.compressedServerKey(layout, &g)
            for versioned in [true, false] {
                for safe in [true, false] {
                    let bytes = try TfheRsFile(object: .compressedServerKey(key), layout: layout, safeSerialized: safe, versioned: versioned).encode()
                    let (back, file) = try decodeKey(bytes)
                    XCTAssertEqual(back, key, "\(layout) versioned=\(versioned) safe=\(safe)")
                    if versioned {
                        XCTAssertTrue(file.compatibleLayouts.contains(layout), "\(layout): \(file.compatibleLayouts)")
                    }
                    XCTAssertEqual(try TfheRsFile(object: file.object, layout: file.layout, safeSerialized: safe, versioned: versioned).encode(),
                                   bytes, "\(layout) versioned=\(versioned) safe=\(safe)")
                }
            }
        }
    }

    /// The releases a versioned key's tags point to: 1.0, 1.1, 1.2 with the main-branch window,
    /// 1.3, 1.4–1.5 (one layout for this object), 1.6–1.7.
    func testVersionedKeysNameTheirReleases() throws {
        var g = TestSeed.generator()
        let expected: [TfheRsLayout: [TfheRsLayout]] = [
            .v1_0: [.v1_0], .v1_1: [.v1_1], .v1_2: [.v1_2, .main2025], .main2025: [.v1_2, .main2025], .v1_3: [.v1_3],
            .v1_4: [.v1_4], .v1_5: [.v1_5], .v1_6: [.v1_6],
        ]
        for layout in Self.layouts {
            // Without the decompression key, 1.4 and 1.5 share every tag.
            var key = SyntheticSeeded.compressedServerKey(layout, &g)
            let withDecompression = try decodeKey(TfheRsFile(object: .compressedServerKey(key), layout: layout).encode()).1
            XCTAssertEqual(withDecompression.compatibleLayouts.layouts, expected[layout], "\(layout)")
            key.decompressionKey = nil
            let without = try decodeKey(TfheRsFile(object: .compressedServerKey(key), layout: layout).encode()).1
            let merged: [TfheRsLayout] = layout == .v1_4 || layout == .v1_5 ? [.v1_4, .v1_5] : expected[layout]!
            XCTAssertEqual(without.compatibleLayouts.layouts, merged, "\(layout) without decompression key")
        }
    }

    /// Parts a layout cannot hold are refused when writing, not dropped or changed.
    func testPartsALayoutCannotHoldAreRefusedWhenWriting() throws {
        var g = TestSeed.generator()
        func refused(_ key: TfheRsCompressedServerKey, _ layout: TfheRsLayout, versioned: Bool = true, _ why: String) {
            XCTAssertThrowsError(try TfheRsFile(object: .compressedServerKey(key), layout: layout, versioned: versioned).encode(), why) { error in
                guard case .unsupported = error as? TfheRsError else { return XCTFail("\(why): \(error)") }
            }
        }
        let v1_6 = SyntheticSeeded.compressedServerKey(.v1_6, &g)
        refused(v1_6, .v1_5, "1.6 seeds starting at keystream byte 0 have no ≤ 1.5 form")
        refused(v1_6, .v0_11, "no compressed server key before 1.0")
        var v1_3 = SyntheticSeeded.compressedServerKey(.v1_3, &g)
        refused(v1_3, .v1_2, "the noise-squashing compression key and centered-mean switch need 1.3")
        v1_3.noiseSquashingCompressionKey = nil
        refused(v1_3, .v1_2, "the centered-mean modulus switch needs 1.3")
        v1_3.bootstrappingKey.modulusSwitch = .standard
        XCTAssertNoThrow(try TfheRsFile(object: .compressedServerKey(v1_3), layout: .v1_2).encode())
        refused(v1_3, .v1_0, "the noise-squashing key needs 1.1")
        var v1_5 = SyntheticSeeded.compressedServerKey(.v1_5, &g)
        refused(v1_5, .v1_4, versioned: false, "a decompression key with a modulus switch needs 1.5")
        v1_5.decompressionKey?.bootstrappingKey.modulusSwitch = .standard
        XCTAssertNoThrow(try TfheRsFile(object: .compressedServerKey(v1_5), layout: .v1_4).encode())
    }

    /// tfhe-rs 1.4 appended `destination_atomic_pattern` to `CompressedKeySwitchingKeyMaterial`
    /// without changing its tag (2): from 1.3 to 1.4 a key with a casting key grows by 8 bytes
    /// more (versioned; 4 plain) than the same key without one, under the same tag.
    func testCastingKeyGainsItsDestinationPatternInOnePointFourUnderTheSameTag() throws {
        var g = TestSeed.generator()
        let key = SyntheticSeeded.compressedServerKey(.v1_3, &g)
        var bare = key
        bare.castingKey = nil
        func size(_ k: TfheRsCompressedServerKey, _ layout: TfheRsLayout, _ versioned: Bool) throws -> Int {
            try TfheRsFile(object: .compressedServerKey(k), layout: layout, safeSerialized: false, versioned: versioned).encode().count
        }
        for (versioned, extra) in [(true, 8), (false, 4)] {
            let withCasting = try size(key, .v1_4, versioned) - size(key, .v1_3, versioned)
            let without = try size(bare, .v1_4, versioned) - size(bare, .v1_3, versioned)
            XCTAssertEqual(withCasting - without, extra, "versioned=\(versioned)")
        }
        XCTAssertEqual(TfheRsVersions.shortintCompressedKeySwitchingKeyMaterial.version(in: .v1_3), 2)
        XCTAssertEqual(TfheRsVersions.shortintCompressedKeySwitchingKeyMaterial.version(in: .v1_4), 2)
    }

    /// The whole encoding of a small 1.0 key (versioned, with header), written out by hand from
    /// tfhe-rs 1.0's serde field order: `CompressedServerKey` V2 → `IntegerCompressedServerKey`
    /// V2 → `integer::CompressedServerKey` V2 → shortint `CompressedServerKey` V2 { seeded KSK
    /// (V2), `ShortintCompressedBootstrappingKey` V2 `Classic` { `SeededLweBootstrapKey` V1 →
    /// `SeededGgswCiphertextList` V1, `Some(CompressedModulusSwitchNoiseReductionKey` V0) },
    /// moduli, degree, noise level, CM, PBS order } · 3 × None · Tag.
    func testOnePointZeroEncodingMatchesTheHandWrittenSerdeOrder() throws {
        var g = TestSeed.generator()
        var key = SyntheticSeeded.compressedServerKey(.v1_0, full: false, &g)
        key.tag = [9, 8]
        let ksk = key.keySwitchingKey, bsk = key.bootstrappingKey.bsk
        guard case .driftTechniqueNoiseReduction(let ms) = key.bootstrappingKey.modulusSwitch,
              case .ctr(let kskSeed) = ksk.seed.kind, case .ctr(let bskSeed) = bsk.seed.kind,
              case .ctr(let msSeed) = ms.encryptionsOfZero.seed.kind else { return XCTFail("synthetic key shape") }
        for versioned in [true, false] {
            var b = SyntheticSeeded.Bytes(versioned: versioned)
            b.header("high_level_api::CompressedServerKey", crate: "1.0")
            b.t(2); b.t(2); b.t(2); b.t(2)
            b.t(2); b.vec(ksk.data); b.newtype(4); b.newtype(2); b.newtype(5); b.t(0); b.raw(kskSeed); b.nativeModulus(bits: 64)
            b.t(2); b.u32(0)
            b.t(1); b.t(1); b.vec(bsk.data); b.newtype(2); b.newtype(8); b.newtype(23); b.newtype(1); b.t(0); b.raw(bskSeed); b.nativeModulus(bits: 64)
            b.u8(1); b.t(0); b.t(0); b.vec(ms.encryptionsOfZero.bodies); b.newtype(5); b.t(0); b.raw(msSeed); b.nativeModulus(bits: 64)
            b.t(0); b.f64(288230376151711744); b.t(0); b.f64(13.179852282053789); b.t(0); b.f64(2.63039184094559e-7)
            b.newtype(4); b.newtype(4); b.newtype(15); b.newtype(5); b.nativeModulus(bits: 64); b.unit(0)
            b.u8(0); b.u8(0); b.u8(0)
            b.tag([9, 8])
            let ours = try TfheRsFile(object: .compressedServerKey(key), layout: .v1_0, versioned: versioned).encode()
            XCTAssertEqual(ours, b.bytes, "versioned=\(versioned)")
            XCTAssertEqual(try decodeKey(b.bytes).0, key)
        }
        // The header alone: 34 + len(name) bytes (notes §4: 69).
        XCTAssertEqual(SafeSerializationHeader.versioned(name: "high_level_api::CompressedServerKey").encoded.count, 69)
    }

    /// The whole encoding of a 1.6 key with a casting key whose seed is an XOF seed, by hand:
    /// `IntegerCompressedServerKey` V7, shortint V3 `CompressedAtomicPatternServerKey::Standard`,
    /// `CompressionSeed` V1 (`AesCtrParams` { `SeedKind::Ctr`/`Xof`, `TableIndex` }),
    /// `CompressedModulusSwitchConfiguration::CenteredMeanNoiseReduction`, the casting key's
    /// trailing `destination_atomic_pattern`, and six `Option`s (the last two: re-randomization
    /// and OPRF keys).
    func testOnePointSixEncodingMatchesTheHandWrittenSerdeOrder() throws {
        var g = TestSeed.generator()
        var key = SyntheticSeeded.compressedServerKey(.v1_6, full: true, &g)
        key.compressionKey = nil
        key.decompressionKey = nil
        key.noiseSquashingKey = nil
        key.noiseSquashingCompressionKey = nil
        key.tag = []
        let ksk = key.keySwitchingKey, bsk = key.bootstrappingKey.bsk, cast = try XCTUnwrap(key.castingKey)
        func seed(_ b: inout SyntheticSeeded.Bytes, _ s: TfheRsKeyCompressionSeed) {
            b.t(1); b.t(0); b.t(0)
            switch s.kind {
            case .ctr(let v): b.u32(0); b.t(0); b.raw(v)
            case .xof(let v): b.u32(1); b.t(0); b.u64(v.count); b.raw(v)
            }
            b.t(0); b.t(0); b.u64(s.aesIndexLow); b.u64(s.aesIndexHigh); b.t(0); b.u64(s.byteIndex)
        }
        for versioned in [true, false] {
            var b = SyntheticSeeded.Bytes(versioned: versioned)
            b.header("high_level_api::CompressedServerKey", crate: "0.1")
            b.t(2); b.t(7); b.t(2); b.t(3)
            b.t(0); b.u32(0); b.t(0)
            b.t(2); b.vec(ksk.data); b.newtype(4); b.newtype(2); b.newtype(5); seed(&b, ksk.seed); b.nativeModulus(bits: 64)
            b.t(3); b.u32(0)
            b.t(1); b.t(1); b.vec(bsk.data); b.newtype(2); b.newtype(8); b.newtype(23); b.newtype(1); seed(&b, bsk.seed); b.nativeModulus(bits: 64)
            b.t(0); b.u32(2)
            b.unit(0)
            b.newtype(4); b.newtype(4); b.newtype(15); b.newtype(5)
            b.u8(1)
            b.t(2); b.t(2)
            b.t(2); b.vec(cast.keySwitchingKey.data); b.newtype(27); b.newtype(1); b.newtype(9); seed(&b, cast.keySwitchingKey.seed); b.nativeModulus(bits: 64)
            b.u8(0xff); b.unit(0); b.unit(0)
            for _ in 0..<6 { b.u8(0) }
            b.tag([])
            XCTAssertEqual(try TfheRsFile(object: .compressedServerKey(key), layout: .v1_6, versioned: versioned).encode(), b.bytes, "versioned=\(versioned)")
            XCTAssertEqual(try decodeKey(b.bytes).0, key)
        }
    }

    /// What the library cannot represent is refused as `unsupported`, at the field: a KeySwitch32
    /// atomic pattern, a multi-bit bootstrapping key, a present re-randomization or OPRF key.
    func testUnrepresentableContentIsRefusedAsUnsupported() throws {
        var g = TestSeed.generator()
        func unsupported(_ bytes: [UInt8], _ why: String) {
            XCTAssertThrowsError(try TfheRsFile.decode(bytes, expecting: .compressedServerKey), why) { error in
                guard case .unsupported = error as? TfheRsError else { return XCTFail("\(why): \(error)") }
            }
        }
        for layout in [TfheRsLayout.v1_4, .v1_6] {
            var key = SyntheticSeeded.compressedServerKey(layout, full: false, &g)
            key.noiseSquashingKey = nil
            key.tag = []
            let bytes = try TfheRsFile(object: .compressedServerKey(key), layout: layout, safeSerialized: false).encode()
            // … · Opt rerand · (1.6) Opt OPRF · Tag (T[0] + u64 0).
            let tagAt = bytes.count - 12
            var rerand = bytes
            rerand[tagAt - (layout >= .v1_6 ? 2 : 1)] = 1
            unsupported(rerand, "\(layout) re-randomization key")
            if layout >= .v1_6 {
                var oprf = bytes
                oprf[tagAt - 1] = 1
                unsupported(oprf, "1.6 OPRF key")
            }
            // The variants with two values, in reading order: the atomic pattern, then the
            // bootstrapping key's kind (Classic / MultiBit); in 1.6 the KSK's `SeedKind` is between.
            let variants = try TfheRsFile.structuralFields(of: bytes).filter { $0.kind == .variant(count: 2) }
            for (i, what) in [(0, "KeySwitch32 atomic pattern"), (layout >= .v1_6 ? 2 : 1, "multi-bit bootstrapping key")] {
                var hostile = bytes
                hostile[variants[i].offset] = 1
                unsupported(hostile, "\(layout) \(what)")
            }
        }
    }

    /// A KeySwitch32 destination for the casting key (1.4+) is refused too.
    func testCastingKeyToKeySwitch32IsRefused() throws {
        var g = TestSeed.generator()
        var key = SyntheticSeeded.compressedServerKey(.v1_4, full: true, &g)
        (key.compressionKey, key.decompressionKey, key.noiseSquashingKey, key.noiseSquashingCompressionKey) = (nil, nil, nil, nil)
        key.tag = []
        let bytes = try TfheRsFile(object: .compressedServerKey(key), layout: .v1_4, safeSerialized: false).encode()
        // Tag (12) · 5 × None (noise squashing, its compression, rerand, … from the end):
        // 1.4: … · casting { …, U dest key, U dest AP } · None compression · None decompression ·
        // None squashing · None squashing compression · None rerand · Tag.
        let variantAt = bytes.count - 12 - 5 - 4
        XCTAssertEqual(Array(bytes[variantAt - 4 ..< variantAt + 4]), [0, 0, 0, 0, 0, 0, 0, 0])
        var hostile = bytes
        hostile[variantAt] = 1
        XCTAssertThrowsError(try TfheRsFile.decode(hostile, expecting: .compressedServerKey)) { error in
            guard case .unsupported = error as? TfheRsError else { return XCTFail("\(error)") }
        }
    }

    /// Inconsistent shapes (a key-switching key that does not land on the bootstrapping key's
    /// input, a casting key to the wrong dimension) are invalid fields, not accepted.
    func testMismatchedShapesAreInvalidFields() throws {
        var g = TestSeed.generator()
        var key = SyntheticSeeded.compressedServerKey(.v1_6, &g)
        key.keySwitchingKey.outputLweSize += 1
        let bytes = try TfheRsFile(object: .compressedServerKey(key), layout: .v1_6).encode()
        XCTAssertThrowsError(try TfheRsFile.decode(bytes)) { error in
            guard case .invalidField = error as? TfheRsError else { return XCTFail("\(error)") }
        }
        var cast = SyntheticSeeded.compressedServerKey(.v1_6, &g)
        cast.castingKey?.destinationKey = .small
        XCTAssertThrowsError(try TfheRsFile.decode(TfheRsFile(object: .compressedServerKey(cast), layout: .v1_6).encode())) { error in
            guard case .invalidField = error as? TfheRsError else { return XCTFail("\(error)") }
        }
    }

    /// Every truncation of a key, and every u64 in it replaced by 0x7fff…, gives a typed error or
    /// another well-formed key: never a trap, and nothing is allocated from the hostile count.
    func testTruncatedOrInflatedCompressedServerKeysGiveTypedErrors() throws {
        var g = TestSeed.generator()
        for layout in [TfheRsLayout.v1_0, .v1_2, .v1_4, .v1_6] {
            for versioned in [true, false] {
                let bytes = try TfheRsFile(object: .compressedServerKey(SyntheticSeeded.compressedServerKey(layout, &g)), layout: layout,
                                           versioned: versioned).encode()
                for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 700)) {
                    XCTAssertThrowsError(try TfheRsFile.decode(Array(bytes[..<cut]), expecting: .compressedServerKey)) { error in
                        XCTAssertTrue(error is TfheRsError, "\(layout) cut at \(cut): \(error)")
                    }
                }
                var inflated = 0
                for offset in stride(from: 0, to: bytes.count - 8, by: 8) {
                    var hostile = bytes
                    hostile.replaceSubrange(offset ..< offset + 8, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])
                    do { _ = try TfheRsFile.decode(hostile, expecting: .compressedServerKey) } catch { inflated += 1 }
                }
                XCTAssertGreaterThan(inflated, 0, "\(layout)")
            }
        }
    }

    /// Every structural field of a versioned key (tags, lengths, variants, `Option` bytes) set to
    /// a value out of its range gives a typed error.
    func testCorruptedStructuralFieldsGiveTypedErrors() throws {
        var g = TestSeed.generator()
        let bytes = try TfheRsFile(object: .compressedServerKey(SyntheticSeeded.compressedServerKey(.v1_6, &g)), layout: .v1_6).encode()
        let fields = try TfheRsFile.structuralFields(of: bytes)
        XCTAssertGreaterThan(fields.count, 100)
        for f in fields {
            var hostile = bytes
            switch f.kind {
            case .version: hostile[f.offset] = 0x63
            case .length: hostile.replaceSubrange(f.offset ..< f.offset + 8, with: [0, 0, 0, 0, 0, 0, 0, 0x40])
            case .option: hostile[f.offset] = 2
            case .variant(let count): hostile[f.offset] = UInt8(count)
            }
            XCTAssertThrowsError(try TfheRsFile.decode(hostile, expecting: .compressedServerKey), "\(f)") { error in
                XCTAssertTrue(error is TfheRsError, "\(f): \(error)")
            }
        }
    }

    /// `key inspect` describes the parts' shapes without key material or seeds, and a key is
    /// not a ciphertext.
    func testInspectionShowsShapesNotKeyMaterial() throws {
        var g = TestSeed.generator()
        let key = SyntheticSeeded.compressedServerKey(.v1_6, &g)
        let bytes = try TfheRsFile(object: .compressedServerKey(key), layout: .v1_6).encode()
        let file = try TfheRsFile.decode(bytes)
        let json = file.inspectionJSON(sizeBytes: bytes.count)
        XCTAssertTrue(json.contains(#""object":"high_level_api::CompressedServerKey""#), json)
        XCTAssertTrue(json.contains(#""seeded":true"#), json)
        XCTAssertTrue(json.contains(#""noise_squashing_key":{"#), json)
        XCTAssertTrue(json.contains(#""seed_kind":"xof""#), json)
        XCTAssertLessThan(json.utf8.count, 4000)
        guard case .ctr(let s) = key.keySwitchingKey.seed.kind else { return XCTFail("synthetic seed") }
        XCTAssertFalse(json.contains(s.map { String(format: "%02x", $0) }.joined()), "the seed is not shown")
        XCTAssertThrowsError(try file.object.ciphertexts(parameters: .default)) { error in
            guard case .unexpectedObject = error as? TfheRsError else { return XCTFail("\(error)") }
        }
    }
}
