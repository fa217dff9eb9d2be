import XCTest
import KMSTestSupport
@testable import KMSCore

/// Layout generations (0.8 – 0.10, 0.11, 1.0), encodings (safe_serialize, versioned, plain) and
/// the safe_serialize header.
final class TfheRsLayoutTests: XCTestCase {
    func testReleasesMapToLayouts() {
        XCTAssertEqual(TfheRsLayout(release: "0.8.0"), .v0_8)
        XCTAssertEqual(TfheRsLayout(release: "0.9"), .v0_8)
        XCTAssertEqual(TfheRsLayout(release: "0.10.1"), .v0_8)
        XCTAssertEqual(TfheRsLayout(release: "0.11.3"), .v0_11)
        XCTAssertEqual(TfheRsLayout(release: "1.0"), .v1_0)
        XCTAssertNil(TfheRsLayout(release: "0.7.5"))
        XCTAssertEqual(TfheRsLayout(release: "1.1.0"), .v1_1)
        XCTAssertEqual(TfheRsLayout(release: "1.5.5"), .v1_5)
        XCTAssertEqual(TfheRsLayout(release: "1.7.0"), .v1_6)
        XCTAssertEqual(TfheRsLayout(release: "main-2025-06"), .main2025)
        XCTAssertNil(TfheRsLayout(release: "1.8.0"))
        XCTAssertNil(TfheRsLayout(release: "x"))
        XCTAssertEqual(TfheRsLayout.preferred(for: .default), .v0_8)
        XCTAssertEqual(TfheRsLayout.preferred(for: .v1_0_2m128), .v1_0)
    }

