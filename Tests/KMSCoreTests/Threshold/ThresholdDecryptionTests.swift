import KMSTestSupport
import XCTest
@testable import KMSCore

/// Threshold decryption end to end with dealer-shared keys: real switch-and-squash of values
/// under the `test` set, partial decryptions with noise flooding, robust combination with lying
/// and missing parties, for both ring degrees. The values are our own encryptions: this proves
/// consistency of our parties and combiner with each other and with the centralized key.
final class ThresholdDecryptionTests: XCTestCase {
    typealias Keys = NoiseSquashingTests.SquashingKeys

    func testSwitchAndSquashDecryptsThroughFourPartiesOneThreshold() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let shares = try ThresholdFixtures.shares(keys, n: 4, t: 1, &g)
        let decryptor = try ThresholdDecryptor(shares: shares, serverKey: keys.server, squashingKey: keys.key)
        for type in [FheType.ebool, .euint8, .euint16] {
            let value = try ClearValue.random(type, using: &g)
            let ct = try keys.client.encrypt(value, randomness: g.tfheRandomness())
            let squashed = try keys.key.switchAndSquash(ct, serverKey: keys.server)
            XCTAssertEqual(try keys.privateKey.decrypt(squashed), value, "centralized decryption of \(type)")
            let opening = try decryptor.open([ct])
            XCTAssertEqual(opening.values, [value], "\(type)")
            XCTAssertEqual(opening.corruptedParties, [])
            XCTAssertEqual(opening.missingParties, [])
        }
    }

    func testEveryTypeOpensWithLiarsAndMissingPartiesForBothRingDegrees() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        // Every type at (4, 1); the (7, 2) run takes a few (debug builds open blocks slowly).
        let few: [FheType] = [.ebool, .euint4, .euint64, .eaddress]
        for (n, t, degree, types) in [(4, 1, ThresholdRingDegree.eight, FheType.allCases), (7, 2, .four, few)] {
            let shares = try ThresholdFixtures.shares(keys, n: n, t: t, degree: degree, &g)
            let values = try types.map { try ClearValue.random($0, using: &g) }
            let squashed = try values.map { try ThresholdFixtures.directlySquashed($0, keys, &g) }
            let session = try ThresholdSessionID(bytes: g.bytes(16))
            var partials = try shares.map { try $0.partialDecrypt(squashed, session: session) }
            partials.shuffle(using: &g)
            // Everyone honest.
            var opening = try ThresholdCombiner.combine(partials, key: shares[0].info, session: session)
            XCTAssertEqual(opening.values, values, "(\(n),\(t)) \(degree)")
            XCTAssertEqual(opening.corruptedParties, [])
            // t parties send garbage shares of the right shape.
            let liars = Array(partials.prefix(t))
            var withLiars = Array(partials.dropFirst(t))
            for liar in liars {
                withLiars.append(ThresholdPartialDecryption(keyID: liar.keyID, session: session, partyID: liar.partyID, ringDegree: degree,
                                                            values: liar.values.map { .init(type: $0.type, shares: $0.shares.map { _ in g.next() }) }))
            }
            opening = try ThresholdCombiner.combine(withLiars, key: shares[0].info, session: session)
            XCTAssertEqual(opening.values, values)
            XCTAssertEqual(opening.corruptedParties, liars.map(\.partyID).sorted())
            // t parties missing.
            opening = try ThresholdCombiner.combine(Array(partials.dropFirst(t)), key: shares[0].info, session: session)
            XCTAssertEqual(opening.values, values)
            XCTAssertEqual(opening.missingParties, partials.prefix(t).map(\.partyID).sorted())
            // t + 1 missing: a typed error.
            XCTAssertThrowsError(try ThresholdCombiner.combine(Array(partials.dropFirst(t + 1)), key: shares[0].info, session: session)) {
                XCTAssertEqual($0 as? ThresholdError, .notEnoughShares(needed: n - t, got: n - t - 1))
            }
        }
    }

    func testMisfitPartialsAreSetAsideAndNamed() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let shares = try ThresholdFixtures.shares(keys, n: 4, t: 1, &g)
        let value = try ClearValue.random(.euint32, using: &g)
        let squashed = try ThresholdFixtures.directlySquashed(value, keys, &g)
        let session = try ThresholdSessionID(bytes: g.bytes(16))
        var partials = try shares.map { try $0.partialDecrypt([squashed], session: session) }
        // Party 2 answers another session: its masks do not cancel; it is set aside.
        partials[1] = try shares[1].partialDecrypt([squashed], session: ThresholdSessionID(bytes: g.bytes(16)))
        let opening = try ThresholdCombiner.combine(partials, key: shares[0].info, session: session)
        XCTAssertEqual(opening.values, [value])
        XCTAssertEqual(opening.corruptedParties, [2])
        // Two partials claiming one party: refused.
        XCTAssertThrowsError(try ThresholdCombiner.combine(partials + [partials[0]], key: shares[0].info, session: session)) {
            XCTAssertEqual($0 as? ThresholdError, .duplicateParty(1))
        }
    }

    func testMasksAreADegreeTSharingOfBoundedNoise() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let shares = try ThresholdFixtures.shares(keys, n: 4, t: 1, &g)
        let parameters = shares[0].parameters
        let session = try ThresholdSessionID(bytes: g.bytes(16))
        let streams = try shares.map { try NoiseFloodingMask<GaloisRing128Degree8>(party: $0.partyID, keys: $0.maskKeys, parameters: parameters, session: session) }
        for _ in 0..<4 {
            let masks = streams.enumerated().map { ShamirShare(partyID: $0.offset + 1, value: $0.element.next()) }
            let opened = try RobustReconstruction.open(masks, parties: 4, degree: 1, threshold: 1)
            XCTAssertEqual(opened.corruptedParties, [])
            XCTAssertTrue((1..<8).allSatisfy { opened.secret[$0] == U128(0) })
            // |noise| < C(4,1)·2·2^110 = 2^113.
            let s = opened.secret[0]
            let magnitude = s.high >> 63 == 1 ? U128(0) &- s : s
            XCTAssertLessThan(magnitude, U128.one << 113)
            XCTAssertGreaterThan(magnitude, U128.one << 100)
        }
    }

    func testKeyShareFileRoundTripAndHostileBytes() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let share = try ThresholdFixtures.shares(keys, n: 4, t: 1, &g)[2]
        let bytes = share.bytes
        let again = try ThresholdKeyShare(bytes: bytes)
        XCTAssertEqual(again.bytes, bytes)
        XCTAssertEqual(again.info, share.info)
        XCTAssertFalse(String(describing: share).contains(String(share.squashingKeyShares[0])))
        XCTAssertThrowsError(try ThresholdKeyShare(bytes: Array(bytes.dropLast())))
        XCTAssertThrowsError(try ThresholdKeyShare(bytes: bytes + [0]))
        var wrongParty = bytes
        wrongParty[ThresholdKeyShare.magic.count + 4 + 20 + 9] = 9   // party id 9 of 4
        XCTAssertThrowsError(try ThresholdKeyShare(bytes: wrongParty))
        // Moduli the share's public facts refuse (message 2^9): a typed error, not a trap.
        var wideModulus = bytes
        let messageAt = ThresholdKeyShare.magic.count + 4 + 20 + 4 + 4 + 1 + 4
        wideModulus.replaceSubrange(messageAt..<messageAt + 4, with: [0, 2, 0, 0])
        XCTAssertThrowsError(try ThresholdKeyShare(bytes: wideModulus))
        var hugeCount = bytes
        let countAt = ThresholdKeyShare.magic.count + 4 + 20 + 4 + 4 + 1 + 12
        for i in 0..<8 { hugeCount[countAt + i] = 0xFF }
        XCTAssertThrowsError(try ThresholdKeyShare(bytes: hugeCount))
        for _ in 0..<200 {
            var fuzzed = bytes
            fuzzed[Int(g.next() % UInt64(min(fuzzed.count, 200)))] ^= UInt8(truncatingIfNeeded: g.next() | 1)
            _ = try? ThresholdKeyShare(bytes: fuzzed)
        }
    }

    func testPartialDecryptionMessageRoundTripAndHostileBytes() throws {
        var g = TestSeed.generator()
        let keys = try NoiseSquashingTests.testKeys()
        let share = try ThresholdFixtures.shares(keys, n: 4, t: 1, &g)[0]
        let squashed = try ThresholdFixtures.directlySquashed(try ClearValue(type: .euint8, 77), keys, &g)
        let partial = try share.partialDecrypt([squashed], session: ThresholdSessionID(bytes: g.bytes(16)))
        XCTAssertEqual(try ThresholdPartialDecryption(bytes: partial.bytes), partial)
        XCTAssertThrowsError(try ThresholdPartialDecryption(bytes: Array(partial.bytes.dropLast(3))))
        XCTAssertThrowsError(try ThresholdPartialDecryption(bytes: partial.bytes + [1]))
        for _ in 0..<200 {
            var fuzzed = partial.bytes
            fuzzed[Int(g.next() % UInt64(min(fuzzed.count, 120)))] ^= UInt8(truncatingIfNeeded: g.next() | 1)
            _ = try? ThresholdPartialDecryption(bytes: fuzzed)
        }
    }

    func testParametersRefuseShapesThatCannotBeRobust() {
        XCTAssertThrowsError(try ThresholdParameters(parties: 3, threshold: 1))
        XCTAssertThrowsError(try ThresholdParameters(parties: 16, threshold: 1, ringDegree: .four))
        XCTAssertThrowsError(try ThresholdParameters(parties: 40, threshold: 13))   // C(40,13) sets
        XCTAssertNoThrow(try ThresholdParameters(parties: 13, threshold: 4, ringDegree: .four))
        XCTAssertEqual(MaskKey.sets(parties: 4, threshold: 1), [[1, 2, 3], [1, 2, 4], [1, 3, 4], [2, 3, 4]])
        XCTAssertEqual(MaskKey.sets(parties: 7, threshold: 2).count, 21)
    }
}
