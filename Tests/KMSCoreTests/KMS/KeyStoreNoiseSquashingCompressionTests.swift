import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// The squashed-noise compression keys in the key store: saved beside the noise-squashing key
/// (private key in its 0600 client key file, public seeded key 0644), loaded back, compressing
/// with the stored public key and decrypting with the stored private key; key sets saved
/// without them give typed errors; a compression key without a squashing key is refused.
final class KeyStoreNoiseSquashingCompressionTests: XCTestCase {
    private func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("nscks-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: d) }
        return d
    }

    func testStoredKeysCompressAndDecrypt() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let keySet = try KeySet.generate(.test, randomness: r)
        let server = try ServerKey.generate(for: keySet.clientKey, randomness: r)
        let nsk = try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: .test), randomness: r)
        let cpk = try NoiseSquashingCompressionPrivateKey.generate(KeyStore.noiseSquashingCompressionParameters(for: .test), randomness: r)
        let dir = tempDir()
        let store = KeyStore(directory: dir)
        let m = try store.save(keySet, serverKey: server, noiseSquashingKey: nsk, noiseSquashingCompressionKey: cpk, randomness: r)
        let entry = try XCTUnwrap(m.files[KeyStore.noiseSquashingCompressionKeyRole])
        XCTAssertEqual(try SecureFile.permissions(of: dir.appendingPathComponent(entry.path)), 0o644)
        XCTAssertEqual(try SecureFile.permissions(of: dir.appendingPathComponent(try XCTUnwrap(m.files[KeyStore.noiseSquashingKeyRole]).path)), 0o600)
        XCTAssertTrue(store.hasNoiseSquashingCompressionKey)
        let file = try TfheRsFile.decode(try SecureFile.read(dir.appendingPathComponent(entry.path)), limits: .key)
        XCTAssertEqual(file.object.type, .compressedNoiseSquashingCompressionKey)

        let loadedPrivate = try store.loadNoiseSquashingCompressionPrivateKey()
        XCTAssertEqual(loadedPrivate.glweSecretKey.coefficients, cpk.glweSecretKey.coefficients)
        XCTAssertEqual(try store.loadNoiseSquashingPrivateKey().glweSecretKey.coefficients, nsk.glweSecretKey.coefficients)
        let key = try store.loadNoiseSquashingCompressionKey()
        let squashing = try store.loadNoiseSquashingKey()
        let values = [try ClearValue.random(.euint32, using: &g), ClearValue(bool: true)]
        let squashed = try values.map { try squashing.squash(keySet.clientKey.encrypt($0, randomness: r), serverKey: server) }
        XCTAssertEqual(try loadedPrivate.decrypt(try key.compress(squashed)), values)
        XCTAssertThrowsError(try store.loadNoiseSquashingCompressionKey(parameters: .v1_4_message2Carry2KsPbsTUniform2M128)) {
            guard case .corrupted = $0 as? StorageError else { return XCTFail("\($0)") }
        }

        // Saved with a squashing key only: no compression keys, typed errors.
        let older = KeyStore(directory: tempDir())
        try older.save(keySet, serverKey: server, noiseSquashingKey: nsk, randomness: r)
        XCTAssertFalse(older.hasNoiseSquashingCompressionKey)
        XCTAssertThrowsError(try older.loadNoiseSquashingCompressionKey()) {
            guard case .notFound = $0 as? StorageError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try older.loadNoiseSquashingCompressionPrivateKey()) {
            guard case .corrupted(_, let reason) = $0 as? StorageError else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("compression"), reason)
        }
        // A compression key without the squashing key it compresses is refused.
        XCTAssertThrowsError(try KeyStore(directory: tempDir()).save(keySet, serverKey: server, noiseSquashingKey: nil,
                                                                     noiseSquashingCompressionKey: cpk, randomness: r))
    }
}
