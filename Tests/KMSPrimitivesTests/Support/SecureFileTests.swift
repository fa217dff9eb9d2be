import Foundation
import XCTest
@testable import KMSPrimitives

/// `SecureFile`: atomic writes with permissions, no silent overwrite, bounded reads.
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
}
