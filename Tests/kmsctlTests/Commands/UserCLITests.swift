import Foundation
import KMSCore
import XCTest

/// `kmsctl user …` through the built binary.
final class UserCLITests: XCTestCase {
    func keyPair(_ text: String) throws -> (pk: String, sk: String) {
        let o = try CLIOutput.decode(UserKeyPairOutput.self, text)
        return (o.publicKey, o.privateKey)
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

    /// The request of eip712_vectors.json `reencrypt_signed` (RFC 6979 makes the signature reproducible).
    func testRequestReproducesTheVectorSignature() throws {
        let handle = String(repeating: "ab", count: 30) + "0500"
        let r = try CLI.run(["user", "request",
                             "--private-key", "0x7ec931411ad75a7c201469a385d6f18a325d4923f9f213bd882bbea87e160b67",
                             "--enc-key", "2000000000000000f3efe739bc5c1f3ecc75ef238bb281358b6ad60a77a68b67888d8802c53e1c59",
                             "--contract", "0xc8c9303cd7f337fab769686b593b87dc3403e0ce",   // lowercase accepted
                             "--chain-id", "9000", "--handle", "0x" + handle])
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try CLIOutput.decode(GatewayRequestOutput.self, r.stdout)
        XCTAssertEqual(o.signature, "89eee46754fb29525d525e5be6355a0d96ce76a3cbd29354705d3f9db3174b745c40a1bcb2159eb6345a7bf8d9403b64f73d4158d384f5fe3718ccf4b28e6c431c")
        XCTAssertEqual(o.clientAddress, "0x97F272ccfef4026A1F3f0e0E879d514627B84E69")
        XCTAssertEqual(o.encKey, "2000000000000000f3efe739bc5c1f3ecc75ef238bb281358b6ad60a77a68b67888d8802c53e1c59")
        XCTAssertEqual(o.ciphertextHandle, handle)
        XCTAssertEqual(o.eip712VerifyingContract, "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce")
    }

    func testRequestRejectsBadInputs() throws {
        let base = ["user", "request", "--private-key", String(repeating: "11", count: 32),
                    "--enc-key", "2000000000000000f3efe739bc5c1f3ecc75ef238bb281358b6ad60a77a68b67888d8802c53e1c59",
                    "--contract", "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce", "--chain-id", "9000",
                    "--handle", String(repeating: "ab", count: 30) + "0500"]
        func with(_ flag: String, _ value: String) -> [String] {
            var a = base
            if let i = a.firstIndex(of: flag) { a[i + 1] = value }
            return a
        }
        for args in [with("--contract", "0xc8c9303Cd7F337fab769686B593B87DC3403E0CE"),   // bad checksum
                     with("--enc-key", "f3efe739bc5c1f3ecc75ef238bb281358b6ad60a77a68b67888d8802c53e1c59"),   // raw 32 bytes
                     with("--handle", String(repeating: "ab", count: 30) + "0c00"),   // type 12
                     with("--private-key", "00")] {
            let r = try CLI.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.stdout.isEmpty)
            XCTAssertFalse(r.stderr.contains("1111111111"), r.stderr)
        }
    }
}
