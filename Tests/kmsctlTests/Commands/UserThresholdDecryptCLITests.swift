import Foundation
@testable import KMSCore
import XCTest

/// `kmsctl user decrypt` with a threshold gateway answer (one element per party), made by
/// simulated parties that share clear block encodings (no FHE keys needed). Consistency with our
/// reading of kms.md §3.6, not a check against a real threshold KMS.
final class UserThresholdDecryptCLITests: XCTestCase {
    static let wallet = "7ec931411ad75a7c201469a385d6f18a325d4923f9f213bd882bbea87e160b67"
    static let contract = "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce"

    struct Setup {
        let requestFile: String
        let responseFile: String
        let privateKey: String
        let signers: [String]
    }

    /// Four parties (t = 1, D = 8) answering for euint16 `value`; `liar` sends random shares.
    func setUp(value: UInt64, liar: Int? = nil) throws -> Setup {
        let dir = try CLI.temporaryDirectory(self)
        let userKey = BoxSecretKey.generate()
        var handleBytes = [UInt8](repeating: 0x5a, count: 32)
        handleBytes[29] = 0
        handleBytes[30] = FheType.euint16.code
        handleBytes[31] = 0
        let user = UserReencryptionRequest.sign(
            handle: try FheHandle(bytes: handleBytes), encryptionKey: userKey.publicKey,
            contract: try EthereumAddress(eip55: Self.contract), chainId: 9000,
            wallet: try Secp256k1PrivateKey(rawRepresentation: Hex.decode(Self.wallet)))
        let keyID = try KeyID(bytes: [UInt8](repeating: 7, count: 20))
        let request = try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: Array("ct".utf8), keyID: keyID,
                                              chainId: 9000)
        let checked = try request.validate()
        var g = SystemRandomNumberGenerator()
        // Shares of Δ·m + e per 2-bit block, degree 1 among 4 parties.
        var shares = [[GaloisRingElement<GaloisRing128Degree8>]](repeating: [], count: 4)
        for j in 0..<8 {
            let m = (value >> UInt64(2 * j)) & 3
            let noise = U128(low: g.next(), high: g.next() & 0xfff)
            let secret = GaloisRingElement<GaloisRing128Degree8>(scalar: (U128(m) << 123) &+ noise)
            for s in try ShamirSharing<GaloisRing128Degree8>.share(secret, parties: 4, degree: 1, using: &g) {
                shares[s.partyID - 1].append(s.value)
            }
        }
        if let liar { shares[liar - 1] = (0..<8).map { _ in .random(using: &g) } }
        var signers: [String] = []
        var responses: [ReencryptionResponse] = []
        for id in 1...4 {
            let signer = KMSSigner(key: try Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: UInt8(0x40 + id), count: 32)))
            signers.append(signer.address.checksummed)
            let party = try Reencryptor(keyID: keyID, decryptor: NoDecryptor(), signer: signer, partyId: UInt32(id), degree: 1)
            responses.append(try party.respond(shares: shares[id - 1], fheType: .euint16, to: checked,
                                               ciphertextDigest: request.ciphertextDigest))
        }
        let requestFile = dir.appendingPathComponent("request.json")
        let responseFile = dir.appendingPathComponent("response.json")
        try Data(user.gatewayRequest.json.utf8).write(to: requestFile)
        try Data(GatewayReencryptionResponse.success(responses.reversed()).json.utf8).write(to: responseFile)
        return Setup(requestFile: requestFile.path, responseFile: responseFile.path,
                     privateKey: ReencryptionKeyPair(userKey).privateKey, signers: signers)
    }

    struct NoDecryptor: FheDecryptor {
        struct Called: Error {}
        var parameters: ParameterSet { .test }
        func decrypt(_ ciphertext: FheCiphertext) throws -> ClearValue { throw Called() }
    }

    func decrypt(_ s: Setup, signerArguments: [String], extra: [String] = []) throws -> CLIResult {
        try CLI.run(["user", "decrypt", "--request", s.requestFile, "--response", s.responseFile,
                     "--private-key", s.privateKey] + signerArguments + ["--chain-id", "9000"] + extra)
    }

    func testFourPartiesWithTheirAddressesAfterOneFlag() throws {
        let s = try setUp(value: 51234)
        let r = try decrypt(s, signerArguments: ["--signer-address"] + s.signers)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "51234\n")
        XCTAssertEqual(r.stderr, "")
        // The flag repeated, and the ring degree given explicitly.
        let repeated = try decrypt(s, signerArguments: s.signers.flatMap { ["--signer-address", $0] }, extra: ["--ring-degree", "8"])
        XCTAssertEqual(repeated.status, 0, repeated.stderr)
        XCTAssertEqual(repeated.stdout, "51234\n")
    }

    func testALyingPartyIsNamedOnStderr() throws {
        let s = try setUp(value: 777, liar: 3)
        let r = try decrypt(s, signerArguments: ["--signer-address"] + s.signers)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "777\n")
        XCTAssertTrue(r.stderr.contains("parties 3"), r.stderr)
    }

    func testRefusalsAreOneLineOnStderr() throws {
        let s = try setUp(value: 5)
        // One address left out of the trusted set.
        let untrusted = try decrypt(s, signerArguments: ["--signer-address"] + s.signers.dropFirst())
        XCTAssertNotEqual(untrusted.status, 0)
        XCTAssertTrue(untrusted.stdout.isEmpty)
        CLI.assertOneLine(untrusted.stderr)
        XCTAssertTrue(untrusted.stderr.contains(s.signers[0]), untrusted.stderr)
        // The other ring: no party's shares parse.
        let otherRing = try decrypt(s, signerArguments: ["--signer-address"] + s.signers, extra: ["--ring-degree", "4"])
        XCTAssertNotEqual(otherRing.status, 0)
        CLI.assertOneLine(otherRing.stderr)
        XCTAssertTrue(otherRing.stderr.contains("usable threshold responses"), otherRing.stderr)
        // Not a ring degree.
        XCTAssertNotEqual(try decrypt(s, signerArguments: ["--signer-address"] + s.signers, extra: ["--ring-degree", "5"]).status, 0)
    }
}
