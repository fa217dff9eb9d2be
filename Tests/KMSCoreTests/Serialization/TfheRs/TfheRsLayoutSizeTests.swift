import XCTest
import KMSTestSupport
@testable import KMSCore

/// Independent evidence for the ciphertext layouts: tfhe-rs's own backward-compatibility objects
/// (zama-ai/tfhe-backward-compat-data, versioned bincode without header) are Git-LFS files whose
/// content is not available, but their sizes are recorded in `metadata/lfs_manifest.tsv`. Objects
/// of the same shapes written by our encoder must have exactly those sizes.
final class TfheRsLayoutSizeTests: XCTestCase {
    /// Keys of each test method from the run's seed (`SWIFTKMS_TEST_SEED`).
    private lazy var g = TestSeed.generator(function: name)

    private func lfsSize(_ path: String) throws -> Int {
        let text = String(decoding: try SharedVectors.data("tfhe/metadata/lfs_manifest.tsv"), as: UTF8.self)
        for line in text.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            if cols.count >= 4, cols[0] == "zama-ai/tfhe-backward-compat-data", cols[2] == path, let n = Int(cols[3]) { return n }
        }
        // The manifest is pinned by its digest: a missing path is a mistake in the test.
        throw TestFailure.record("\(path) not in the pinned LFS manifest")
    }

    /// Versioned bincode without header, as `bincode::serialize(&obj.versionize())` writes it.
    private func size(_ o: TfheRsObject, _ layout: TfheRsLayout = .v0_8) throws -> Int {
        let bytes = try TfheRsFile(object: o, layout: layout, safeSerialized: false).encode()
        // And it reads back to the same bytes.
        XCTAssertEqual(try TfheRsFile(object: TfheRsFile.decode(bytes, expecting: o.type).object, layout: layout, safeSerialized: false).encode(), bytes)
        return bytes.count
    }

    /// The 0.8 data's test parameters: the fhEVM TUNIFORM_2M64 compute set without a dedicated
    /// compact-PKE key (public keys from the 2048-bit big key, `NoCasting(KeyswitchBootstrap)`).
    private var compute: ClassicPBSParameters { ParameterSet.default.compute }

    private func ourKey(compression: Bool) throws -> ClientKey {
        let p = ParameterSet(name: "lfs-test", tfheRsName: "VALID_TEST_PARAMS_TUNIFORM", compute: compute,
                             compactPublicKey: nil, castingKeySwitch: nil,
                             compression: compression ? ParameterSet.default.compression : nil, isSecure: true)
        return try KeyGeneration.generate(p, randomness: g.tfheRandomness()).0
    }

    func testClientKeySizes() throws {
        let plain = try TfheRsClientKey(ourKey(compression: false), layout: .v0_8)
        XCTAssertEqual(try size(.clientKey(plain)), try lfsSize("data/0_8/high_level_api/batch_1_client_key.bcode"))
        let withCompression = try TfheRsClientKey(ourKey(compression: true), layout: .v0_8)
        XCTAssertEqual(try size(.clientKey(withCompression)), try lfsSize("data/0_8/high_level_api/client_key_with_compression.bcode"))
        XCTAssertEqual(try size(.clientKey(withCompression)), try lfsSize("data/0_10/high_level_api/client_key.bcode"))
        // tfhe-rs 1.0 key with modulus-switch noise reduction (insecure n = 2 test parameters).
        var c = ParameterSet.v1_0_2m128.compute
        c.lweDimension = 2
        c.modulusSwitchNoiseReduction?.zerosCount = 2
        let r = try g.tfheRandomness()
        let k = TfheRsClientKey(glweSecretKey: .generate(glweDimension: 1, polynomialSize: 2048, from: r.secret),
                                lweSecretKey: .generate(dimension: 2, from: r.secret), parameters: c,
                                compactPrivateKey: nil, compressionKey: nil)
        XCTAssertEqual(try size(.clientKey(k), .v1_0), try lfsSize("data/1_0/high_level_api/client_key_ms_noise_reduction.bcode"))
    }

    func testCompactPublicKeyFromTheBigKeySize() throws {
        let ck = try ourKey(compression: false)
        let pk = try KeyGeneration.generatePublicKey(ck, randomness: g.tfheRandomness())
        let t = try TfheRsCompactPublicKey(pk, layout: .v0_8)
        XCTAssertEqual(t.parameters.expansionKind, .noCasting(.big))
        XCTAssertEqual(try size(.compactPublicKey(t)), try lfsSize("data/0_8/high_level_api/compact_public_key.bcode"))
    }

    func testCiphertextSizes() throws {
        let ck = try ourKey(compression: true)
        let u8 = try TfheRsObject(ck.encrypt(ClearValue(type: .euint8, 255)), parameters: ck.parameters, layout: .v0_8)
        XCTAssertEqual(try size(u8), try lfsSize("data/0_8/high_level_api/ct1.bcode"))
        let b = try TfheRsObject(ck.encrypt(ClearValue(bool: true)), parameters: ck.parameters, layout: .v0_8)
        XCTAssertEqual(try size(b), try lfsSize("data/0_8/high_level_api/bool1.bcode"))
        let seeded = try TfheRsSeededCiphertext.encrypt(ClearValue(type: .euint8, 255), clientKey: ck)
        XCTAssertEqual(try size(.seededCiphertext(seeded)), try lfsSize("data/0_8/high_level_api/ct_compressed_seeded.bcode"))
        let seededBool = try TfheRsSeededCiphertext.encrypt(ClearValue(bool: true), clientKey: ck)
        XCTAssertEqual(try size(.seededCiphertext(seededBool)), try lfsSize("data/0_8/high_level_api/compressed_seeded_bool.bcode"))
        // The spec's FheUint64 size (the benchmark's 527,776 bytes).
        let u64 = try TfheRsObject(ck.encrypt(ClearValue(type: .euint64, 1)), parameters: ck.parameters, layout: .v0_8)
        XCTAssertEqual(try size(u64), 527_776)
    }

    /// [FheUint8 17, FheInt8 −12, false, true], as tfhe-rs's 0.8 heterogeneous lists.
    func testHeterogeneousListSizes() throws {
        let ck = try ourKey(compression: true)
        let pk = try TfheRsCompactPublicKey(KeyGeneration.generatePublicKey(ck, randomness: g.tfheRandomness()), layout: .v0_8)
        let info: [TfheRsDataKind] = [.unsigned(blocks: 4), .signed(blocks: 4), .boolean, .boolean]
        // 17 = 0b00010001 → blocks 1,0,1,0; −12 = 0xF4 → 0,1,3,3.
        let blocks: [UInt64] = [1, 0, 1, 0, 0, 1, 3, 3, 0, 1]
        let list = try TfheRsCompactCiphertextList.encrypt(blocks: blocks, info: info, publicKey: pk)
        XCTAssertEqual(try size(.compactCiphertextList(list)), try lfsSize("data/0_8/high_level_api/hl_heterogeneous_list.bcode"))
        let packed = try TfheRsCompactCiphertextList.encrypt(blocks: blocks, info: info, publicKey: pk, packed: true)
        XCTAssertEqual(packed.list.count, 5)
        XCTAssertEqual(try size(.compactCiphertextList(packed)), try lfsSize("data/0_8/high_level_api/hl_packed_heterogeneous_list.bcode"))
        let compressed = try TfheRsCompressedCiphertextList.encrypt(blocks: blocks, info: info, clientKey: ck)
        XCTAssertEqual(try size(.compressedCiphertextList(compressed)), try lfsSize("data/0_8/high_level_api/hl_compressed_heterogeneous_list.bcode"))
        // The unsigned and boolean entries decrypt; the signed one is reported, not guessed.
        XCTAssertThrowsError(try ck.decrypt(tfheRs: .compressedCiphertextList(compressed))) { error in
            guard case .unsupported = error as? TfheRsError else { return XCTFail("\(error)") }
        }
        let onlyFhevm = try TfheRsCompressedCiphertextList.encrypt(blocks: [1, 0, 1, 0, 0, 1], info: [.unsigned(blocks: 4), .boolean, .boolean], clientKey: ck)
        XCTAssertEqual(try ck.decrypt(tfheRs: .compressedCiphertextList(onlyFhevm)),
                       [try ClearValue(type: .euint8, 17), ClearValue(bool: false), ClearValue(bool: true)])
    }
}
