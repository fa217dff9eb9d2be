import Foundation
import XCTest
@testable import KMSCore

final class HexTests: XCTestCase {
    func testEncodeDecode() throws {
        XCTAssertEqual(try Hex.decode("0xDEADbeef"), [0xde, 0xad, 0xbe, 0xef])
        XCTAssertEqual(try Hex.decode(""), [])
        XCTAssertEqual(Hex.encode([0xde, 0xad]), "dead")
        XCTAssertEqual(Hex.encode([0xde, 0xad], prefix: true, uppercase: true), "0xDEAD")
        XCTAssertThrowsError(try Hex.decode("abc")) { XCTAssertEqual($0 as? Hex.DecodingError, .oddLength(3)) }
        XCTAssertThrowsError(try Hex.decode("0xzz")) { XCTAssertEqual($0 as? Hex.DecodingError, .invalidCharacter(position: 0)) }
        XCTAssertThrowsError(try Hex.decode("00", length: 2)) { XCTAssertEqual($0 as? Hex.DecodingError, .wrongLength(expected: 2, actual: 1)) }
    }
}

final class SHA3Tests: XCTestCase {
    func testKnownAnswers() {
        XCTAssertEqual(Hex.encode(SHA3.hash256([UInt8]())), "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
        XCTAssertEqual(Hex.encode(SHA3.hash256(Array("abc".utf8))), "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")
        // Multi-block (200 × 0xa3, FIPS 202 example).
        XCTAssertEqual(Hex.encode(SHA3.hash256([UInt8](repeating: 0xa3, count: 200))), "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787")
    }

    func testConstantTimeEqual() {
        XCTAssertTrue(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equal([1, 2], [1, 2, 3]))
    }
}

final class SecureFileTests: XCTestCase {
    func testAtomicWritePermissionsAndNoSilentOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sf-\(UUID().uuidString)")
        try SecureFile.makeDirectory(dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("secret.bin")
        try SecureFile.write([1, 2, 3], to: f, permissions: 0o600)
        XCTAssertEqual(try SecureFile.permissions(of: f), 0o600)
        XCTAssertEqual(try SecureFile.read(f), [1, 2, 3])
        XCTAssertThrowsError(try SecureFile.write([9], to: f)) { XCTAssertEqual($0 as? StorageError, .alreadyExists(path: f.path)) }
        XCTAssertEqual(try SecureFile.read(f), [1, 2, 3])
        try SecureFile.write([9], to: f, permissions: 0o644, overwrite: true)
        XCTAssertEqual(try SecureFile.read(f), [9])
        XCTAssertEqual(try SecureFile.permissions(of: f), 0o644)
        // No temporary files are left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["secret.bin"])
        XCTAssertThrowsError(try SecureFile.read(dir.appendingPathComponent("missing")))
    }

    func testSecureRandomIsNotConstant() {
        let a = SecureRandom.bytes(33), b = SecureRandom.bytes(33)
        XCTAssertEqual(a.count, 33)
        XCTAssertNotEqual(a, b)
    }
}

final class BoundedReadTests: XCTestCase {
    func testReadRefusesFilesAboveTheLimitIncludingEndlessOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("br-\(UUID().uuidString)")
        try SecureFile.makeDirectory(dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("f.bin")
        try SecureFile.write([UInt8](repeating: 7, count: 3000), to: f)
        XCTAssertEqual(try SecureFile.read(f, maxSize: 3000).count, 3000)
        XCTAssertThrowsError(try SecureFile.read(f, maxSize: 2999)) {
            XCTAssertEqual($0 as? StorageError, .tooLarge(path: f.path, limit: 2999))
        }
        // /dev/zero never ends: the limit stops it.
        XCTAssertThrowsError(try SecureFile.read(URL(fileURLWithPath: "/dev/zero"), maxSize: 5 << 20)) {
            XCTAssertEqual($0 as? StorageError, .tooLarge(path: "/dev/zero", limit: 5 << 20))
        }
    }

    func testKeyStoreRejectsFileExtensionsThatLeaveTheDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ext-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let keys = try KeySet.generate(.test)
        for bad in ["../x", "a/b", "", String(repeating: "a", count: 17)] {
            XCTAssertThrowsError(try KeyStore(directory: dir).save(keys, extraFiles: [.init(role: "extra", bytes: [1], isPrivate: false, fileExtension: bad)]), bad)
        }
        XCTAssertNoThrow(try KeyStore(directory: dir).save(keys, extraFiles: [.init(role: "extra", bytes: [1], isPrivate: false, fileExtension: "json")]))
    }
}
