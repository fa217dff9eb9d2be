import KMSTestSupport
import XCTest
@testable import KMSCore

/// Server side: the spec vector reproduced byte for byte, and every request refusal.
final class ReencryptionServerTests: XCTestCase {
    typealias F = ReencryptionFixtures

    /// The KMS request of the spec vector (ciphertext = "example-fhe-ciphertext").
    func vectorRequest() throws -> ReencryptionRequest {
        let v = try ReencryptionSigncryptionVector.load()
        let ciphertext = Array(v.ciphertextBytesUTF8.utf8)
        let signed = try F.userRequest(F.handle(.euint8))
        return ReencryptionRequest(signature: signed.signature, clientAddress: F.userAddress,
                                   encryptionKey: try Hex.decode(v.clientEncPkBincode), fheType: .euint8,
                                   keyID: try KeyID(bytes: [UInt8](repeating: 7, count: 20)), ciphertext: ciphertext,
                                   ciphertextDigest: SHA3.hash256(ciphertext),
                                   domain: .authorizationToken(chainId: F.chainId, verifyingContract: try F.contractAddress()))
    }

    func testUserSignatureOfTheEIP712Vector() throws {
        // eip712_vectors.json `reencrypt_signed`: RFC 6979 makes the wallet signature reproducible.
        let signed = try F.userRequest(F.handle(.euint8))
        XCTAssertEqual(Hex.encode(signed.signature),
                       "89eee46754fb29525d525e5be6355a0d96ce76a3cbd29354705d3f9db3174b745c40a1bcb2159eb6345a7bf8d9403b64f73d4158d384f5fe3718ccf4b28e6c431c")
        XCTAssertEqual(signed.userAddress.checksummed, F.userAddress)
        let body = signed.gatewayRequest
        XCTAssertEqual(body.encryptionKey, try Hex.decode(BoxKeyTests.fhevmjsPublic))
        XCTAssertEqual(body.clientAddress, F.userAddress)
        XCTAssertEqual(body.verifyingContract, F.contract)
        XCTAssertEqual(try UserReencryptionRequest(gateway: body, chainId: F.chainId), signed)
    }

    func testVectorReproducedByteForByte() throws {
        let v = try ReencryptionSigncryptionVector.load()
        let request = try vectorRequest()
        let checked = try request.validate()
        XCTAssertEqual(Hex.encode(checked.link), v.link)
        XCTAssertEqual(Hex.encode(Array(checked.link.prefix(32))), v.reencryptEIP712Digest)
        XCTAssertEqual(Hex.encode(request.ciphertextDigest), v.ciphertextDigestSHA3_256)

        let plaintext = KMSPlaintext(try ClearValue(type: .euint8, 42))
        XCTAssertEqual(Hex.encode(SigncryptionPayload(plaintext: plaintext, link: checked.link).bincode),
                       v.signcryptionPayloadBincode)
        let kms = Reencryptor(keyID: request.keyID, decryptor: F.NoDecryptor(), signer: KMSSigner(key: try F.server()))
        let response = try kms.respond(plaintext: plaintext, to: checked, fheType: .euint8,
                                       ciphertextDigest: request.ciphertextDigest,
                                       ephemeralKey: BoxSecretKey(bytes: Hex.decode(v.serverEphemeralX25519Sk)),
                                       nonce: Hex.decode(v.nonce))
        XCTAssertEqual(Hex.encode(response.payload), v.reencryptionResponsePayloadBincode)
        XCTAssertEqual(Hex.encode(response.signature),
                       v.responseSignatureRS)
        XCTAssertEqual(GatewayReencryptionResponse.success([response]),
                       try GatewayReencryptionResponse(json: F.gatewayResponseJSON(v)))
    }

