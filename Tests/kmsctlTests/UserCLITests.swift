import Foundation
import KMSCore
import XCTest

/// `kmsctl user …` through the built binary.
final class UserCLITests: XCTestCase {
    func keyPair(_ text: String) throws -> (pk: String, sk: String) {
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        return (try XCTUnwrap(o["public_key"]), try XCTUnwrap(o["private_key"]))
    }

    func testKeygenPrintsAnFhevmjsKeyPair() throws {
        let r = try CLI.run(["user", "keygen"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let (pk, sk) = try keyPair(r.stdout)
        XCTAssertEqual(pk.count, 80)
        XCTAssertEqual(sk.count, 80)
        XCTAssertTrue(pk.hasPrefix("2000000000000000"))
        XCTAssertTrue(sk.hasPrefix("2000000000000000"))
        XCTAssertEqual(try BoxSecretKey(hex: sk).publicKey.hex, pk)
        // Fresh every time.
        let (pk2, _) = try keyPair(try CLI.run(["user", "keygen"]).stdout)
        XCTAssertNotEqual(pk, pk2)
    }

    func testKeygenToFileIs0600AndRefusesOverwrite() throws {
        let dir = try CLI.temporaryDirectory(self)
        let file = dir.appendingPathComponent("user.json")
        let r = try CLI.run(["user", "keygen", "--out", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("private_key"), r.stdout)
        XCTAssertEqual(try SecureFile.permissions(of: file), 0o600)
        let (pk, sk) = try keyPair(String(decoding: try Data(contentsOf: file), as: UTF8.self))
        XCTAssertEqual(try BoxSecretKey(hex: sk).publicKey.hex, pk)
        XCTAssertTrue(r.stdout.contains(pk))
        let again = try CLI.run(["user", "keygen", "--out", file.path])
        XCTAssertNotEqual(again.status, 0)
    }
}
