import KMSTestSupport
import XCTest
@testable import KMSCore

/// Threshold reencryption with dealer-shared keys: each party switches and squashes the real
/// ciphertext, floods its shares and signcrypts them; the user's `ReencryptionClient` combines
/// the answers (our parties with our client: consistency, not interop with fhevmjs).
final class ThresholdReencryptorEndToEndTests: XCTestCase {
    typealias F = ReencryptionFixtures

    func parties(n: Int, t: Int, degree: ThresholdRingDegree, _ g: inout SeededGenerator) throws -> [ThresholdReencryptor] {
        let keys = try NoiseSquashingTests.testKeys()
        let shares = try ThresholdFixtures.shares(keys, n: n, t: t, degree: degree, &g)
        return try shares.map { share in
            try ThresholdReencryptor(share: share, signer: KMSSigner(key: g.secp256k1Key()), serverKey: keys.server, squashingKey: keys.key)
        }
    }

    func testRealCiphertextsThroughFourPartiesAllAnsweringOrOneMissing() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let parties = try parties(n: 4, t: 1, degree: .eight, &g)
        let client = ReencryptionClient(encryptionKey: try F.userBoxKey(), trustedSigners: parties.map(\.signer.address))
        for type in [FheType.ebool, .euint8, .euint32] {
            let value = try ClearValue.random(type, using: &g)
            let ct = try CiphertextFile(keyID: ThresholdFixtures.keyID, ciphertext: keys.client.encrypt(value, randomness: g.tfheRandomness())).encoded()
            let user = try F.userRequest(F.handle(type))
            let request = try F.kmsRequest(user, ciphertext: ct, keyID: ThresholdFixtures.keyID)
            let responses = try parties.map { try $0.reencrypt(request) }
            XCTAssertEqual(try client.decrypt(responses.shuffled(using: &g), for: user), value, "\(type)")
            // Party 4 silent: 2t + 1 = 3 answers are enough.
            XCTAssertEqual(try client.decrypt(Array(responses.prefix(3)), for: user), value)
            // The same request gets the same shares (the session is bound to the request).
            let again = try parties[0].reencrypt(request)
            XCTAssertEqual(try ReencryptionResponsePayload(bincode: again.payload).partyId, 1)
        }
        // A type that is not the handle's is refused.
        let ct8 = try CiphertextFile(keyID: ThresholdFixtures.keyID, ciphertext: keys.client.encrypt(try ClearValue(type: .euint8, 1))).encoded()
        XCTAssertThrowsError(try parties[0].reencrypt(F.kmsRequest(F.userRequest(F.handle(.euint16)), ciphertext: ct8, keyID: ThresholdFixtures.keyID)))
    }

    func testEveryTypeWithDirectlySquashedValuesAtSevenPartiesTwoThreshold() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let parties = try parties(n: 7, t: 2, degree: .four, &g)
        let client = ReencryptionClient(encryptionKey: try F.userBoxKey(), trustedSigners: parties.map(\.signer.address), ringDegree: .four)
        for type in FheType.allCases {
            let value = try ClearValue.random(type, using: &g)
            let squashed = try ThresholdFixtures.directlySquashed(value, keys, &g)
            let user = try F.userRequest(F.handle(type))
            let request = try F.kmsRequest(user, ciphertext: Array("ct-\(type)".utf8), keyID: ThresholdFixtures.keyID)
            let checked = try request.validate()
            var responses = try parties.map { try $0.respond(squashed: squashed, to: checked, request: request) }
            // Two parties missing: still 2t + 1 = 5.
            responses.removeFirst(2)
            let result = try client.decryptWithReport(responses, for: user)
            XCTAssertEqual(result.value, value, "\(type)")
        }
    }
}