    /// Every object written in every layout and encoding reads back as the same bytes and (for
    /// objects whose bytes tell) the same layout.
    func testEveryObjectRoundTripsInEveryLayoutAndEncoding() throws {
        var g = TestSeed.generator()
        let (ck, pk) = try KeyGeneration.generate(.test, randomness: g.tfheRandomness())
        let real = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_7).ck)
        let values = [try ClearValue(type: .euint8, 7), ClearValue(bool: false)]
        for layout in TfheRsLayout.allCases {
            let objects: [TfheRsObject] = [
                .clientKey(try TfheRsClientKey(ck, layout: layout)),
                .compactPublicKey(try TfheRsCompactPublicKey(pk, layout: layout)),
                try TfheRsObject(ck.encrypt(values[0]), parameters: ck.parameters, layout: layout),
                try TfheRsObject(ck.encrypt(values[1]), parameters: ck.parameters, layout: layout),
                .compactCiphertextList(try TfheRsCompactCiphertextList.encrypt(values, publicKey: TfheRsCompactPublicKey(pk, layout: layout), layout: layout)),
                .compressedCiphertextList(try TfheRsCompressedCiphertextList.encrypt(values, clientKey: real)),
                .seededCiphertext(try TfheRsSeededCiphertext.encrypt(values[0], clientKey: ck)),
            ]
            for object in objects {
                for (safe, versioned) in [(true, true), (false, true), (false, false), (true, false)] {
                    let file = TfheRsFile(object: object, layout: layout, safeSerialized: safe, versioned: versioned)
                    let bytes = try file.encode()
                    // Plain data without a header needs the layout when the bytes cannot tell.
                    let decoded = try TfheRsFile.decode(bytes, expecting: object.type, layout: (!versioned && !safe) ? layout : nil)
                    // An unversioned header says "1.2" for 1.2 and for the main-branch window after
                    // it; what both write alike reads as both.
                    XCTAssertTrue(decoded.compatibleLayouts.contains(layout), "\(object.type) \(layout) safe=\(safe) versioned=\(versioned)")
                    XCTAssertEqual(decoded.header == nil, !safe)
                    XCTAssertEqual(decoded.versioned, versioned)
                    XCTAssertEqual(try decoded.encode(), bytes, "\(object.type) \(layout) safe=\(safe) versioned=\(versioned)")
                }
            }
        }
    }

    func testVersionTagsTellTheLayoutOfKeysAndLists() throws {
        var g = TestSeed.generator()
        let (ck, pk) = try KeyGeneration.generate(.default, randomness: g.tfheRandomness())
        // A client key's tags tell every release apart except 1.1 from 1.2 (IntegerClientKey V4 and
        // shortint ClientKey V0 in both); a compact list's change in 0.11 (list V2), 1.4
        // (`DataKind` V1) and 1.6 (`CompactCiphertextListExpansionKind` V1).
        func clientKeyLayouts(_ l: TfheRsLayout) -> [TfheRsLayout] { l == .v1_1 || l == .v1_2 ? [.v1_1, .v1_2] : [l] }
        func compactListLayouts(_ l: TfheRsLayout) -> [TfheRsLayout] {
            let generations: [[TfheRsLayout]] = [[.v0_8], [.v0_11, .v1_0, .v1_1, .v1_2, .main2025, .v1_3], [.v1_4, .v1_5], [.v1_6]]
            return generations.first { $0.contains(l) } ?? []
        }
        for layout in TfheRsLayout.allCases {
            let bytes = try TfheRsFile(object: .clientKey(TfheRsClientKey(ck, layout: layout)), layout: layout).encode()
            XCTAssertEqual(try TfheRsFile.decode(bytes).compatibleLayouts.layouts, clientKeyLayouts(layout), "\(layout)")
            let list = try TfheRsCompactCiphertextList.encrypt([ClearValue(bool: true)], publicKey: TfheRsCompactPublicKey(pk, layout: layout), layout: layout)
            XCTAssertEqual(list.noiseLevel != nil, layout == .v0_8, "noise_level only in the 0.8 layout")
            let lb = try TfheRsFile(object: .compactCiphertextList(list), layout: layout).encode()
            XCTAssertEqual(try TfheRsFile.decode(lb).compatibleLayouts.layouts, compactListLayouts(layout), "\(layout)")
        }
        // A string entry exists only from 1.0.
        let tpk = try TfheRsCompactPublicKey(pk, layout: .v1_0)
        let s = try TfheRsCompactCiphertextList.encrypt(blocks: [UInt64](repeating: 1, count: 8), info: [.string(characters: 2, padded: false)],
                                                      publicKey: tpk, layout: .v1_0)
        XCTAssertEqual(s.blockCount, 8)
        let sb = try TfheRsFile(object: .compactCiphertextList(s), layout: .v1_0).encode()
        // The list's tags say 0.11 – 1.3; the string entry rules out 0.11.
        XCTAssertEqual(try TfheRsFile.decode(sb).compatibleLayouts.layouts, [.v1_0, .v1_1, .v1_2, .main2025, .v1_3])
        XCTAssertThrowsError(try TfheRsFile(object: .compactCiphertextList(s), layout: .v0_11).encode())
        // String entries stay readable in every later release (DataKind V1 of 1.4, 1.6's list).
        for layout in [TfheRsLayout.v1_1, .v1_4, .v1_6] {
            let later = try TfheRsCompactCiphertextList.encrypt(blocks: [UInt64](repeating: 1, count: 8), info: [.string(characters: 2, padded: true)],
                                                                publicKey: TfheRsCompactPublicKey(pk, layout: layout), layout: layout)
            let bytes = try TfheRsFile(object: .compactCiphertextList(later), layout: layout).encode()
            XCTAssertTrue(try TfheRsFile.decode(bytes).compatibleLayouts.contains(layout), "\(layout)")
        }
    }

    func testFeaturesALayoutCannotExpressAreRefusedWhenWriting() throws {
        var g = TestSeed.generator()
        let (ck, pk) = try KeyGeneration.generate(.v1_0_2m128, randomness: g.tfheRandomness())
        // Modulus-switch noise reduction needs 1.0; the V2 zk scheme needs 0.11.
        XCTAssertThrowsError(try TfheRsFile(object: .clientKey(TfheRsClientKey(ck, layout: .v0_8)), layout: .v0_8).encode()) { error in
            guard case .unsupported = error as? TfheRsError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try TfheRsFile(object: .clientKey(TfheRsClientKey(ck, layout: .v0_11)), layout: .v0_11).encode())
        // The 0.8 public key object drops the zk field (it does not exist there).
        let p08 = try TfheRsCompactPublicKey(pk, layout: .v0_8)
        XCTAssertNil(p08.parameters.zkScheme)
        XCTAssertEqual(try TfheRsCompactPublicKey(pk, layout: .v0_11).parameters.zkScheme, .v2)
        // A zk scheme explicitly present cannot be written in the 0.8 layout.
        var withZk = p08
        withZk.parameters.zkScheme = .v1
        XCTAssertThrowsError(try TfheRsFile(object: .compactPublicKey(withZk), layout: .v0_8).encode())
    }

    func testZkSchemeWireValuesAreTfheRss() {
        // tfhe-rs SupportedCompactPkeZkScheme: ZkNotSupported = 0, V1 = 1, V2 = 2.
        XCTAssertEqual(TfheRsCompactPkeParameters.ZkScheme.notSupported.rawValue, 0)
        XCTAssertEqual(TfheRsCompactPkeParameters.ZkScheme.v1.rawValue, 1)
        XCTAssertEqual(TfheRsCompactPkeParameters.ZkScheme.v2.rawValue, 2)
        let p = TfheRsCompactPkeParameters(encryptionLweDimension: 2048, encryptionNoiseDistribution: .tUniform(boundLog2: 17),
                                           messageModulus: 4, carryModulus: 4, expansionKind: .requiresCasting, zkScheme: .v2)
        XCTAssertEqual(p.parameters.zkScheme, .v2)
        XCTAssertNil(TfheRsCompactPkeParameters(encryptionLweDimension: 2048, encryptionNoiseDistribution: .tUniform(boundLog2: 17),
                                                messageModulus: 4, carryModulus: 4, expansionKind: .requiresCasting,
                                                zkScheme: .notSupported).parameters.zkScheme)
    }

    func testSafeSerializationHeaderBytes() throws {
        let h = SafeSerializationHeader.versioned(name: "high_level_api::ClientKey")
        var expected: [UInt8] = [3, 0, 0, 0, 0, 0, 0, 0] + Array("0.5".utf8) + [0, 0, 0, 0] + [3, 0, 0, 0, 0, 0, 0, 0] + Array("0.1".utf8)
        expected += [25, 0, 0, 0, 0, 0, 0, 0] + Array("high_level_api::ClientKey".utf8)
        XCTAssertEqual(h.encoded, expected)
        XCTAssertEqual(h.encoded.count, 59)
        XCTAssertEqual(SafeSerializationHeader.versioned(name: "high_level_api::CompressedCiphertextList").encoded.count, 74)
        XCTAssertEqual(SafeSerializationHeader.versioned(name: "high_level_api::FheUint").encoded.count, 57)
        let (decoded, end) = try SafeSerializationHeader.decode(expected + [9, 9])
        XCTAssertEqual(decoded, h)
        XCTAssertEqual(end, 59)
        // Unversioned mode: plain bincode of the named release follows.
        let u = SafeSerializationHeader(mode: .unversioned(crateVersion: "0.9"), name: "high_level_api::FheUint")
        XCTAssertEqual(try SafeSerializationHeader.decode(u.encoded).0, u)
        XCTAssertThrowsError(try SafeSerializationHeader.decode(SafeSerializationHeader(mode: .unversioned(crateVersion: "0.7"), name: "x").encoded)) { error in
            guard case .unsupportedHeader = error as? TfheRsError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SafeSerializationHeader.decode(SafeSerializationHeader(headerVersion: "0.4", mode: h.mode, name: h.name).encoded))
        XCTAssertThrowsError(try SafeSerializationHeader.decode(Array(expected.prefix(30))))
    }
}