    func assertRefused(_ request: ReencryptionRequest, _ check: (ReencryptionError) -> Bool,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try request.validate(), file: file, line: line) { error in
            guard let e = error as? ReencryptionError, check(e) else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
        }
    }

    func testRequestRefusals() throws {
        let good = try vectorRequest()
        XCTAssertNoThrow(try good.validate())

        var r = good
        r.version = 2
        assertRefused(r) { $0 == .unsupportedRequestVersion(2) }

        r = good
        r.clientAddress = "0x97f272ccfef4026A1F3f0e0E879d514627B84E69"   // one letter's case changed
        assertRefused(r) { if case .invalidClientAddress = $0 { true } else { false } }
        r.clientAddress = "not an address"
        assertRefused(r) { if case .invalidClientAddress = $0 { true } else { false } }

        // client == verifying contract, even with a signature that is otherwise valid.
        r = good
        r.domain = .authorizationToken(chainId: F.chainId, verifyingContract: try F.wallet().address)
        r.signature = Reencrypt(publicKey: r.encryptionKey).sign(with: try F.wallet(), domain: r.domain)
        assertRefused(r) { $0 == .clientIsVerifyingContract }

        r = good
        r.domain.verifyingContract = nil
        assertRefused(r) { if case .invalidDomain = $0 { true } else { false } }

        // Signed by someone else.
        r = good
        var g = TestSeed.generator()
        let eve = g.secp256k1Key()
        r.signature = Reencrypt(publicKey: r.encryptionKey).sign(with: eve, domain: r.domain)
        assertRefused(r) { $0 == .userSignatureMismatch(recovered: eve.address.checksummed, expected: F.userAddress) }
        // Signed for another chain, contract or key: recovers to another address.
        r = good
        r.domain = .authorizationToken(chainId: 9001, verifyingContract: try F.contractAddress())
        assertRefused(r) { if case .userSignatureMismatch = $0 { true } else { false } }

        // High-s: (r, n − s, v ⊕ 1) is the same signer's signature, but malleable.
        r = good
        r.signature = Self.highS(good.signature)
        assertRefused(r) { $0 == .highSUserSignature }
        // Wrong length / v.
        r = good
        r.signature = Array(good.signature.prefix(64))
        assertRefused(r) { if case .malformedUserSignature = $0 { true } else { false } }
        r.signature = Array(good.signature.prefix(64)) + [29]
        assertRefused(r) { if case .malformedUserSignature = $0 { true } else { false } }
        // v ∈ {0, 1} is accepted, as by the KMS.
        r.signature = Array(good.signature.prefix(64)) + [good.signature[64] - 27]
        XCTAssertNoThrow(try r.validate())

        r = good
        r.ciphertext = nil
        assertRefused(r) { $0 == .missingCiphertext }
        r = good
        r.ciphertext = Array("another ciphertext".utf8)
        assertRefused(r) { $0 == .ciphertextDigestMismatch }
        r = good
        r.ciphertextDigest[0] ^= 1
        assertRefused(r) { $0 == .ciphertextDigestMismatch }

        // An enc_key that is not 40-byte bincode (correctly signed, so only the key check fails).
        r = good
        r.encryptionKey = Array(good.encryptionKey.dropFirst(8))
        r.signature = Reencrypt(publicKey: r.encryptionKey).sign(with: try F.wallet(), domain: r.domain)
        assertRefused(r) { if case .invalidEncryptionKey = $0 { true } else { false } }
    }

    func testUnknownKeyIdAndTypeMismatch() throws {
        let keys = F.keySet
        let kms = Reencryptor(keyID: keys.keyID, decryptor: keys.clientKey, signer: KMSSigner(key: try F.server()))
        let ct = try CiphertextFile(keyID: keys.keyID, ciphertext: keys.clientKey.encrypt(try ClearValue(type: .euint16, 7))).encoded()
        var request = try F.kmsRequest(F.userRequest(F.handle(.euint16)), ciphertext: ct, keyID: keys.keyID)
        XCTAssertNoThrow(try kms.reencrypt(request))
        request.keyID = try KeyID(bytes: [UInt8](repeating: 1, count: 20))
        XCTAssertThrowsError(try kms.reencrypt(request)) {
            XCTAssertEqual($0 as? ReencryptionError, .unknownKeyId(String(repeating: "01", count: 20)))
        }
        // The handle says euint32, the ciphertext is a euint16.
        let wrongType = try F.kmsRequest(F.userRequest(F.handle(.euint32)), ciphertext: ct, keyID: keys.keyID)
        XCTAssertThrowsError(try kms.reencrypt(wrongType)) {
            XCTAssertEqual($0 as? ReencryptionError, .fheTypeMismatch(expected: .euint32, actual: .euint16))
        }
        // Not a ciphertext file.
        let garbage = try F.kmsRequest(F.userRequest(F.handle(.euint16)), ciphertext: [1, 2, 3], keyID: keys.keyID)
        XCTAssertThrowsError(try kms.reencrypt(garbage)) {
            guard case .decryptionFailed = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
    }

    /// fhEVM stores tfhe-rs ciphertexts: ours, written in the tfhe-rs formats by our encoder
    /// (FheUint objects, compact and compressed lists, seeded values), are reencrypted too.
    func testOurCiphertextsInTfheRsFormatAreReencrypted() throws {
        let keys = F.keySet
        let kms = Reencryptor(keyID: keys.keyID, decryptor: keys.clientKey, signer: KMSSigner(key: try F.server()))
        let client = ReencryptionClient(encryptionKey: try F.userBoxKey(), trustedSigners: [try EthereumAddress(eip55: F.serverAddress)])
        let value = try ClearValue(type: .euint32, 3_000_000_007)
        let user = try F.userRequest(F.handle(.euint32))
        for ct in [try TfheRsInterop.encrypt(value, clientKey: keys.clientKey, layout: .v0_11),
                   try TfheRsInterop.encrypt(value, publicKey: keys.publicKey, layout: .v0_11)] {
            let response = try kms.reencrypt(F.kmsRequest(user, ciphertext: ct, keyID: keys.keyID))
            XCTAssertEqual(try client.decrypt([response], for: user), value)
        }
        // A tfhe-rs ciphertext of another type than the handle's.
        let ct16 = try TfheRsInterop.encrypt(try ClearValue(type: .euint16, 5), clientKey: keys.clientKey, layout: .v0_11)
        XCTAssertThrowsError(try kms.reencrypt(F.kmsRequest(user, ciphertext: ct16, keyID: keys.keyID))) {
            XCTAssertEqual($0 as? ReencryptionError, .fheTypeMismatch(expected: .euint32, actual: .euint16))
        }
        // Another decryptor than a ClientKey (as threshold parties will be) takes every form through
        // FheDecryptor alone: compressed lists and seeded values included.
        let wrapped = Reencryptor(keyID: keys.keyID, decryptor: CiphertextReaderTests.WrappedDecryptor(key: keys.clientKey),
                                  signer: KMSSigner(key: try F.server()))
        let stored = [
            try TfheRsFile(object: .compressedCiphertextList(TfheRsCompressedCiphertextList.encrypt([value], clientKey: keys.clientKey)),
                           layout: .v1_0).encode(),
            try TfheRsFile(object: .seededCiphertext(TfheRsSeededCiphertext.encrypt(value, clientKey: keys.clientKey)), layout: .v1_0).encode(),
        ]
        for ct in stored {
            let response = try wrapped.reencrypt(F.kmsRequest(user, ciphertext: ct, keyID: keys.keyID))
            XCTAssertEqual(try client.decrypt([response], for: user), value)
        }
        // A decryptor that fails makes a typed refusal.
        let other = Reencryptor(keyID: keys.keyID, decryptor: F.NoDecryptor(), signer: KMSSigner(key: try F.server()))
        XCTAssertThrowsError(try other.reencrypt(F.kmsRequest(user, ciphertext: ct16, keyID: keys.keyID))) {
            guard case .decryptionFailed = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
    }

    func testGatewayRequestWithBadContractOrHandle() throws {
        var body = try F.userRequest(F.handle(.euint8)).gatewayRequest
        body.verifyingContract = body.verifyingContract.lowercased().replacingOccurrences(of: "0x", with: "0X")
        XCTAssertThrowsError(try ReencryptionRequest(gateway: body, ciphertext: [1], keyID: F.keySet.keyID, chainId: 9000)) {
            guard case .invalidVerifyingContract = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
        body = try F.userRequest(F.handle(.euint8)).gatewayRequest
        body.ciphertextHandle[30] = 12
        XCTAssertThrowsError(try ReencryptionRequest(gateway: body, ciphertext: [1], keyID: F.keySet.keyID, chainId: 9000)) {
            guard case .invalidHandle = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
    }

    /// (r, s, v) → (r, n − s, v ⊕ 1).
    static func highS(_ sig: [UInt8]) -> [UInt8] {
        let n: [UInt8] = (try? Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")) ?? []
        var out = sig
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            let d = Int(n[i]) - Int(sig[32 + i]) - borrow
            out[32 + i] = UInt8((d + 256) % 256)
            borrow = d < 0 ? 1 : 0
        }
        out[64] = sig[64] == 27 ? 28 : 27
        return out
    }
}
