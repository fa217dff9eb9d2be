import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

final class KeyStoreTests: XCTestCase {
    /// Keys and values of each test method from the run's seed (`SWIFTKMS_TEST_SEED`).
    private lazy var g = TestSeed.generator(function: name)
    private func randomness() throws -> TFHERandomness { try g.tfheRandomness() }

    private func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("ks-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: d) }
        return d
    }

    func testSaveLoadRoundTripWithPermissions() throws {
        let dir = tempDir()
        let store = KeyStore(directory: dir)
        let keys = try KeySet.generate(.test, randomness: randomness())
        let m = try store.save(keys)
        XCTAssertEqual(m.keyID, keys.keyID)
        XCTAssertEqual(m.parameters, "test")
        XCTAssertEqual(try SecureFile.permissions(of: dir), 0o700)
        let ckURL = dir.appendingPathComponent(try XCTUnwrap(m.files["client_key"]).path)
        let pkURL = dir.appendingPathComponent(try XCTUnwrap(m.files["public_key"]).path)
        XCTAssertEqual(try SecureFile.permissions(of: ckURL), 0o600)
        XCTAssertEqual(try SecureFile.permissions(of: pkURL), 0o644)
        let loaded = try store.load()
        XCTAssertEqual(loaded.keyID, keys.keyID)
        XCTAssertEqual(loaded.clientKey.glweSecretKey.coefficients, keys.clientKey.glweSecretKey.coefficients)
        XCTAssertEqual(loaded.publicKey, keys.publicKey)
        let v = try ClearValue.random(.euint64, using: &g)
        XCTAssertEqual(try loaded.clientKey.decrypt(keys.publicKey.encrypt(v, randomness: randomness())), v)
        // Only the expected files, no temporaries.
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)),
                       [KeyStore.manifestName, ckURL.lastPathComponent, pkURL.lastPathComponent])
    }

    func testNeverOverwritesWithoutPermissionAndReplacesCompletelyWithIt() throws {
        let dir = tempDir()
        let store = KeyStore(directory: dir)
        let first = try KeySet.generate(.test, randomness: randomness())
        try store.save(first)
        let second = try KeySet.generate(.test, randomness: randomness())
        XCTAssertThrowsError(try store.save(second)) { error in
            guard case .alreadyExists = error as? StorageError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try store.load().keyID, first.keyID)   // untouched
        try store.save(second, overwrite: true)
        XCTAssertEqual(try store.load().keyID, second.keyID)
        // Old files are gone; exactly one key set remains.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(names.count, 3)
        XCTAssertFalse(names.contains { $0.contains(first.keyID.hex) })
    }

    func testTamperingIsDetectedPerFile() throws {
        let dir = tempDir()
        let store = KeyStore(directory: dir)
        let m = try store.save(try KeySet.generate(.test, randomness: randomness()))
        for role in ["client_key", "public_key"] {
            let url = dir.appendingPathComponent(m.files[role]!.path)
            var bytes = try SecureFile.read(url)
            bytes[bytes.count / 2] ^= 1
            try SecureFile.write(bytes, to: url, permissions: 0o600, overwrite: true)
            XCTAssertThrowsError(try store.load()) { error in
                XCTAssertEqual(error as? StorageError, .digestMismatch(path: url.path), role)
            }
            bytes[bytes.count / 2] ^= 1
            try SecureFile.write(bytes, to: url, permissions: 0o600, overwrite: true)
            XCTAssertNoThrow(try store.load())
        }
    }

    func testMalformedManifestsAreRejected() throws {
        let dir = tempDir()
        let store = KeyStore(directory: dir)
        XCTAssertThrowsError(try store.load()) { XCTAssertEqual($0 as? StorageError, .notFound(path: dir.appendingPathComponent("manifest.json").path)) }
        let m = try store.save(try KeySet.generate(.test, randomness: randomness()))
        let murl = dir.appendingPathComponent("manifest.json")
        let original = try SecureFile.read(murl)
        func withManifest(_ text: String, _ check: (Error) -> Void) throws {
            try SecureFile.write(Array(text.utf8), to: murl, permissions: 0o644, overwrite: true)
            XCTAssertThrowsError(try store.load(), text) { check($0) }
        }
        let corrupted: (Error) -> Void = { error in
            guard case .corrupted = error as? StorageError else { return XCTFail("\(error)") }
        }
        try withManifest("{", corrupted)
        try withManifest("[]", corrupted)
        var s = String(decoding: original, as: UTF8.self)
        try withManifest(s.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 9"), corrupted)
        try withManifest(s.replacingOccurrences(of: m.files["public_key"]!.path, with: "../../etc/passwd"), corrupted)
        // A manifest whose key id was altered no longer matches its public key.
        s = s.replacingOccurrences(of: "\"key_id\" : \"\(m.keyID.hex)\"", with: "\"key_id\" : \"\(String(repeating: "ab", count: 20))\"")
        try withManifest(s, corrupted)
        try SecureFile.write(original, to: murl, permissions: 0o644, overwrite: true)
        XCTAssertNoThrow(try store.load())
    }

    func testExtraFilesAreStoredAndVerified() throws {
        let dir = tempDir()
        let store = KeyStore(directory: dir)
        let keys = try KeySet.generate(.test, randomness: randomness())
        let m = try store.save(keys, metadata: ["origin": "unit test"],
                               extraFiles: [.init(role: "note", bytes: Array("hello".utf8), isPrivate: true, fileExtension: "txt")])
        XCTAssertEqual(try store.readFile(role: "note"), Array("hello".utf8))
        XCTAssertEqual(try store.manifest().metadata["origin"], "unit test")
        XCTAssertEqual(try SecureFile.permissions(of: dir.appendingPathComponent(m.files["note"]!.path)), 0o600)
        XCTAssertThrowsError(try store.save(keys, overwrite: true, extraFiles: [.init(role: "../x", bytes: [], isPrivate: false)]))
        XCTAssertThrowsError(try store.save(keys, overwrite: true, extraFiles: [.init(role: "client_key", bytes: [], isPrivate: false)]))
    }

    func testSecretsNeverPrint() throws {
        let keys = try KeySet.generate(.test, randomness: randomness())
        let text = "\(keys.clientKey) \(keys.clientKey.lweSecretKey) \(keys.clientKey.glweSecretKey)"
        XCTAssertTrue(text.contains("redacted"))
        XCTAssertFalse(text.contains("[0, 1") || text.contains("[1, 0"))
    }

    func testKeyStoreRejectsFileExtensionsThatLeaveTheDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ext-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let keys = try KeySet.generate(.test, randomness: randomness())
        for bad in ["../x", "a/b", "", String(repeating: "a", count: 17)] {
            XCTAssertThrowsError(try KeyStore(directory: dir).save(keys, extraFiles: [.init(role: "extra", bytes: [1], isPrivate: false, fileExtension: bad)]), bad)
        }
        XCTAssertNoThrow(try KeyStore(directory: dir).save(keys, extraFiles: [.init(role: "extra", bytes: [1], isPrivate: false, fileExtension: "json")]))
    }
}
