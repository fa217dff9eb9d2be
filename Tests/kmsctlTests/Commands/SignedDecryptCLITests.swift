import Foundation
import XCTest

/// `kmsctl decrypt … --signer …`: the signed fhEVM gateway response, end to end.
final class SignedDecryptCLITests: XCTestCase {
    // decryption_result of ../shared/vectors/fhevm/eip712_vectors.json (Sepolia v0.6 addresses).
    let handles = [
        "0x0947f1bd7ae27ea6c876dbba7b8cf063b62088234363b70b08bd2e8011000000",
        "0x0587753438639c6bfdd7f8da9047ff4cc32917f7ce49ce1ab9ee2d0d8e010200",
        "0x42b84ae077e6b2b712f6d685edb10be0bcd312ee25f3e76f47ff41d717020500",
        "0x4cb52d5f213ae2130107673b7eced3e0919eaabf061ce57939bdb25b90030700",
    ]
    let acl = "0xFee8407e2f5e3Ee68ad77cAE98c434e637f516e5"
    let verifier = "0x9D6891A6240D6130c54ae243d8005063D05fE14b"
    let expectedDefault = "0xb0286e9b5edc7c4a36b5c089d1adfefb021e37e0ca2e135b12369f8ffa870c1e1cc5f5f430fda421769682027b749af3dc1b4d66e05ff30f876a82137d9a09f71b"
    let expectedTrustless = "0x9ac348a31bd007ae9f83a22675c2d972abfd4cbe35f480b635c24be051f7d6a9259755094884299f6ae83f0c71f3c9f4b2681d07aa23205b11a0f116ba0bd8531b"

