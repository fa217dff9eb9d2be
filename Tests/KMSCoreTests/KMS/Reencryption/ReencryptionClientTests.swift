import KMSTestSupport
import XCTest
@testable import KMSCore

/// Client side: the spec vector's response opens to 42; round trips for all 12 types; every
/// tampered field is detected with its own error.
final class ReencryptionClientTests: XCTestCase {
    typealias F = ReencryptionFixtures

    func client(signer: String = ReencryptionFixtures.serverAddress) throws -> ReencryptionClient {
        ReencryptionClient(encryptionKey: try F.userBoxKey(), trustedSigners: [try EthereumAddress(eip55: signer)])
    }

    func testVectorResponseDecryptsTo42() throws {
        let v = try ReencryptionSigncryptionVector.load()
        let answer = try GatewayReencryptionResponse(json: F.gatewayResponseJSON(v))
        let request = try F.userRequest(F.handle(.euint8))
        let value = try client().decrypt(answer, for: request)
        XCTAssertEqual(value, try ClearValue(type: .euint8, 42))
        XCTAssertEqual(ValueFormat.format(value), "42")
    }

    func testRoundTripForAllTwelveTypes() throws {
        let keys = F.keySet
        let kms = Reencryptor(keyID: keys.keyID, decryptor: keys.clientKey, signer: KMSSigner(key: try F.server()))
        let c = try client()
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        for type in FheType.allCases {
            for value in [try ClearValue.random(type, using: &g), ClearValue.max(type)] {
                let ct = try CiphertextFile(keyID: keys.keyID, ciphertext: keys.publicKey.encrypt(value, randomness: randomness)).encoded()
                let user = try F.userRequest(F.handle(type))
                let response = try kms.reencrypt(F.kmsRequest(user, ciphertext: ct, keyID: keys.keyID))
                XCTAssertEqual(try response.decodedPayload().fheType, type)
                // Through the gateway JSON, as fhevmjs receives it.
                let answer = try GatewayReencryptionResponse(json: Array(GatewayReencryptionResponse.success([response]).json.utf8))
                XCTAssertEqual(try c.decrypt(answer, for: user), value, "\(type)")
            }
        }
    }

    func testTwoReencryptionsUseFreshEphemeralKeysAndNonces() throws {
        let keys = F.keySet
        let kms = Reencryptor(keyID: keys.keyID, decryptor: keys.clientKey, signer: KMSSigner(key: try F.server()))
        let ct = try CiphertextFile(keyID: keys.keyID, ciphertext: keys.clientKey.encrypt(try ClearValue(type: .euint64, 99))).encoded()
        let user = try F.userRequest(F.handle(.euint64))
        let request = try F.kmsRequest(user, ciphertext: ct, keyID: keys.keyID)
        let a = try SigncryptionCipher(bincode: kms.reencrypt(request).decodedPayload().signcryptedCiphertext)
        let b = try SigncryptionCipher(bincode: kms.reencrypt(request).decodedPayload().signcryptedCiphertext)
        XCTAssertNotEqual(a.nonce, b.nonce)
        XCTAssertNotEqual(a.serverEncryptionKey, b.serverEncryptionKey)
    }

    // MARK: Tampering

