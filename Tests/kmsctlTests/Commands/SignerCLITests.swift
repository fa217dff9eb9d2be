import Foundation
import XCTest

final class SignerCLITests: XCTestCase {
    func testNewAndAddress() throws {
        let dir = try CLI.temporaryDirectory(self)
        let key = dir.appendingPathComponent("kms.key").path
        let created = try CLI.run(["signer", "new", "--out", key])
        XCTAssertEqual(created.status, 0, created.stderr)
        let address = try XCTUnwrap(created.stdout.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(address.hasPrefix("0x") && address.count == 42, address)
        let attrs = try FileManager.default.attributesOfItem(atPath: key)
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let shown = try CLI.run(["signer", "address", "--key", key])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertEqual(shown.stdout.split(separator: "\n").last.map(String.init), address)
        // no silent overwrite; --force replaces
        let again = try CLI.run(["signer", "new", "--out", key])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        XCTAssertEqual(try CLI.run(["signer", "new", "--out", key, "--force"]).status, 0)
    }

    func testKnownKeyAndBadFiles() throws {
        let dir = try CLI.temporaryDirectory(self)
        let key = dir.appendingPathComponent("signer0.key")
        // The reference PrivateSigKey bincode of the fhEVM test signer 0.
        var bytes: [UInt8] = [0x20, 0, 0, 0, 0, 0, 0, 0]
        let hex = "388b7680e4e1afa06efbfd45cdd1fe39f3c6af381df6555a19661f283b97de91"
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            bytes.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        _ = FileManager.default.createFile(atPath: key.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        let r = try CLI.run(["signer", "address", "--key", key.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n").last, "0x0971C80fF03B428fD2094dd5354600ab103201C5")
        XCTAssertFalse(r.stdout.contains("388b") || r.stderr.contains("388b"))
        // group-readable key files are refused
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        let open = try CLI.run(["signer", "address", "--key", key.path])
        XCTAssertNotEqual(open.status, 0)
        // truncated file
        let bad = dir.appendingPathComponent("bad.key")
        _ = FileManager.default.createFile(atPath: bad.path, contents: Data(bytes.dropLast()), attributes: [.posixPermissions: 0o600])
        let broken = try CLI.run(["signer", "address", "--key", bad.path])
        XCTAssertNotEqual(broken.status, 0)
        CLI.assertOneLine(broken.stderr)
        XCTAssertNotEqual(try CLI.run(["signer", "address", "--key", dir.appendingPathComponent("missing").path]).status, 0)
    }
}
