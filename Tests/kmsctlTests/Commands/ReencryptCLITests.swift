import Foundation
import KMSCore
import XCTest

/// `kmsctl reencrypt` with `user request` / `user decrypt`, end to end through the built binary:
/// keygen → signer → user keys → encrypt → signed request → KMS answer → user decryption.
final class ReencryptCLITests: XCTestCase {
    static let wallet = "7ec931411ad75a7c201469a385d6f18a325d4923f9f213bd882bbea87e160b67"
    static let walletAddress = "0x97F272ccfef4026A1F3f0e0E879d514627B84E69"
    static let contract = "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce"

    struct Setup {
        let dir: URL
        let keys: String
        let signerFile: String
        let signerAddress: String
        let userPk: String
        let userSk: String
    }

    func setUpParties() throws -> Setup {
        let dir = try CLI.temporaryDirectory(self)
        let keys = dir.appendingPathComponent("keys").path
        let kg = try CLI.run(["keygen", "--params", "test", "--out", keys])
        XCTAssertEqual(kg.status, 0, kg.stderr)
        let signerFile = dir.appendingPathComponent("signer.key").path
        let s = try CLI.run(["signer", "new", "--out", signerFile])
        XCTAssertEqual(s.status, 0, s.stderr)
        let u = try CLI.run(["user", "keygen"])
        let pair = try CLIOutput.decode(UserKeyPairOutput.self, u.stdout)
        return Setup(dir: dir, keys: keys, signerFile: signerFile,
                     signerAddress: s.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                     userPk: pair.publicKey, userSk: pair.privateKey)
    }

    func write(_ text: String, _ name: String, in s: Setup) throws -> String {
        let url = s.dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Encrypts `value` of `type`, signs a request for it and returns (request file, ciphertext file).
    func request(_ s: Setup, type: String, code: Int, value: String, contract: String = contract,
                 chainId: String = "9000", tag: String, encryptFlags: [String] = []) throws -> (String, String) {
        let ct = s.dir.appendingPathComponent("\(tag).ct").path
        let e = try CLI.run(["encrypt", "--keys", s.keys, "--type", type, "--value", value, "--out", ct] + encryptFlags)
        XCTAssertEqual(e.status, 0, e.stderr)
        let handle = String(repeating: "5a", count: 29) + "00" + String(format: "%02x", code) + "00"
        let r = try CLI.run(["user", "request", "--private-key", Self.wallet, "--enc-key", s.userPk, "--contract", contract,
                             "--chain-id", chainId, "--handle", handle])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try write(r.stdout, "\(tag).request.json", in: s), ct)
    }

    func reencrypt(_ s: Setup, request: String, ct: String, chainId: String = "9000") throws -> CLIResult {
        try CLI.run(["reencrypt", "--keys", s.keys, "--signer", s.signerFile, "--request", request, "--ct", ct,
                     "--chain-id", chainId])
    }

    func userDecrypt(_ s: Setup, request: String, response: String, signer: String? = nil,
                     privateKey: String? = nil) throws -> CLIResult {
        try CLI.run(["user", "decrypt", "--request", request, "--response", response,
                     "--private-key", privateKey ?? s.userSk, "--signer-address", signer ?? s.signerAddress,
                     "--chain-id", "9000"])
    }

    func testEndToEndForSeveralTypes() throws {
        let s = try setUpParties()
        let cases: [(String, Int, String, String)] = [
            ("ebool", 0, "true", "1"),
            ("euint8", 2, "42", "42"),
            ("euint64", 5, "18446744073709551615", "18446744073709551615"),
            ("eaddress", 7, "0x0971c80ff03b428fd2094dd5354600ab103201c5", "0x0971C80fF03B428fD2094dd5354600ab103201C5"),
            ("ebytes64", 9, "0x" + String(repeating: "c3", count: 64), "0x" + String(repeating: "c3", count: 64)),
        ]
        for (type, code, value, printed) in cases {
            let (req, ct) = try request(s, type: type, code: code, value: value, tag: type)
            let r = try reencrypt(s, request: req, ct: ct)
            XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
            let o = try CLIOutput.decode(GatewayResponseOutput.self, r.stdout)
            XCTAssertEqual(o.status, "success")
            let items = try XCTUnwrap(o.response)
            XCTAssertEqual(items.count, 1)
            XCTAssertEqual(items[0].payload.hasPrefix("01000000290000000000000021000000"), true)
            XCTAssertEqual(items[0].signature.count, 128)
            XCTAssertEqual(items[0].ciphertextDigest.count, 64)
            let resp = try write(r.stdout, "\(type).response.json", in: s)
            let d = try userDecrypt(s, request: req, response: resp)
            XCTAssertEqual(d.status, 0, d.stderr)
            XCTAssertEqual(d.stdout, printed + "\n", type)
        }
    }

