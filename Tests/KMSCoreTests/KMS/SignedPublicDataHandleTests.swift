@testable import KMSCore
import KMSTestSupport
import XCTest

/// Signed handles of published key material (V09 `SignedPubDataHandle`).
final class SignedPublicDataHandleTests: XCTestCase {
    let signer = KMSSigner(key: try! Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 0x22, count: 32)))
    let domain = EIP712Domain.kmsVerifier(chainId: 12345, verifyingContract: try! EthereumAddress(parsing: "0x208De73316E44722e16f6dDFF40881A3e4F86104"))

    func testTypeHashesMatchTheSpecification() {
        // kms.md §7 (derived with an independent Keccak): prefixes and suffixes.
        let pub = Hex.encode(FhePubKey.typeHash)
        XCTAssertTrue(pub.hasPrefix("a1108b8d") && pub.hasSuffix("bd20b4a"), pub)
        let server = Hex.encode(FheServerKey.typeHash)
        XCTAssertTrue(server.hasPrefix("5f515e1f") && server.hasSuffix("cc4b50bc"), server)
    }

    func testHandleIsTheDigestPrefixAndBothSignaturesVerify() throws {
        let file = [UInt8]((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let signed = SignedPublicDataHandle(.publicKey, of: file, signer: signer, domain: domain)
        XCTAssertEqual(signed.handle.count, 40)
        XCTAssertEqual(signed.handle, signed.handle.lowercased())
        XCTAssertEqual(Array(signed.signature.prefix(8)), [64, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(signed.signature.count, 72)
        XCTAssertEqual(signed.externalSignature.count, 65)
        try signed.verify(of: file, signer: signer.publicKey, domain: domain)
        // The EIP-712 signature is FhePubKey(SHA3-256(file)) signed in the domain.
        XCTAssertEqual(try FhePubKey(pubkey: SHA3.hash256(file)).recoverSigner(signed.externalSignature, domain: domain),
                       signer.address)
        XCTAssertEqual(signed.handle, Hex.encode(Array(SHA3.hash256(file).prefix(20))))

        // Received parts verify the same way; tampering is caught.
        let received = try SignedPublicDataHandle(.publicKey, handle: signed.handle, signature: signed.signature,
                                                  externalSignature: signed.externalSignature)
        try received.verify(of: file, signer: signer.publicKey, domain: domain)
        var other = file
        other[500] ^= 1
        XCTAssertThrowsError(try received.verify(of: other, signer: signer.publicKey, domain: domain))
        let stranger = KMSSigner(key: try Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 0x33, count: 32)))
        XCTAssertThrowsError(try received.verify(of: file, signer: stranger.publicKey, domain: domain))
        // The server-key struct is another message: a public-key signature does not pass as one.
        let asServerKey = try SignedPublicDataHandle(.serverKey, handle: signed.handle, signature: signed.signature,
                                                     externalSignature: signed.externalSignature)
        XCTAssertThrowsError(try asServerKey.verify(of: file, signer: signer.publicKey, domain: domain))
        XCTAssertNoThrow(try asServerKey.verify(of: file, signer: signer.publicKey, domain: nil))
    }

    func testMalformedPartsAreRefused() {
        let sig = [UInt8](repeating: 0, count: 72)
        XCTAssertThrowsError(try SignedPublicDataHandle(.publicKey, handle: String(repeating: "A", count: 40), signature: sig, externalSignature: []))
        XCTAssertThrowsError(try SignedPublicDataHandle(.publicKey, handle: String(repeating: "a", count: 39), signature: sig, externalSignature: []))
        XCTAssertThrowsError(try SignedPublicDataHandle(.publicKey, handle: String(repeating: "a", count: 40), signature: [1], externalSignature: []))
        XCTAssertThrowsError(try SignedPublicDataHandle(.publicKey, handle: String(repeating: "a", count: 40), signature: sig,
                                                        externalSignature: [UInt8](repeating: 1, count: 64)))
    }

    /// Hostile parts (random handles of any text, signatures of any length and content, bit
    /// flips of a good answer) get a typed error from the initializer or from `verify`, never a
    /// trap, and nothing but the genuine answer verifies.
    func testRandomAndMutatedPartsNeverVerifyAndNeverTrap() throws {
        var rng = TestSeed.generator()
        let file = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let good = SignedPublicDataHandle(.serverKey, of: file, signer: signer, domain: domain)
        let alphabet = Array("0123456789abcdefABCDEF xyz\u{0}é🙂")
        var verified = 0
        for round in 0..<3000 {
            var handle = good.handle, signature = good.signature, external = good.externalSignature
            switch round % 4 {
            case 0:
                handle = String((0..<Int.random(in: 0...80, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            case 1:
                signature = (0..<Int.random(in: 0...100, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 2:
                external = (0..<[0, 64, 65, 66].randomElement(using: &rng)!).map { _ in UInt8.random(in: 0...255, using: &rng) }
            default:
                // One flipped bit in the signature or the EIP-712 signature of the good answer.
                if Bool.random(using: &rng) {
                    signature[Int.random(in: 0..<signature.count, using: &rng)] ^= 1 << UInt8.random(in: 0...7, using: &rng)
                } else {
                    external[Int.random(in: 0..<external.count, using: &rng)] ^= 1 << UInt8.random(in: 0...7, using: &rng)
                }
            }
            guard let parts = try? SignedPublicDataHandle(.serverKey, handle: handle, signature: signature, externalSignature: external)
            else { continue }
            if (try? parts.verify(of: file, signer: signer.publicKey, domain: domain)) != nil {
                verified += 1
                XCTAssertEqual(parts, good, "only the genuine answer verifies (\(TestSeed.assignment))")
            }
        }
        XCTAssertLessThan(verified, 10, "mutations were drawn (\(TestSeed.assignment))")
        XCTAssertNoThrow(try good.verify(of: file, signer: signer.publicKey, domain: domain))
    }
}
