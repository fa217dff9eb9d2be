import KMSTestSupport
import XCTest
@testable import KMSCore

/// The client's threshold path against simulated parties (`ThresholdTestParties`): these tests
/// show consistency with our reading of kms.md §3.6 / §4.4–4.6, not interoperability with a real
/// threshold KMS.
final class ThresholdReencryptionCombinationTests: XCTestCase {
    typealias P = ThresholdTestParties

    /// (t, ring) pairs: n = 4 and n = 7, both ring degrees.
    static let setups: [(Int, ThresholdRingDegree)] = [(1, .eight), (2, .eight), (1, .four), (2, .four)]

    /// The types tried in setup `k`: the nine types up to 256 bits, and one of the three ebytes
    /// types (256 to 1024 blocks, the slow part in debug builds) in turn, so that every scenario
    /// sees all twelve types.
    static func types(setup k: Int) -> [FheType] {
        let heavy: [FheType] = [.ebytes64, .ebytes128, .ebytes256]
        return FheType.allCases.filter { !heavy.contains($0) } + [heavy[k % heavy.count]]
    }

    func assertRefused(_ client: ReencryptionClient, _ responses: [ReencryptionResponse], _ user: UserReencryptionRequest,
                       _ expected: ReencryptionError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try client.decrypt(responses, for: user), file: file, line: line) {
            XCTAssertEqual($0 as? ReencryptionError, expected, file: file, line: line)
        }
    }

    // MARK: Decryption

    func testAllTypesDecryptFromAllResponsesInAnyOrder() throws {
        var g = TestSeed.generator()
        for (k, (t, ring)) in Self.setups.enumerated() {
            let parties = try P(degree: t, ring: ring)
            for type in Self.types(setup: k) {
                let value = try ClearValue.random(type, using: &g)
                let (user, _, responses) = try parties.answer(value, using: &g)
                let result = try parties.client().decryptWithReport(responses.shuffled(using: &g), for: user)
                XCTAssertEqual(result, ReencryptionResult(value: value), "\(type) t=\(t) \(ring)")
            }
        }
    }

    func testExtremeValuesAndTheGatewayJSON() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 1, ring: .eight)
        for type in Self.types(setup: 0) {
            for value in [try ClearValue(type: type, 0), ClearValue.max(type)] {
                let (user, _, responses) = try parties.answer(value, using: &g)
                let answer = try GatewayReencryptionResponse(json: Array(GatewayReencryptionResponse.success(responses).json.utf8))
                XCTAssertEqual(try parties.client().decrypt(answer, for: user), value, "\(type)")
            }
        }
    }

    func testUpToTMissingPartiesAreErasures() throws {
        var g = TestSeed.generator()
        for (k, (t, ring)) in Self.setups.enumerated() {
            let parties = try P(degree: t, ring: ring)
            for type in Self.types(setup: k) {
                let value = try ClearValue.random(type, using: &g)
                let (user, _, responses) = try parties.answer(value, using: &g)
                let kept = Array(responses.shuffled(using: &g).dropFirst(t))
                XCTAssertEqual(try parties.client().decryptWithReport(kept, for: user), ReencryptionResult(value: value),
                               "\(type) t=\(t) \(ring)")
            }
        }
    }

    func testGarbageSharesAreCorrectedAndTheirPartiesNamed() throws {
        var g = TestSeed.generator()
        for (k, (t, ring)) in Self.setups.enumerated() {
            let parties = try P(degree: t, ring: ring)
            for type in Self.types(setup: k) {
                let liars = Set((1...parties.count).shuffled(using: &g).prefix(t))
                let value = try ClearValue.random(type, using: &g)
                let (user, _, responses) = try parties.answer(value, behaviour: .garbage(liars), using: &g)
                let result = try parties.client().decryptWithReport(responses.shuffled(using: &g), for: user)
                XCTAssertEqual(result.value, value, "\(type) t=\(t) \(ring)")
                XCTAssertEqual(result.corruptedParties, liars.sorted().map(UInt32.init), "\(type) t=\(t) \(ring)")
                XCTAssertEqual(result.discardedParties, [])
            }
        }
    }

    func testOneMissingAndOneLiarWhenTIsTwo() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 2, ring: .eight)
        let value = try ClearValue.random(.euint64, using: &g)
        let (user, _, responses) = try parties.answer(value, behaviour: .garbage([3]), using: &g)
        let result = try parties.client().decryptWithReport(responses.filter { $0 != responses[5] }, for: user)
        XCTAssertEqual(result, ReencryptionResult(value: value, corruptedParties: [3]))
    }

    func testAPartyWithACorruptedSigncryptionCountsAsMissing() throws {
        var g = TestSeed.generator()
        for (t, ring) in Self.setups {
            let parties = try P(degree: t, ring: ring)
            let value = try ClearValue.random(.euint32, using: &g)
            let (user, request, original) = try parties.answer(value, using: &g)
            var responses = original
            // Party 2's box is altered (and the payload signed again by party 2).
            responses[1] = try parties.resigned(responses[1], by: 2) { p in
                var c = try SigncryptionCipher(bincode: p.signcryptedCiphertext)
                c.box[40] ^= 1
                p.signcryptedCiphertext = c.bincode
            }
            let one = try parties.client().decryptWithReport(responses.shuffled(using: &g), for: user)
            XCTAssertEqual(one, ReencryptionResult(value: value, discardedParties: [2]), "t=\(t) \(ring)")
            // Party 3's box opens but holds no share vector: discarded too.
            responses[2] = try parties.reencryptor(3).respond(plaintext: KMSPlaintext(bytes: [1, 2, 3], fheType: .euint32),
                                                              to: request.validate(), fheType: .euint32,
                                                              ciphertextDigest: request.ciphertextDigest)
            if t == 1 {
                // Two unusable parties of four: more than t missing.
                assertRefused(try parties.client(), responses, user, .notEnoughResponses(usable: 2, needed: 3))
            } else {
                let two = try parties.client().decryptWithReport(responses.shuffled(using: &g), for: user)
                XCTAssertEqual(two, ReencryptionResult(value: value, discardedParties: [2, 3]), "t=\(t) \(ring)")
            }
        }
    }

    func testAPartyEncryptingToAnotherLinkOrTypeIsDiscarded() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 1, ring: .eight)
        let value = try ClearValue.random(.euint16, using: &g)
        let (user, request, responses) = try parties.answer(value, using: &g)
        // Party 4 signcrypts shares for another ciphertext (inner link) but signs the right outer digest.
        var other = request
        other.ciphertext = Array("another ciphertext".utf8)
        other.ciphertextDigest = SHA3.hash256(other.ciphertext ?? [])
        let shares = try P.shares(GaloisRing128Degree8.self, value, parties: 4, degree: 1, behaviour: .honest, using: &g)
        let wrongLink = try parties.reencryptor(4).respond(shares: shares[3], fheType: .euint16, to: other.validate(),
                                                           ciphertextDigest: request.ciphertextDigest)
        let relinked = try parties.resigned(wrongLink, by: 4) { p in p.digest = try responses[0].decodedPayload().digest }
        let result = try parties.client().decryptWithReport(Array(responses[0..<3]) + [relinked], for: user)
        XCTAssertEqual(result, ReencryptionResult(value: value, discardedParties: [4]))
    }

    // MARK: Too much damage

    func testTooManyLiarsOrMissingPartiesFailWithATypedError() throws {
        var g = TestSeed.generator()
        for (t, ring) in Self.setups {
            let parties = try P(degree: t, ring: ring)
            let value = try ClearValue.random(.euint8, using: &g)
            // t + 1 liars.
            let (user, _, lying) = try parties.answer(value, behaviour: .garbage(Set(1...(t + 1))), using: &g)
            XCTAssertThrowsError(try parties.client().decrypt(lying, for: user), "t=\(t) \(ring)") {
                guard case .shareReconstructionFailed = $0 as? ReencryptionError else { return XCTFail("\($0)") }
            }
            // t missing and one liar.
            XCTAssertThrowsError(try parties.client().decrypt(Array(lying.prefix(1) + lying.dropFirst(t + 1)), for: user)) {
                guard case .shareReconstructionFailed = $0 as? ReencryptionError else { return XCTFail("\($0)") }
            }
            // t + 1 missing.
            let (_, _, honest) = try parties.answer(value, using: &g)
            assertRefused(try parties.client(), Array(honest.dropFirst(t + 1)), user,
                          .notEnoughResponses(usable: 2 * t, needed: 2 * t + 1))
        }
    }

    func testANonConstantSecretIsRefused() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 1, ring: .four)
        let (user, _, responses) = try parties.answer(try ClearValue(type: .euint8, 7), behaviour: .nonConstantSecret, using: &g)
        assertRefused(try parties.client(), responses, user, .nonConstantBlock(block: 0))
    }

    func testSharesOfTheOtherRingAreUnusable() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 1, ring: .eight)
        let (user, _, responses) = try parties.answer(try ClearValue(type: .euint8, 7), using: &g)
        // D = 8 share vectors (128-byte elements) do not parse as D = 4 ones: every party is discarded.
        XCTAssertThrowsError(try parties.client(ring: .four).decrypt(responses, for: user)) {
            guard case .notEnoughResponses(usable: 0, needed: 3) = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
    }

    // MARK: Outer checks

    func testOuterChecksEachHaveTheirError() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 1, ring: .eight)
        let value = try ClearValue(type: .euint8, 200)
        let (user, _, r) = try parties.answer(value, using: &g)
        let client = try parties.client()

        // Untrusted signer.
        let stranger = KMSSigner(key: g.secp256k1Key())
        assertRefused(try parties.client(trusted: Array(parties.addresses.dropLast())), r, user,
                      .untrustedServer(address: parties.addresses[3].checksummed))
        // Party 4's payload signed by a stranger: the signature does not verify with party 4's key.
        var forged = r
        forged[3] = ReencryptionResponse(signature: stranger.key.signSHA256(message: r[3].payload), payload: r[3].payload,
                                         ciphertextDigest: r[3].ciphertextDigest)
        assertRefused(client, forged, user, .invalidResponseSignature)
        // Duplicate party id: party 2's key claims party id 1.
        forged = r
        forged[1] = try parties.resigned(r[1], by: 2) { $0.partyId = 1 }
        assertRefused(client, forged, user, .duplicatePartyId(1))
        // The same party twice.
        assertRefused(client, r + [r[0]], user, .duplicatePartyId(1))
        // The same key for two party ids.
        forged = r
        forged[1] = try parties.resigned(r[0], by: 1) { $0.partyId = 2 }
        assertRefused(client, forged, user, .duplicateServer(address: parties.addresses[0].checksummed))
        // Party id out of range.
        for bad: UInt32 in [0, 5] {
            forged = r
            forged[2] = try parties.resigned(r[2], by: 3) { $0.partyId = bad }
            assertRefused(client, forged, user, .partyIdOutOfRange(partyId: bad, degree: 1))
        }
        // Mixed degrees.
        forged = r
        forged[2] = try parties.resigned(r[2], by: 3) { $0.degree = 2 }
        assertRefused(client, forged, user, .responseDegreeMismatch(response: 2, degree: 2, expected: 1))
        // Mixed types.
        forged = r
        forged[3] = try parties.resigned(r[3], by: 4) { $0.fheType = .euint16 }
        assertRefused(client, forged, user, .responseFheTypeMismatch(response: 3, fheType: .euint16, expected: .euint8))
        // Mixed versions (the pivot's version must be 1).
        forged = r
        forged[1] = try parties.resigned(r[1], by: 2) { $0.version = 2 }
        assertRefused(client, forged, user, .responseVersionMismatch(response: 1, version: 2, expected: 1))
        forged[0] = try parties.resigned(r[0], by: 1) { $0.version = 2 }
        assertRefused(client, Array(forged[0...1]), user, .unsupportedResponseVersion(2))
        // A digest that differs from the pivot's.
        forged = r
        forged[1] = try parties.resigned(r[1], by: 2) { $0.digest[0] ^= 1 }
        assertRefused(client, forged, user, .responseDigestMismatch(response: 1))
        // A broken payload.
        forged = r
        forged[2].payload.removeLast()
        XCTAssertThrowsError(try client.decrypt(forged, for: user)) {
            guard case .malformedResponsePayload = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
        // The handle's type differs from the responses'.
        let other = try ReencryptionFixtures.userRequest(ReencryptionFixtures.handle(.euint16))
        assertRefused(client, r, other, .fheTypeMismatch(expected: .euint16, actual: .euint8))
    }

    func testAllPartiesAnsweringForAnotherCiphertextIsALinkMismatch() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 1, ring: .eight)
        let (user, _, r) = try parties.answer(try ClearValue(type: .euint8, 9), ciphertext: Array("x".utf8), using: &g)
        // The gateway's digest is what the client links with: change it in every element.
        let moved = r.map { ReencryptionResponse(signature: $0.signature, payload: $0.payload, ciphertextDigest: SHA3.hash256([1])) }
        assertRefused(try parties.client(), moved, user, .linkMismatch)
    }

    func testDegreeBeyondTheRingIsRefused() throws {
        var g = TestSeed.generator()
        let parties = try P(degree: 1, ring: .four)
        let (user, _, r) = try parties.answer(try ClearValue(type: .euint8, 9), using: &g)
        let forged = try (0..<4).map { i in try parties.resigned(r[i], by: i + 1) { $0.degree = 5 } }
        assertRefused(try parties.client(), forged, user, .unsupportedDegree(5, ringDegree: .four))
        XCTAssertEqual(ReencryptionError.unsupportedDegree(5, ringDegree: .four).description,
                       "sharing degree 5 needs 16 parties, more than the 15 the ring (D=4) allows")
    }

    func testErrorTextsNameNoShareValues() throws {
        let errors: [ReencryptionError] = [
            .shareReconstructionFailed(block: 3, .tooManyErrors), .nonConstantBlock(block: 0),
            .notEnoughResponses(usable: 2, needed: 3), .partyIdOutOfRange(partyId: 9, degree: 2),
        ]
        XCTAssertEqual(errors.map(\.description), [
            "shares of block 3 cannot be opened: too many wrong shares to correct",
            "opened block 0 is not a constant ring element",
            "2 usable threshold responses, at least 3 needed",
            "party id 9 is outside 1...7 (sharing degree 2)",
        ])
    }
}
