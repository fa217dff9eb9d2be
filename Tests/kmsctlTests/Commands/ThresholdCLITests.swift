import Foundation
@testable import KMSCore
import XCTest

/// `kmsctl threshold …` end to end with the insecure `test` set: dealer keygen into party
/// directories, public-key encryption with the public directory, partial decryptions as separate
/// invocations, combination with a party missing or lying, signed combination, and threshold
/// reencryption answered by three parties and opened by `user decrypt`. Our parties and our
/// combiner: consistency, not interop.
final class ThresholdCLITests: XCTestCase {
    func ok(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 0, "kmsctl \(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    func testDealerPartiesCombinerAndReencryptionThroughFiles() throws {
        let dir = try CLI.temporaryDirectory(self)
        let keys = dir.appendingPathComponent("keys").path
        let path = { (name: String) in dir.appendingPathComponent(name).path }
        let keyID = try ok(["threshold", "keygen", "--params", "test", "--parties", "4", "--threshold", "1", "--out", keys,
                            "--seed", "000102030405060708090a0b0c0d0e0f"]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(keyID.count, 40)
        // No secret in the public directory; each party's share is 0600.
        let publicFiles = try FileManager.default.contentsOfDirectory(atPath: keys)
        XCTAssertFalse(publicFiles.contains { $0.hasPrefix("client_key") || $0.contains("private") })
        let share = try FileManager.default.contentsOfDirectory(atPath: keys + "/party-2").first { $0.hasPrefix("threshold_share") }!
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: keys + "/party-2/" + share)[.posixPermissions] as? Int, 0o600)
        XCTAssertNotEqual(try CLI.run(["threshold", "keygen", "--params", "test", "--parties", "4", "--threshold", "1", "--out", keys]).status, 0)

        _ = try ok(["encrypt", "--keys", keys, "--type", "euint16", "--value", "51234", "--out", path("a.ct")])
        for i in 1...4 {
            _ = try ok(["threshold", "partial-decrypt", "--party", keys + "/party-\(i)", "--ct", path("a.ct"), "--out", path("p\(i)")])
        }
        XCTAssertEqual(try ok(["threshold", "combine", "--keys", keys, "--partials", path("p1"), path("p2"), path("p3"), path("p4")]), "51234\n")
        // Party 3 missing.
        let missing = try CLI.run(["threshold", "combine", "--keys", keys, "--partials", path("p4"), path("p1"), path("p2")])
        XCTAssertEqual(missing.stdout, "51234\n")
        XCTAssertTrue(missing.stderr.contains("missing parties: 3"), missing.stderr)
        // Party 2 lies: its share bytes altered (the message still parses).
        var lie = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path("p2"))))
        for i in (lie.count - 64)..<lie.count { lie[i] ^= 0x5a }
        try Data(lie).write(to: URL(fileURLWithPath: path("p2-lie")))
        let lying = try CLI.run(["threshold", "combine", "--keys", keys, "--partials", path("p1"), "--partials", path("p2-lie"), path("p3"), path("p4")])
        XCTAssertEqual(lying.stdout, "51234\n")
        XCTAssertTrue(lying.stderr.contains("parties with wrong shares: 2"), lying.stderr)
        // Two missing: a typed error, one line.
        let tooFew = try CLI.run(["threshold", "combine", "--keys", keys, "--partials", path("p1"), path("p2")])
        XCTAssertNotEqual(tooFew.status, 0)
        CLI.assertOneLine(tooFew.stderr)

        // Signed: each party key signs the same DecryptionResult.
        var signers: [String] = []
        for i in 1...3 {
            signers.append(try ok(["signer", "new", "--out", path("s\(i).key")]).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var handle = [UInt8](repeating: 0x11, count: 32)
        handle[30] = FheType.euint16.code
        handle[29] = 0
        handle[31] = 0
        let signed = try ok(["threshold", "combine", "--keys", keys, "--partials", path("p1"), path("p2"), path("p3"),
                             "--signer", path("s1.key"), path("s2.key"), path("s3.key"), "--handle", Hex.encode(handle),
                             "--acl", "0x339EcE85B9E11a3A3AA557582784a15d7F82AAf2", "--chain-id", "9000",
                             "--verifying-contract", "0x12B064FB845C1cc05e9493856a1D637a73e944bE"])
        XCTAssertTrue(signed.contains("\"signatures\":[\"0x"), signed)
        for s in signers { XCTAssertTrue(signed.contains(s), "signer \(s) in \(signed)") }

        // Reencryption: three parties answer, the user combines.
        let userKey = BoxSecretKey.generate()
        let wallet = "7ec931411ad75a7c201469a385d6f18a325d4923f9f213bd882bbea87e160b67"
        let request = try ok(["user", "request", "--private-key", wallet, "--enc-key", Hex.encode(userKey.publicKey.bincode),
                              "--contract", "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce", "--chain-id", "9000",
                              "--handle", Hex.encode(handle)])
        try Data(request.utf8).write(to: URL(fileURLWithPath: path("req.json")))
        for i in 1...3 {
            let answer = try ok(["threshold", "reencrypt", "--party", keys + "/party-\(i)", "--signer", path("s\(i).key"),
                                 "--request", path("req.json"), "--ct", path("a.ct"), "--chain-id", "9000"])
            try Data(answer.utf8).write(to: URL(fileURLWithPath: path("r\(i).json")))
        }
        let value = try ok(["user", "decrypt", "--request", path("req.json"), "--response", path("r3.json"), path("r1.json"), path("r2.json"),
                            "--private-key", userKey.hex, "--signer-address"] + signers + ["--chain-id", "9000"])
        XCTAssertEqual(value, "51234\n")
    }
}
