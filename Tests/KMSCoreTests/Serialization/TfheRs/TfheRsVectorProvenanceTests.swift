import KMSTestSupport
import XCTest

/// The pinned digests of the real tfhe-rs files (`PinnedVectors`, checked on every read) are the
/// ones their provenance manifests publish, and each file has the published size.
final class TfheRsVectorProvenanceTests: XCTestCase {
    /// `tfhe/MANIFEST.tsv`: the six fhevmjs key files (tfhe-rs 0.8.0, 0.8.7, 1.0.0).
    func testFhevmjsKeyFilesArePinnedToTheirManifest() throws {
        let manifest = try TfheKeyManifest.load()
        XCTAssertEqual(manifest.rows.count, 6)
        for row in manifest.rows {
            let path = "tfhe/" + row.file
            XCTAssertEqual(PinnedVectors.sha256[path], row.sha256, path)
            XCTAssertEqual(try SharedVectors.data(path).count, row.bytes, path)
        }
    }

    /// `tfhe/tfhe-rs-1.x-cmlext/manifest.json`: the tfhe-rs 1.x key, parameters and ciphertexts.
    func testTfheRs1xFilesArePinnedToTheirManifest() throws {
        let manifest = try TfheRs1xManifest.load()
        XCTAssertEqual(manifest.files.count, 8)
        for (name, file) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let path = TfheRs1xManifest.directory + "/" + name
            XCTAssertEqual(PinnedVectors.sha256[path], file.sha256, path)
            XCTAssertEqual(try SharedVectors.data(path).count, file.size, path)
        }
    }
}
