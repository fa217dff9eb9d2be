import KMSTestSupport
import XCTest
@testable import KMSCore

/// The party side of threshold reencryption: a threshold `Reencryptor` signcrypts its shares as
/// `Plaintext{ bincode(Vec<ResiduePoly<Z128, D>>), fhe_type }` with its party id and degree.
final class ThresholdReencryptorTests: XCTestCase {
    typealias F = ReencryptionFixtures

    func testThresholdInitializerChecksPartyAndDegree() throws {
        let keyID = try KeyID(bytes: [UInt8](repeating: 1, count: 20))
        let signer = KMSSigner(key: try F.server())
        for (party, degree): (UInt32, UInt32) in [(0, 1), (5, 1), (1, 0), (8, 2)] {
            XCTAssertThrowsError(try Reencryptor(keyID: keyID, decryptor: F.NoDecryptor(), signer: signer, partyId: party,
                                                 degree: degree)) {
                XCTAssertEqual($0 as? ReencryptionError, .partyIdOutOfRange(partyId: party, degree: degree))
            }
        }
        let party = try Reencryptor(keyID: keyID, decryptor: F.NoDecryptor(), signer: signer, partyId: 7, degree: 2)
        XCTAssertTrue(party.isThresholdParty)
        XCTAssertEqual(party.partyId, 7)
        XCTAssertEqual(party.degree, 2)
        XCTAssertFalse(Reencryptor(keyID: keyID, decryptor: F.NoDecryptor(), signer: signer).isThresholdParty)
    }

    func testAThresholdPartyHasNoClearValueToSend() throws {
        let keyID = try KeyID(bytes: [UInt8](repeating: 1, count: 20))
        let party = try Reencryptor(keyID: keyID, decryptor: F.NoDecryptor(), signer: KMSSigner(key: try F.server()),
                                    partyId: 2, degree: 1)
        let user = try F.userRequest(F.handle(.euint8))
        let request = try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: [1, 2, 3], keyID: keyID, chainId: F.chainId)
        XCTAssertThrowsError(try party.reencrypt(request)) {
            XCTAssertEqual($0 as? ReencryptionError, .thresholdPartyHasNoClearValue)
        }
    }

    func testResponseCarriesTheSignedSharesPartyAndDegree() throws {
        var g = TestSeed.generator()
        let keyID = try KeyID(bytes: [UInt8](repeating: 1, count: 20))
        let party = try Reencryptor(keyID: keyID, decryptor: F.NoDecryptor(), signer: KMSSigner(key: try F.server()),
                                    partyId: 3, degree: 1)
        let user = try F.userRequest(F.handle(.euint16))
        let request = try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: [9], keyID: keyID, chainId: F.chainId)
        let shares = (0..<8).map { _ in GaloisRingElement<GaloisRing128Degree4>.random(using: &g) }
        let response = try party.respond(shares: shares, fheType: .euint16, to: request.validate(),
                                         ciphertextDigest: request.ciphertextDigest)
        let payload = try response.decodedPayload()
        XCTAssertEqual(payload.partyId, 3)
        XCTAssertEqual(payload.degree, 1)
        XCTAssertEqual(payload.fheType, .euint16)
        let server = ServerVerificationKey(try F.server().publicKey)
        XCTAssertTrue(server.publicKey.isValidSignature(response.signature, sha256Of: response.payload))
        let message = try Signcryption.unsigncrypt(SigncryptionCipher(bincode: payload.signcryptedCiphertext),
                                                   clientAddress: user.userAddress, clientKey: F.userBoxKey(), serverKey: server)
        let inner = try SigncryptionPayload(bincode: message, maxPlaintextByteCount: 1 << 16)
        XCTAssertEqual(inner.link, payload.digest)
        XCTAssertEqual(inner.plaintext.fheType, .euint16)
        // u64 count 8, then 8 elements of 4 little-endian u128 coefficients.
        XCTAssertEqual(inner.plaintext.bytes.count, 8 + 8 * 64)
        XCTAssertEqual(Array(inner.plaintext.bytes.prefix(8)), [8, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(try GaloisRingElement<GaloisRing128Degree4>.decodeVector(inner.plaintext.bytes, maxCount: 8), shares)
        // The centralized reader refuses share bytes as a value.
        XCTAssertThrowsError(try SigncryptionPayload(bincode: message))
    }
}