    private func setUp(_ dir: URL) throws -> (keys: String, signer: String, cts: [String]) {
        let keys = dir.appendingPathComponent("keys").path
        let kg = try CLI.run(["keygen", "--params", "test", "--out", keys])
        XCTAssertEqual(kg.status, 0, kg.stderr)
        var cts: [String] = []
        for (i, (type, value)) in [("ebool", "true"), ("euint8", "42"), ("euint64", "123456789"),
                                   ("eaddress", "0x8ba1f109551bd432803012645ac136ddd64dba72")].enumerated() {
            let ct = dir.appendingPathComponent("ct\(i).bin").path
            let e = try CLI.run(["encrypt", "--keys", keys, "--type", type, "--value", value, "--out", ct])
            XCTAssertEqual(e.status, 0, e.stderr)
            cts.append(ct)
        }
        // fhEVM test KMS signer 0 in the reference PrivateSigKey file format.
        let signer = dir.appendingPathComponent("signer0.key").path
        var bytes: [UInt8] = [0x20, 0, 0, 0, 0, 0, 0, 0]
        let hex = Array("388b7680e4e1afa06efbfd45cdd1fe39f3c6af381df6555a19661f283b97de91".utf8)
        for i in stride(from: 0, to: hex.count, by: 2) { bytes.append(UInt8(String(decoding: hex[i..<i + 2], as: UTF8.self), radix: 16)!) }
        _ = FileManager.default.createFile(atPath: signer, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        return (keys, signer, cts)
    }

    private func args(_ s: (keys: String, signer: String, cts: [String]), chainId: String = "11155111") -> [String] {
        var a = ["decrypt", "--keys", s.keys]
        for (ct, h) in zip(s.cts, handles) { a += ["--ct", ct, "--handle", h] }
        return a + ["--signer", s.signer, "--acl", acl, "--chain-id", chainId, "--verifying-contract", verifier]
    }

    func testSignedDecryptionMatchesVectorSignatures() throws {
        let dir = try CLI.temporaryDirectory(self)
        let s = try setUp(dir)
        let r = try CLI.run(args(s))
        XCTAssertEqual(r.status, 0, r.stderr)
        let obj = try CLIOutput.decode(SignedDecryptionOutput.self, r.stdout)
        XCTAssertEqual(obj.signature, expectedDefault)
        XCTAssertEqual(obj.signer, "0x0971C80fF03B428fD2094dd5354600ab103201C5")
        XCTAssertEqual(obj.decryptedResult.count, 2 + 2 * 128)
        let values = obj.plaintexts
        XCTAssertEqual(values.map(\.value), ["1", "42", "123456789", "0x8ba1f109551bD432803012645Ac136ddd64DBA72"])
        XCTAssertEqual(values.map(\.type), ["ebool", "euint8", "euint64", "eaddress"])
        // chain id as hex, trustless layout
        let t = try CLI.run(args(s, chainId: "0xAA36A7") + ["--pass-signatures-to-caller"])
        XCTAssertEqual(t.status, 0, t.stderr)
        let tobj = try CLIOutput.decode(SignedDecryptionOutput.self, t.stdout)
        XCTAssertEqual(tobj.signature, expectedTrustless)
        XCTAssertEqual(tobj.decryptedResult.count, 2 + 2 * 160)
        // plain mode still works
        let plain = try CLI.run(["decrypt", "--keys", s.keys, "--ct", s.cts[1]])
        XCTAssertEqual(plain.stdout, "42\n")
    }

    func testSignedDecryptionBadInputs() throws {
        let dir = try CLI.temporaryDirectory(self)
        let s = try setUp(dir)
        let good = args(s)
        func replacing(_ flag: String, with value: String) -> [String] {
            var a = good
            if let i = a.firstIndex(of: flag) { a[i + 1] = value }
            return a
        }
        let cases: [[String]] = [
            replacing("--acl", with: "0xfee8407e2f5e3Ee68ad77cAE98c434e637f516e5"),   // bad checksum
            replacing("--verifying-contract", with: "0x1234"),
            replacing("--chain-id", with: "0x1" + String(repeating: "0", count: 64)),     // > uint256
            replacing("--chain-id", with: "twelve"),
            replacing("--handle", with: "0x1234"),
            replacing("--handle", with: handles[1]),     // euint8 handle for an ebool ciphertext
            Array(good.dropLast(2)),                      // missing --verifying-contract
            good + ["--handle", handles[0]],             // 5 handles for 4 ciphertexts
        ]
        for a in cases {
            let r = try CLI.run(a)
            XCTAssertNotEqual(r.status, 0, "\(a)")
            XCTAssertEqual(r.stdout, "", "\(a)")
            XCTAssertFalse(r.stderr.isEmpty, "\(a)")
            XCTAssertLessThanOrEqual(r.stderr.split(separator: "\n").filter { !$0.hasPrefix("Usage") && !$0.hasPrefix("  See") }.count, 1, "\(a): \(r.stderr)")
        }
    }

    /// The signed-response flags without `--signer` are a usage error, not silently dropped
    /// (a caller asking for a signed response must not get a bare, unsigned value).
    func testSignedFlagsWithoutSignerAreRejected() throws {
        let dir = try CLI.temporaryDirectory(self)
        let s = try setUp(dir)
        let base = ["decrypt", "--keys", s.keys, "--ct", s.cts[1]]
        for extra in [["--handle", handles[1]], ["--acl", acl], ["--chain-id", "1"], ["--verifying-contract", verifier],
                      ["--pass-signatures-to-caller"],
                      ["--handle", handles[1], "--acl", acl, "--chain-id", "11155111", "--verifying-contract", verifier]] {
            let r = try CLI.run(base + extra)
            XCTAssertNotEqual(r.status, 0, "\(extra)")
            XCTAssertEqual(r.stdout, "", "\(extra)")
            XCTAssertTrue(r.stderr.contains("--signer"), "\(extra): \(r.stderr)")
        }
        let plain = try CLI.run(base)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(plain.stdout, "42\n")
    }

    /// fhEVM stores tfhe-rs ciphertexts: signed decryption takes ours, written by kmsctl in
    /// tfhe-rs format, like native files, and a list file gives one value per handle, in order.
    func testSignedDecryptionOfOurCiphertextsWrittenInTfheRsFormat() throws {
        let dir = try CLI.temporaryDirectory(self)
        let s = try setUp(dir)
        var tfheRs: [String] = []
        for (i, (type, value)) in [("ebool", "true"), ("euint8", "42"), ("euint64", "123456789"),
                                   ("eaddress", "0x8ba1f109551bd432803012645ac136ddd64dba72")].enumerated() {
            let ct = dir.appendingPathComponent("tfhe\(i).bin").path
            let e = try CLI.run(["encrypt", "--keys", s.keys, "--type", type, "--value", value, "--format", "tfhe-rs",
                                 "--with", i % 2 == 0 ? "secret" : "public", "--out", ct])
            XCTAssertEqual(e.status, 0, e.stderr)
            tfheRs.append(ct)
        }
        let r = try CLI.run(args((s.keys, s.signer, tfheRs)))
        XCTAssertEqual(r.status, 0, r.stderr)
        let obj = try CLIOutput.decode(SignedDecryptionOutput.self, r.stdout)
        XCTAssertEqual(obj.signature, expectedDefault)
        // Fewer handles than values: refused.
        var short = ["decrypt", "--keys", s.keys, "--ct", tfheRs[0], "--signer", s.signer, "--acl", acl,
                     "--chain-id", "1", "--verifying-contract", verifier]
        short += ["--ct", tfheRs[1], "--handle", handles[0]]
        XCTAssertNotEqual(try CLI.run(short).status, 0)
    }
}
