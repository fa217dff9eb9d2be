import Foundation
import XCTest
import KMSCore
import KMSTestSupport

/// `kmsctl key` with tfhe-rs 1.x keys made by real tfhe-rs in this test run (`TfheRsOracle`): a
/// client key imported alone or with its server key, export giving back the originals, and the
/// server key of another client key refused.
final class KeyOneXCLITests: XCTestCase {
    private func run(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    func testClientKeyAloneOrWithItsServerKeyImportsAndExportsTheOriginals() throws {
        let oracle = try TfheRsOracle.keys()
        let ck = oracle.appendingPathComponent("client_key.bin")
        let sk = oracle.appendingPathComponent("server_key.bin")
        let tmp = try CLI.temporaryDirectory(self)

        // A client key alone: a public key is made from it, in its layout and encoding.
        let alone = tmp.appendingPathComponent("alone")
        let r = try CLI.run(["key", "import", "--client-key", ck.path, "--out", alone.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("public key (made from the client key)"), r.stderr)
        let ct = tmp.appendingPathComponent("v.ct").path
        _ = try run(["encrypt", "--keys", alone.path, "--format", "tfhe-rs", "--type", "euint16", "--value", "65535", "--out", ct])
        XCTAssertEqual(try run(["decrypt", "--client-key", ck.path, "--ct", ct]), "65535\n")
        XCTAssertEqual(try TfheRsFile.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: ct)))).object.type, .compactCiphertextList)

        // With its server key: checked, stored, exported byte for byte.
        let keys = tmp.appendingPathComponent("with-server-key")
        _ = try run(["key", "import", "--client-key", ck.path, "--server-key", sk.path, "--out", keys.path])
        let manifest = try KeyStore(directory: keys).manifest()
        XCTAssertEqual(manifest.files["tfhe_rs_server_key"]?.private, false)
        let out = tmp.appendingPathComponent("export")
        _ = try run(["key", "export", "--keys", keys.path, "--out", out.path])
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("client_key.bin")), try Data(contentsOf: ck))
        XCTAssertTrue(try Data(contentsOf: out.appendingPathComponent("server_key.bin")) == Data(contentsOf: sk))
        let pk = try TfheRsFile.decode([UInt8](Data(contentsOf: out.appendingPathComponent("public_key.bin"))))
        XCTAssertEqual(pk.object.type, .compactPublicKey)

        // Encryption in another encoding than the key's, read back by decrypt.
        let plain = tmp.appendingPathComponent("plain.ct").path
        _ = try run(["encrypt", "--keys", keys.path, "--format", "tfhe-rs", "--with", "secret", "--encoding", "plain",
                     "--type", "euint8", "--value", "200", "--out", plain])
        let file = try TfheRsFile.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: plain))))
        XCTAssertNil(file.header)
        XCTAssertFalse(file.versioned)
        XCTAssertEqual(try run(["decrypt", "--client-key", ck.path, "--ct", plain]), "200\n")
    }

    /// The real vectors' client key has the same parameters as the oracle's fresh one, but other
    /// secrets: its server key must be refused by the key-switching-key check, not by shapes.
    func testServerKeyOfAnotherClientKeyIsRefused() throws {
        let sk = try TfheRsOracle.keys().appendingPathComponent("server_key.bin")
        let other = try SharedVectors.url("tfhe/tfhe-rs-1.x-cmlext/client_key.bin")
        let tmp = try CLI.temporaryDirectory(self)
        let r = try CLI.run(["key", "import", "--client-key", other.path, "--server-key", sk.path, "--out", tmp.appendingPathComponent("mixed").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("not made from this client key"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("mixed").path))
    }

    func testInspectDescribesAServerKeyWithoutKeyMaterial() throws {
        let sk = try TfheRsOracle.keys().appendingPathComponent("server_key.bin")
        let out = try run(["key", "inspect", sk.path])
        XCTAssertLessThan(out.count, 4000)
        let json = try CLIOutput.decode(ServerKeyInspectionOutput.self, out)
        XCTAssertEqual(json.object, "high_level_api::ServerKey")
        XCTAssertEqual(json.secret, false)
        XCTAssertEqual(json.serverKey.keySwitchingKey.inputLweDimension, 2048)
        XCTAssertEqual(json.serverKey.bootstrappingKey.polynomialSize, 2048)
        XCTAssertEqual(json.serverKey.bootstrappingKey.modulusSwitch, "drift_technique_noise_reduction")
    }

    /// `key import --server-key` with tfhe-rs's own keys makes a directory `eval` computes with:
    /// tfhe-rs encrypts a Vec<FheUint8>, kmsctl adds with tfhe-rs's server key, keeping the
    /// file's layout and encoding, and tfhe-rs decrypts the results. (Every operation on tfhe-rs's
    /// keys is in TfheRsServerKeyComputeTests; this is the command-line path.)
    func testEvalWithAnImportedTfheRsServerKeyIsDecryptedByTfheRs() throws {
        let oracle = try TfheRsOracle.keys()
        let ck = oracle.appendingPathComponent("client_key.bin"), sk = oracle.appendingPathComponent("server_key.bin")
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys").path
        _ = try run(["key", "import", "--client-key", ck.path, "--server-key", sk.path, "--out", keys])
        let input = tmp.appendingPathComponent("in.bin").path
        try TfheRsOracle.encrypt(clientKey: ck.path, type: "u8", values: [250, 17], to: input)
        let sum = tmp.appendingPathComponent("sum.bin").path
        _ = try run(["eval", "--keys", keys, "--op", "add", "--lhs", input, "--scalar", "10", "--type", "euint8", "--out", sum])
        XCTAssertEqual(try TfheRsOracle.decrypt(clientKey: ck.path, type: "u8", file: sum), [4, 27])
    }
}
