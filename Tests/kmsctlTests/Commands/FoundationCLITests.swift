import Foundation
import XCTest
import KMSCore

/// Runs the built `kmsctl` for keygen / encrypt / decrypt, as scripts do.
final class FoundationCLITests: XCTestCase {
    private func keygen(_ dir: URL, params: String = "test", extra: [String] = []) throws -> String {
        let r = try CLI.run(["keygen", "--params", params, "--out", dir.path] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testKeygenEncryptDecryptEveryTypeBothMethods() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys")
        let id = try keygen(keys)
        XCTAssertEqual(id.count, 40)
        XCTAssertEqual(try KeyStore(directory: keys).manifest().keyID.hex, id)
        let cases: [(String, String, String)] = [
            ("ebool", "true", "1"), ("ebool", "0", "0"), ("euint4", "15", "15"), ("euint8", "0xff", "255"),
            ("euint16", "65535", "65535"), ("euint32", "4294967295", "4294967295"),
            ("euint64", "12345", "12345"), ("euint128", "340282366920938463463374607431768211455", "340282366920938463463374607431768211455"),
            ("eaddress", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            ("euint256", "0", "0"),
            ("ebytes64", "0x01", "0x" + String(repeating: "0", count: 126) + "01"),
            ("ebytes128", "0x" + String(repeating: "ab", count: 128), "0x" + String(repeating: "ab", count: 128)),
            ("ebytes256", "1", "0x" + String(repeating: "0", count: 510) + "01"),
        ]
        for (type, input, output) in cases {
            for method in ["public", "secret"] {
                let ct = tmp.appendingPathComponent("\(type)-\(method).ct").path
                let e = try CLI.run(["encrypt", "--keys", keys.path, "--type", type, "--value", input, "--with", method, "--out", ct])
                XCTAssertEqual(e.status, 0, "\(type) \(method): \(e.stderr)")
                let d = try CLI.run(["decrypt", "--keys", keys.path, "--ct", ct])
                XCTAssertEqual(d.status, 0, d.stderr)
                XCTAssertEqual(d.stdout, output + "\n", "\(type) \(method)")
                let j = try CLI.run(["decrypt", "--keys", keys.path, "--ct", ct, "--json"])
                XCTAssertEqual(j.stdout, #"{"type":"\#(type)","value":"\#(output)"}"# + "\n")
            }
        }
    }

    func testDefaultParametersEndToEnd() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys")
        _ = try keygen(keys, params: "default")
        let ct = tmp.appendingPathComponent("x.ct").path
        XCTAssertEqual(try CLI.run(["encrypt", "--keys", keys.path, "--type", "euint64", "--value", "18446744073709551615", "--out", ct]).status, 0)
        XCTAssertEqual(try CLI.run(["decrypt", "--keys", keys.path, "--ct", ct]).stdout, "18446744073709551615\n")
    }

    func testSeededKeygenIsReproducibleAndKeygenNeverOverwrites() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let seed = "000102030405060708090a0b0c0d0e0f"
        let a = try keygen(tmp.appendingPathComponent("a"), extra: ["--seed", seed])
        let b = try keygen(tmp.appendingPathComponent("b"), extra: ["--seed", seed])
        XCTAssertEqual(a, b)
        let again = try CLI.run(["keygen", "--params", "test", "--out", tmp.appendingPathComponent("a").path])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        let forced = try keygen(tmp.appendingPathComponent("a"), extra: ["--force"])
        XCTAssertNotEqual(forced, a)
        let badSeed = try CLI.run(["keygen", "--params", "test", "--out", tmp.appendingPathComponent("c").path, "--seed", "abcd"])
        XCTAssertNotEqual(badSeed.status, 0)
    }

    func testBadInputGivesOneLineErrorsAndNonZeroExit() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys")
        _ = try keygen(keys)
        let other = tmp.appendingPathComponent("other")
        _ = try keygen(other)
        let ct = tmp.appendingPathComponent("ok.ct")
        XCTAssertEqual(try CLI.run(["encrypt", "--keys", keys.path, "--type", "euint8", "--value", "7", "--out", ct.path]).status, 0)
        let truncated = tmp.appendingPathComponent("trunc.ct")
        try Data(try Data(contentsOf: ct).prefix(100)).write(to: truncated)
        let flipped = tmp.appendingPathComponent("flip.ct")
        var bytes = [UInt8](try Data(contentsOf: ct)); bytes[20] ^= 0xff
        try Data(bytes).write(to: flipped)
        let failures: [[String]] = [
            ["keygen", "--params", "nope", "--out", tmp.appendingPathComponent("x").path],
            ["encrypt", "--keys", keys.path, "--type", "euint9", "--value", "1", "--out", ct.path],
            ["encrypt", "--keys", keys.path, "--type", "euint8", "--value", "256", "--out", ct.path],
            ["encrypt", "--keys", keys.path, "--type", "ebool", "--value", "maybe", "--out", ct.path],
            ["encrypt", "--keys", tmp.appendingPathComponent("missing").path, "--type", "euint8", "--value", "1", "--out", ct.path],
            ["decrypt", "--keys", keys.path, "--ct", tmp.appendingPathComponent("missing.ct").path],
            ["decrypt", "--keys", keys.path, "--ct", truncated.path],
            ["decrypt", "--keys", keys.path, "--ct", flipped.path],
            ["decrypt", "--keys", other.path, "--ct", ct.path],
            ["decrypt", "--keys", keys.path, "--ct", keys.appendingPathComponent("manifest.json").path],
        ]
        for args in failures {
            let r = try CLI.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.status < 128, "crashed: \(args) \(r.stderr)")
            CLI.assertOneLine(r.stderr, ignoringWarnings: true, args.joined(separator: " "))
            XCTAssertEqual(r.stdout, "", args.joined(separator: " "))
        }
        let mismatch = try CLI.run(["decrypt", "--keys", other.path, "--ct", ct.path])
        XCTAssertTrue(mismatch.stderr.contains("encrypted under key"), mismatch.stderr)
        // A tampered key file is reported as such.
        let m = try KeyStore(directory: keys).manifest()
        let ck = keys.appendingPathComponent(m.files["client_key"]!.path)
        var k = [UInt8](try Data(contentsOf: ck)); k[k.count - 1] ^= 1
        try SecureFile.write(k, to: ck, permissions: 0o600, overwrite: true)
        let tampered = try CLI.run(["decrypt", "--keys", keys.path, "--ct", ct.path])
        XCTAssertNotEqual(tampered.status, 0)
        XCTAssertTrue(tampered.stderr.contains("does not match the digest"), tampered.stderr)
    }
}
