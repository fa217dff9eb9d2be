import XCTest
import KMSTestSupport
@testable import KMSCore

/// Independent evidence for the seeded server key and squashed-noise layouts: tfhe-rs's own
/// backward-compatibility objects (versioned bincode without header, written by
/// `utils/tfhe-backward-compat-data`'s `store_versioned_test`) are Git-LFS files whose content is
/// not available, but their sizes are in `metadata/lfs_manifest.tsv`. Objects of the same shapes
/// — the generators' parameters, read from tfhe-rs's `generate_1_1` / `generate_1_3` /
/// `generate_1_4` crates and `generate.rs` — written by our encoder must have exactly those
/// sizes. Sizes only: the bytes themselves are random here.
final class TfheRsNoiseSquashingLayoutSizeTests: XCTestCase {
    private lazy var g = TestSeed.generator(function: name)

    private func lfsSize(repo: String = "zama-ai/tfhe-backward-compat-data", _ path: String) throws -> Int {
        let text = String(decoding: try SharedVectors.data("tfhe/metadata/lfs_manifest.tsv"), as: UTF8.self)
        for line in text.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            if cols.count >= 4, cols[0] == repo, cols[2] == path, let n = Int(cols[3]) { return n }
        }
        // The manifest is pinned by its digest: a missing path is a mistake in the test.
        throw TestFailure.record("\(repo) \(path) not in the pinned LFS manifest")
    }

    /// Versioned bincode without header, as `bincode::serialize(&obj.versionize())` writes it;
    /// it also reads back to the same bytes.
    private func size(_ o: TfheRsObject, _ layout: TfheRsLayout) throws -> Int {
        let bytes = try TfheRsFile(object: o, layout: layout, safeSerialized: false).encode()
        XCTAssertEqual(try TfheRsFile(object: TfheRsFile.decode(bytes, expecting: o.type).object, layout: layout, safeSerialized: false).encode(), bytes)
        return bytes.count
    }

    /// tfhe-rs 1.1 `CompressedServerKey::new` for `INSECURE_SMALL_TEST_PARAMS_MS_NOISE_REDUCTION`
    /// (n = 2, 1×2048, PBS 2^23×1, KS 2^4×4, drift modulus switch with 2 zeros) with noise
    /// squashing `INSECURE_SMALL_TEST_NOISE_SQUASHING_PARAMS_MS_NOISE_REDUCTION` (2×2048, 2^24×3,
    /// drift with 2 zeros): seeded KSK, seeded BSK with its seeded encryptions of zero, seeded
    /// u128 noise-squashing BSK, V0 (u128) seeds, no other part.
    func testOnePointOneCompressedServerKeyWithNoiseSquashingSize() throws {
        var shape = SyntheticSeeded.Shape()
        (shape.n, shape.k, shape.bigN, shape.pbsLevels, shape.ksLevels, shape.msZeros) = (2, 1, 2048, 1, 4, 2)
        (shape.squashK, shape.squashN, shape.squashLevels) = (2, 2048, 3)
        let key = SyntheticSeeded.compressedServerKey(.v1_1, shape: shape, full: false, &g)
        XCTAssertEqual(try size(.compressedServerKey(key), .v1_1),
                       try lfsSize("data/1_1/high_level_api/server_key_with_noise_squashing_compressed.bcode"))
    }

    /// tfhe-rs 1.1 `squash_noise()` of an `FheUint64`, an `FheInt64` (32 blocks of 2 bits → 16
    /// packed blocks) and `FheBool`s, under the 2×2048 noise-squashing key (LWE dimension 4096).
    func testOnePointOneSquashedNoiseCiphertextSizes() throws {
        let unsigned = try SyntheticSeeded.squashed(.unsigned, originalBlocks: 32, lweDimension: 4096, &g)
        XCTAssertEqual(try size(.squashedNoiseCiphertext(unsigned), .v1_1),
                       try lfsSize("data/1_1/high_level_api/squashed_noise_unsigned_ciphertext.bcode"))
        let signed = try SyntheticSeeded.squashed(.signed, originalBlocks: 32, lweDimension: 4096, &g)
        XCTAssertEqual(try size(.squashedNoiseCiphertext(signed), .v1_1),
                       try lfsSize("data/1_1/high_level_api/squashed_noise_signed_ciphertext.bcode"))
        let bool = try SyntheticSeeded.squashed(.boolean, originalBlocks: 1, lweDimension: 4096, &g)
        XCTAssertEqual(try size(.squashedNoiseCiphertext(bool), .v1_1),
                       try lfsSize("data/1_1/high_level_api/squashed_noise_bool_true_ciphertext.bcode"))
        XCTAssertEqual(try size(.squashedNoiseCiphertext(bool), .v1_1),
                       try lfsSize("data/1_1/high_level_api/squashed_noise_bool_false_ciphertext.bcode"))
    }

    /// tfhe-rs 1.4 `squash_noise()` of an `FheUint32` (16 blocks → 8 packed) under the 2×2048
    /// multi-bit noise-squashing key: `SquashedNoiseFheUint` V1, with its state.
    func testOnePointFourSquashedNoiseFheUintSize() throws {
        let c = try SyntheticSeeded.squashed(.unsigned, originalBlocks: 16, lweDimension: 4096, &g)
        XCTAssertEqual(try size(.squashedNoiseCiphertext(c), .v1_4),
                       try lfsSize(repo: "zama-ai/tfhe-rs", "utils/tfhe-backward-compat-data/data/1_4/high_level_api/squashed_noise_unsigned_ciphertext.bcode"))
    }

    /// tfhe-rs 1.3 `CompressedSquashedNoiseCiphertextList` of [FheUint32, FheInt32, FheInt32,
    /// FheBool, FheBool] (8 + 8 + 8 + 1 + 1 = 26 squashed blocks) packed by
    /// `TEST_PARAMS_NOISE_SQUASHING_COMPRESSION` (6×1024 GLWE, 128 per GLWE, 128-bit storage):
    /// one GLWE of 6·1024 + 26 values.
    func testOnePointThreeCompressedSquashedNoiseListSize() throws {
        let info: [TfheRsDataKind] = [.unsigned(blocks: 16), .signed(blocks: 16), .signed(blocks: 16), .boolean, .boolean]
        let l = try SyntheticSeeded.list(info, k: 6, bigN: 1024, lwePerGlwe: 128, logModulus: 128, &g)
        XCTAssertEqual(l.glweCiphertexts.count, 1)
        XCTAssertEqual(l.blockCount, 26)
        XCTAssertEqual(try size(.compressedSquashedNoiseCiphertextList(l), .v1_3),
                       try lfsSize(repo: "zama-ai/tfhe-rs",
                                   "utils/tfhe-backward-compat-data/data/1_3/high_level_api/hl_compressed_squashed_noise_ciphertext_list.bcode"))
    }
}