    /// A ciphertext kmsctl wrote in tfhe-rs format is reencrypted like a native one.
    func testOurCiphertextWrittenInTfheRsFormatIsReencrypted() throws {
        let s = try setUpParties()
        let (req, ct) = try request(s, type: "euint128", code: 6, value: "340282366920938463463374607431768211455",
                                    tag: "tfhe", encryptFlags: ["--format", "tfhe-rs"])
        XCTAssertFalse(try Data(contentsOf: URL(fileURLWithPath: ct)).starts(with: Data("SWIFTKMS".utf8)))
        let r = try reencrypt(s, request: req, ct: ct)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let d = try userDecrypt(s, request: req, response: try write(r.stdout, "tfhe.response.json", in: s))
        XCTAssertEqual(d.stdout, "340282366920938463463374607431768211455\n", d.stderr)
    }

    func testFreshEphemeralKeyAndNonceEveryRun() throws {
        let s = try setUpParties()
        let (req, ct) = try request(s, type: "euint16", code: 3, value: "513", tag: "a")
        let a = try reencrypt(s, request: req, ct: ct), b = try reencrypt(s, request: req, ct: ct)
        XCTAssertEqual(a.status, 0)
        XCTAssertEqual(b.status, 0)
        XCTAssertNotEqual(a.stdout, b.stdout)
        for (r, tag) in [(a, "a"), (b, "b")] {
            let d = try userDecrypt(s, request: req, response: try write(r.stdout, "\(tag).resp.json", in: s))
            XCTAssertEqual(d.stdout, "513\n", d.stderr)
        }
    }

    func testRefusedRequestsPrintFailureJSON() throws {
        let s = try setUpParties()
        let (req, ct) = try request(s, type: "euint8", code: 2, value: "7", tag: "x")
        func assertFailure(_ r: CLIResult, mentions: String, file: StaticString = #filePath, line: UInt = #line) throws {
            XCTAssertEqual(r.status, 1, r.stderr, file: file, line: line)
            let o = try CLIOutput.decode(GatewayResponseOutput.self, r.stdout)
            XCTAssertEqual(o.status, "failure", file: file, line: line)
            XCTAssertNil(o.response, r.stdout, file: file, line: line)
            XCTAssertTrue(o.error?.contains(mentions) == true, r.stdout, file: file, line: line)
        }
        // Signed for chain 9000, presented on chain 9001: the signature recovers to someone else.
        try assertFailure(try reencrypt(s, request: req, ct: ct, chainId: "9001"), mentions: "recovers to")
        // The user authorises their own address as the contract.
        let (selfReq, _) = try request(s, type: "euint8", code: 2, value: "7", contract: Self.walletAddress, tag: "self")
        try assertFailure(try reencrypt(s, request: selfReq, ct: ct), mentions: "differ from the verifying contract")
        // A request whose handle says euint32 for a euint8 ciphertext.
        let (wrongType, _) = try request(s, type: "euint8", code: 2, value: "7", tag: "w")
        let text = try String(contentsOfFile: wrongType, encoding: .utf8).replacingOccurrences(of: "00020" + "0\"", with: "00040" + "0\"")
        try assertFailure(try reencrypt(s, request: try write(text, "w2.json", in: s), ct: ct), mentions: "euint")
        // Not JSON at all.
        try assertFailure(try reencrypt(s, request: try write("hello", "bad.json", in: s), ct: ct), mentions: "JSON")
    }

    func testRefusedResponsesFailOnStderr() throws {
        let s = try setUpParties()
        let (req, ct) = try request(s, type: "euint32", code: 4, value: "1000", tag: "t")
        let r = try reencrypt(s, request: req, ct: ct)
        XCTAssertEqual(r.status, 0, r.stderr)
        let resp = try write(r.stdout, "t.response.json", in: s)
        XCTAssertEqual(try userDecrypt(s, request: req, response: resp).stdout, "1000\n")

        func assertRefused(_ d: CLIResult, mentions: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertNotEqual(d.status, 0, file: file, line: line)
            XCTAssertTrue(d.stdout.isEmpty, d.stdout, file: file, line: line)
            CLI.assertOneLine(d.stderr, file: file, line: line)
            XCTAssertTrue(d.stderr.contains(mentions), d.stderr, file: file, line: line)
        }
        // Another trusted signer.
        assertRefused(try userDecrypt(s, request: req, response: resp, signer: "0xB68deCb047B5e6Cc82280502A7E2318c6b3E5eC6"),
                      mentions: "not the trusted KMS signer")
        // A flipped payload bit (in the box, after the link) breaks the response signature.
        var o = try CLIOutput.decode(GatewayResponseOutput.self, r.stdout)
        var items = try XCTUnwrap(o.response)
        var payload = Array(items[0].payload)
        payload[400] = payload[400] == "0" ? "1" : "0"
        items[0].payload = String(payload)
        o.response = items
        let tampered = try write(try CLIOutput.encode(o), "tampered.json", in: s)
        assertRefused(try userDecrypt(s, request: req, response: tampered), mentions: "signature does not verify")
        // Another user key.
        let other = try CLIOutput.decode(UserKeyPairOutput.self, try CLI.run(["user", "keygen"]).stdout)
        assertRefused(try userDecrypt(s, request: req, response: resp, privateKey: other.privateKey), mentions: "key")
        // The gateway's failure answer.
        let failure = try write(#"{"status":"failure","error":"acl denied"}"#, "failure.json", in: s)
        assertRefused(try userDecrypt(s, request: req, response: failure), mentions: "acl denied")
    }
}
