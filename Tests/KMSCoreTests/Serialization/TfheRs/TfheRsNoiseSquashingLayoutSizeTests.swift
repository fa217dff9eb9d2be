import XCTest
import KMSTestSupport
@testable import KMSCore

/// Independent evidence for the seeded server key layout: tfhe-rs's own backward-compatibility
/// objects (versioned bincode without header, written by `utils/tfhe-backward-compat-data`'s
/// `store_versioned_test`) are Git-LFS files whose content is not available, but their sizes are
/// in `metadata/lfs_manifest.tsv`. Objects of the same shapes — the generators' parameters, read
/// from tfhe-rs's `generate_1_1` crate and `generate.rs` — written by our encoder must have
/// exactly those sizes. Sizes only: the bytes themselves are random here.
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
}
