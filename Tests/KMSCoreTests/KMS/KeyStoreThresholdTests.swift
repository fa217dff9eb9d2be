import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// Party directories in the key store: the share is written 0600 beside the public facts, read
/// back identical, never silently replaced, and a tampered or foreign share is refused.
final class KeyStoreThresholdTests: XCTestCase {
    func testShareRoundTripPermissionsAndTampering() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let shares = try ThresholdFixtures.shares(keys, n: 4, t: 1, &g)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kst-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = KeyStore(directory: KeyStore.partyDirectory(2, in: dir))
        let manifest = try store.save(share: shares[1], parameters: .test)
        XCTAssertEqual(try store.loadThresholdShare().bytes, shares[1].bytes)
        XCTAssertEqual(try store.loadThresholdInfo(), shares[1].info)
        let sharePath = store.directory.appendingPathComponent(manifest.files[KeyStore.thresholdShareRole]!.path).path
        let mode = try FileManager.default.attributesOfItem(atPath: sharePath)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertThrowsError(try store.save(share: shares[2], parameters: .test)) {
            guard case StorageError.alreadyExists = $0 else { return XCTFail("\($0)") }
        }
        // Another party's share in place of this one's file: the digest check refuses it.
        try Data(shares[2].bytes).write(to: URL(fileURLWithPath: sharePath))
        XCTAssertThrowsError(try store.loadThresholdShare()) {
            guard case StorageError.digestMismatch = $0 else { return XCTFail("\($0)") }
        }
    }
}