    /// A genuine response for euint8 42 (vector request, random ephemeral key).
    func genuine() throws -> (ReencryptionResponse, UserReencryptionRequest) {
        let user = try F.userRequest(F.handle(.euint8))
        let ciphertext = Array("example-fhe-ciphertext".utf8)
        let request = try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: ciphertext,
                                              keyID: F.keySet.keyID, chainId: F.chainId)
        let kms = Reencryptor(keyID: F.keySet.keyID, decryptor: F.NoDecryptor(), signer: KMSSigner(key: try F.server()))
        let response = try kms.respond(plaintext: KMSPlaintext(try ClearValue(type: .euint8, 42)), to: request.validate(),
                                       fheType: .euint8, ciphertextDigest: request.ciphertextDigest)
        return (response, user)
    }

    /// `response` with its payload changed by `edit` and signed again by the genuine server key
    /// (what a server bug or a compromised server could send): only the deeper checks can catch it.
    func resigned(_ response: ReencryptionResponse, key: Secp256k1PrivateKey? = nil,
                  _ edit: (inout ReencryptionResponsePayload) throws -> Void) throws -> ReencryptionResponse {
        var payload = try response.decodedPayload()
        try edit(&payload)
        let bytes = payload.bincode
        return ReencryptionResponse(signature: try (key ?? F.server()).signSHA256(message: bytes), payload: bytes,
                                    ciphertextDigest: response.ciphertextDigest)
    }

    /// Edits the signcrypted ciphertext of a payload.
    func editCipher(_ p: inout ReencryptionResponsePayload, _ edit: (inout SigncryptionCipher) -> Void) throws {
        var c = try SigncryptionCipher(bincode: p.signcryptedCiphertext)
        edit(&c)
        p.signcryptedCiphertext = c.bincode
    }

    func assertRefused(_ response: ReencryptionResponse, _ request: UserReencryptionRequest,
                       _ expected: ReencryptionError, client c: ReencryptionClient? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let cl = try c ?? client()
        XCTAssertThrowsError(try cl.decrypt([response], for: request), file: file, line: line) {
            XCTAssertEqual($0 as? ReencryptionError, expected, file: file, line: line)
        }
    }

    func assertRefused(_ response: ReencryptionResponse, _ request: UserReencryptionRequest,
                       matching check: (ReencryptionError) -> Bool,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertThrowsError(try client().decrypt([response], for: request), file: file, line: line) { error in
            guard let e = error as? ReencryptionError, check(e) else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
        }
    }

    func testGenuineResponseDecrypts() throws {
        let (response, user) = try genuine()
        XCTAssertEqual(try client().decrypt([response], for: user), try ClearValue(type: .euint8, 42))
    }

    func testTamperingWithoutTheServerKeyBreaksTheSignatureOrTheLink() throws {
        let (good, user) = try genuine()
        // Any byte of the payload after the digest (type, box, nonce, ephemeral key, party id, degree).
        for i in [4 + 49 + 72, 4 + 49 + 72 + 4 + 8 + 8 + 20, good.payload.count - 12, good.payload.count - 8,
                  good.payload.count - 1] {
            var r = good
            r.payload[i] ^= 1
            try assertRefused(r, user, matching: { $0 == .invalidResponseSignature || { if case .malformedResponsePayload = $0 { true } else { false } }($0) })
        }
        // The signature.
        var r = good
        r.signature[10] ^= 1
        try assertRefused(r, user, .invalidResponseSignature)
        r.signature = []
        try assertRefused(r, user, .missingResponseSignature)
        r.signature = ReencryptionServerTests.highS(good.signature + [27]).prefix(64).map { $0 }
        try assertRefused(r, user, .invalidResponseSignature)
        // The digest (link) inside the payload, or the gateway's ciphertext digest.
        r = good
        r.payload[4 + 49 + 8] ^= 1
        try assertRefused(r, user, .linkMismatch)
        r = good
        r.ciphertextDigest[0] ^= 1
        try assertRefused(r, user, .linkMismatch)
        // A request for another key / contract / chain: the link differs.
        var other = user
        other.chainId = 9001
        try assertRefused(good, other, .linkMismatch)
        // Truncated payload.
        r = good
        r.payload.removeLast()
        try assertRefused(r, user, matching: { if case .malformedResponsePayload = $0 { true } else { false } })
    }

    func testTamperingResignedByTheServerHitsTheDeeperChecks() throws {
        let (good, user) = try genuine()
        try assertRefused(try resigned(good) { $0.version = 2 }, user, .unsupportedResponseVersion(2))
        try assertRefused(try resigned(good) { $0.partyId = 2 }, user, .unexpectedParty(partyId: 2, degree: 0))
        try assertRefused(try resigned(good) { $0.degree = 1 }, user, .unexpectedParty(partyId: 1, degree: 1))
        try assertRefused(try resigned(good) { $0.fheType = .euint16 }, user, .fheTypeMismatch(expected: .euint8, actual: .euint16))
        try assertRefused(try resigned(good) { try self.editCipher(&$0) { $0.box[20] ^= 1 } }, user, .boxOpenFailed)
        try assertRefused(try resigned(good) { try self.editCipher(&$0) { $0.nonce[3] ^= 1 } }, user, .boxOpenFailed)
        var g = TestSeed.generator()
        let otherBoxKey = try g.boxKey().publicKey
        try assertRefused(try resigned(good) { try self.editCipher(&$0) { $0.serverEncryptionKey = otherBoxKey } },
                          user, .boxOpenFailed)
        try assertRefused(try resigned(good) { $0.signcryptedCiphertext.removeLast() }, user,
                          matching: { if case .malformedSigncryption = $0 { true } else { false } })
    }

    func testResponseFromAnUntrustedServer() throws {
        let (good, user) = try genuine()
        var g = TestSeed.generator()
        let mallory = g.secp256k1Key()
        // Mallory signs with her own key and puts her own verification key in.
        let forged = try resigned(good, key: mallory) { $0.verificationKey = ServerVerificationKey(mallory.publicKey).bincode }
        try assertRefused(forged, user, .untrustedServer(address: mallory.address.checksummed))
        // Genuine key in the payload but Mallory's signature.
        let wrongSig = try resigned(good, key: mallory) { _ in }
        try assertRefused(wrongSig, user, .invalidResponseSignature)
        // A broken verification key.
        try assertRefused(try resigned(good) { $0.verificationKey[8] = 0x07 }, user,
                          matching: { if case .invalidVerificationKey = $0 { true } else { false } })
        // Trusting another signer.
        try assertRefused(good, user, .untrustedServer(address: F.serverAddress),
                          client: try client(signer: "0xB68deCb047B5e6Cc82280502A7E2318c6b3E5eC6"))
    }

    func testWrongUserKeyAndInnerChecks() throws {
        let (good, user) = try genuine()
        // A different user key pair than the one in the request.
        var g = TestSeed.generator()
        let stranger = ReencryptionClient(encryptionKey: try g.boxKey(),
                                          trustedSigners: [try EthereumAddress(eip55: F.serverAddress)])
        XCTAssertThrowsError(try stranger.decrypt([good], for: user)) {
            guard case .invalidEncryptionKey = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
        // The server signcrypts a payload whose inner link is wrong (signed, boxed correctly).
        let kms = Reencryptor(keyID: F.keySet.keyID, decryptor: F.NoDecryptor(), signer: KMSSigner(key: try F.server()))
        let request = try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: Array("example-fhe-ciphertext".utf8),
                                              keyID: F.keySet.keyID, chainId: F.chainId).validate()
        var badLink = request.link
        badLink[63] ^= 1
        let inner = ReencryptionRequest.Validated(clientAddress: request.clientAddress, clientKey: request.clientKey,
                                                  link: badLink, ciphertext: request.ciphertext)
        var r = try kms.respond(plaintext: KMSPlaintext(try ClearValue(type: .euint8, 42)), to: inner, fheType: .euint8,
                                ciphertextDigest: good.ciphertextDigest)
        r = try resigned(r) { $0.digest = request.link }
        try assertRefused(r, user, .innerLinkMismatch)
        // A plaintext of another type inside.
        r = try kms.respond(plaintext: KMSPlaintext(try ClearValue(type: .euint16, 42)), to: request, fheType: .euint8,
                            ciphertextDigest: good.ciphertextDigest)
        try assertRefused(r, user, .fheTypeMismatch(expected: .euint8, actual: .euint16))
    }

    func testGatewayFailureAndEmptyOrThresholdAnswers() throws {
        let user = try F.userRequest(F.handle(.euint8))
        XCTAssertThrowsError(try client().decrypt(.failure("acl says no"), for: user)) {
            XCTAssertEqual($0 as? ReencryptionError, .gatewayFailure("acl says no"))
        }
        XCTAssertThrowsError(try client().decrypt([], for: user)) { XCTAssertEqual($0 as? ReencryptionError, .noResponses) }
        let (good, _) = try genuine()
        // Two responses: the threshold path, where the same party twice is refused.
        XCTAssertThrowsError(try client().decrypt([good, good], for: user)) {
            XCTAssertEqual($0 as? ReencryptionError, .duplicatePartyId(1))
        }
    }
}
