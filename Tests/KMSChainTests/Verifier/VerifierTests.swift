@testable import KMSPrimitives
import XCTest
@testable import KMSChain

/// Each check of the verifier failing alone, on otherwise valid, correctly signed blocks.
final class VerifierTests: XCTestCase {
    let chain = TestChainBuilder()
    let v = (0..<4).map { TestSigner.ed25519(UInt8($0 + 1)) }
    var members: [(TestSigner, Int64)] { [(v[0], 10), (v[1], 10), (v[2], 10), (v[3], 10)] }
    var verifier: Verifier { Verifier(options: VerificationOptions(trustingPeriod: .seconds(3600))) }
    var now: Timestamp { chain.time(100) }

    private func assertInvalid(_ verdict: Verdict, _ check: (InvalidReason) -> Bool, file: StaticString = #filePath, line: UInt = #line) {
        guard case .invalid(let reason) = verdict, check(reason) else {
            return XCTFail("unexpected verdict \(verdict)", file: file, line: line)
        }
    }

    func testValidAdjacentAndSkipping() {
        let trusted = chain.block(height: 1, validators: members)
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 2, validators: members), trusted: trusted, now: now), .success)
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 7, validators: members), trusted: trusted, now: now), .success)
        XCTAssertEqual(verifier.verifyAdjacent(untrusted: chain.block(height: 2, validators: members), trusted: trusted, now: now), .success)
        XCTAssertEqual(verifier.verifySkipping(untrusted: chain.block(height: 7, validators: members), trusted: trusted, now: now), .success)
    }

    func testWrongModeIsRejected() {
        let trusted = chain.block(height: 1, validators: members)
        assertInvalid(verifier.verifyAdjacent(untrusted: chain.block(height: 3, validators: members), trusted: trusted, now: now)) {
            if case .wrongVerificationMode(3, 1, true) = $0 { true } else { false }
        }
        assertInvalid(verifier.verifySkipping(untrusted: chain.block(height: 2, validators: members), trusted: trusted, now: now)) {
            if case .wrongVerificationMode(2, 1, false) = $0 { true } else { false }
        }
    }

    func testWrongChainID() {
        let trusted = chain.block(height: 1, validators: members)
        let other = chain.block(height: 2, validators: members, chainID: "other-chain")
        assertInvalid(verifier.verify(untrusted: other, trusted: trusted, now: now)) {
            $0 == .chainIDMismatch(untrusted: "other-chain", trusted: "test-chain")
        }
    }

    func testExpiredTrustedHeader() {
        let trusted = chain.block(height: 1, validators: members)
        let untrusted = chain.block(height: 2, validators: members)
        let expiry = trusted.time.adding(.seconds(3600))!
        assertInvalid(verifier.verify(untrusted: untrusted, trusted: trusted, now: expiry)) {
            $0 == .trustedHeaderExpired(expiresAt: expiry, now: expiry)
        }
        // One nanosecond earlier it is still within the trusting period.
        XCTAssertEqual(verifier.verify(untrusted: untrusted, trusted: trusted, now: expiry.adding(.nanoseconds(-1))!), .success)
    }

    func testHeaderFromTheFuture() {
        let trusted = chain.block(height: 1, validators: members)
        let untrusted = chain.block(height: 2, validators: members)
        let limit = untrusted.time.adding(.seconds(-10))!   // now + 10 s drift == header time: rejected
        assertInvalid(verifier.verify(untrusted: untrusted, trusted: trusted, now: limit)) {
            if case .headerFromFuture = $0 { true } else { false }
        }
        XCTAssertEqual(verifier.verify(untrusted: untrusted, trusted: trusted, now: limit.adding(.nanoseconds(1))!), .success)
    }

    func testNonMonotonicHeightAndTime() {
        let trusted = chain.block(height: 5, validators: members)
        assertInvalid(verifier.verify(untrusted: chain.block(height: 3, validators: members), trusted: trusted, now: now)) {
            if case .nonMonotonicBFTTime = $0 { true } else { false }
        }
        let sameTimeLater = chain.block(height: 6, validators: members, time: trusted.time)
        assertInvalid(verifier.verify(untrusted: sameTimeLater, trusted: trusted, now: now)) {
            if case .nonMonotonicBFTTime = $0 { true } else { false }
        }
        // Lower height but later time: the height check catches it.
        let lower = chain.block(height: 4, validators: members, time: chain.time(6))
        assertInvalid(verifier.verify(untrusted: lower, trusted: trusted, now: now)) {
            $0 == .nonIncreasingHeight(untrusted: 4, trusted: 5)
        }
        let same = chain.block(height: 5, validators: members, time: chain.time(6))
        assertInvalid(verifier.verify(untrusted: same, trusted: trusted, now: now)) {
            $0 == .nonIncreasingHeight(untrusted: 5, trusted: 5)
        }
    }

    func testHeaderHashMismatch() {
        let trusted = chain.block(height: 1, validators: members)
        var untrusted = chain.block(height: 2, validators: members)
        untrusted.signedHeader.header.appHash = [9, 9, 9]
        assertInvalid(verifier.verify(untrusted: untrusted, trusted: trusted, now: now)) {
            if case .invalidCommitValue = $0 { true } else { false }
        }
    }

    func testValidatorAndNextValidatorHashMismatch() {
        let trusted = chain.block(height: 1, validators: members)
        var untrusted = chain.block(height: 2, validators: members)
        untrusted.validators = chain.validatorSet(Array(members.prefix(3)))
        assertInvalid(verifier.verify(untrusted: untrusted, trusted: trusted, now: now)) {
            if case .invalidValidatorSet = $0 { true } else { false }
        }
        var badNext = chain.block(height: 2, validators: members)
        badNext.nextValidators = chain.validatorSet(Array(members.prefix(2)))
        assertInvalid(verifier.verify(untrusted: badNext, trusted: trusted, now: now)) {
            if case .invalidNextValidatorSet = $0 { true } else { false }
        }
    }

    func testAdjacentValidatorSetMustBeTrustedNextSet() {
        let trusted = chain.block(height: 1, validators: members)      // next = members
        let changed = chain.block(height: 2, validators: Array(members.prefix(3)))
        assertInvalid(verifier.verify(untrusted: changed, trusted: trusted, now: now)) {
            if case .validatorSetChangedUnexpectedly = $0 { true } else { false }
        }
    }

    /// 4 validators of power 10; the new block is signed by 2 of them plus 2 newcomers.
    /// Trusted overlap: 20 of 40 (> 1/3) → success; 1 old signer of 4 (10/40 ≤ 1/3) → not enough trust.
    func testTrustOverlap() {
        let newcomers = [TestSigner.ed25519(50), TestSigner.ed25519(51), TestSigner.ed25519(52)]
        let trusted = chain.block(height: 1, validators: members)
        let half: [(TestSigner, Int64)] = [(v[0], 10), (v[1], 10), (newcomers[0], 10), (newcomers[1], 10)]
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 5, validators: half), trusted: trusted, now: now), .success)
        let quarter: [(TestSigner, Int64)] = [(v[0], 10), (newcomers[0], 10), (newcomers[1], 10), (newcomers[2], 10)]
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 5, validators: quarter), trusted: trusted, now: now),
                       .notEnoughTrust(VotingPowerTally(total: 40, tallied: 10, threshold: .oneThird)))
    }

    /// Exactly 1/3 of the trusted power (30 of 90) is not enough; one more unit is.
    func testExactlyOneThirdIsNotEnough() {
        let big: [(TestSigner, Int64)] = [(v[0], 30), (v[1], 30), (v[2], 30)]
        let trusted = chain.block(height: 1, validators: big)
        let fresh = [TestSigner.ed25519(60), TestSigner.ed25519(61)]
        let third = chain.block(height: 4, validators: [(v[0], 30), (fresh[0], 30), (fresh[1], 30)])
        XCTAssertEqual(verifier.verify(untrusted: third, trusted: trusted, now: now),
                       .notEnoughTrust(VotingPowerTally(total: 90, tallied: 30, threshold: .oneThird)))
        let trusted3 = chain.block(height: 1, validators: [(v[0], 31), (v[1], 30), (v[2], 29)])
        let withV0 = chain.block(height: 4, validators: [(v[0], 31), (fresh[0], 30), (fresh[1], 30)])
        XCTAssertEqual(verifier.verify(untrusted: withV0, trusted: trusted3, now: now), .success)
    }

    func testNotMoreThanTwoThirdsOfOwnSet() {
        let trusted = chain.block(height: 1, validators: members)
        let weak = chain.block(height: 2, validators: members, signers: [0, 1])   // 20 of 40
        assertInvalid(verifier.verify(untrusted: weak, trusted: trusted, now: now)) {
            $0 == .insufficientSignersOverlap(VotingPowerTally(total: 40, tallied: 20, threshold: .twoThirds))
        }
        let twoThirdsExactly = chain.block(height: 2, validators: [(v[0], 10), (v[1], 10), (v[2], 10)], signers: [0, 1])
        let trustedSmall = chain.block(height: 1, validators: [(v[0], 10), (v[1], 10), (v[2], 10)])
        assertInvalid(verifier.verify(untrusted: twoThirdsExactly, trusted: trustedSmall, now: now)) {
            if case .insufficientSignersOverlap = $0 { true } else { false }
        }
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 2, validators: members, signers: [0, 1, 2]),
                                       trusted: trusted, now: now), .success)
    }

    func testDuplicateValidatorSignatures() {
        let trusted = chain.block(height: 1, validators: members)
        var untrusted = chain.block(height: 2, validators: members)
        untrusted.signedHeader.commit.signatures[1] = untrusted.signedHeader.commit.signatures[0]
        assertInvalid(verifier.verify(untrusted: untrusted, trusted: trusted, now: now)) {
            $0 == .duplicateValidator(address: untrusted.signedHeader.commit.signatures[0].validatorAddress)
        }
    }

    func testUnknownSigner() {
        let trusted = chain.block(height: 1, validators: members)
        var untrusted = chain.block(height: 2, validators: members)
        let stranger = TestSigner.ed25519(99)
        untrusted.signedHeader.commit.signatures[2].validatorAddress = stranger.address
        assertInvalid(verifier.verify(untrusted: untrusted, trusted: trusted, now: now)) {
            if case .validatorAddressMismatch(2, _, stranger.address) = $0 { true } else { false }
        }
    }

    func testBadSignature() {
        let trusted = chain.block(height: 1, validators: members)
        var untrusted = chain.block(height: 2, validators: members)
        untrusted.signedHeader.commit.signatures[0].signature[10] ^= 0x40
        assertInvalid(verifier.verify(untrusted: untrusted, trusted: trusted, now: now)) {
            if case .invalidSignature(0, _) = $0 { true } else { false }
        }
    }

    func testCommitShapeErrors() {
        let trusted = chain.block(height: 1, validators: members)
        var short = chain.block(height: 2, validators: members)
        short.signedHeader.commit.signatures.removeLast()
        assertInvalid(verifier.verify(untrusted: short, trusted: trusted, now: now)) {
            $0 == .mismatchPreCommitLength(signatures: 3, validators: 4)
        }
        var none = chain.block(height: 2, validators: members)
        none.signedHeader.commit.signatures = Array(repeating: .absent, count: 4)
        assertInvalid(verifier.verify(untrusted: none, trusted: trusted, now: now)) { $0 == .noSignatureForCommit }
        var badHeight = chain.block(height: 2, validators: members)
        badHeight.signedHeader.commit.height = 3
        assertInvalid(verifier.verify(untrusted: badHeight, trusted: trusted, now: now)) {
            $0 == .commitHeightMismatch(header: 2, commit: 3)
        }
    }

    func testMalformedHeaders() {
        let trusted = chain.block(height: 1, validators: members)
        func mutated(_ change: (inout Header) -> Void) -> LightBlock {
            var b = chain.block(height: 2, validators: members)
            change(&b.signedHeader.header)
            return chain.resign(b, members: members)
        }
        assertInvalid(verifier.verify(untrusted: mutated { $0.version.block = 10 }, trusted: trusted, now: now)) {
            $0 == .unsupportedBlockVersion(10)
        }
        assertInvalid(verifier.verify(untrusted: mutated { $0.chainID = String(repeating: "x", count: 51) }, trusted: trusted, now: now)) {
            $0 == .chainIDTooLong(51)
        }
        assertInvalid(verifier.verify(untrusted: mutated { $0.dataHash = [1, 2, 3] }, trusted: trusted, now: now)) {
            $0 == .invalidHashLength(field: "data_hash", length: 3)
        }
        assertInvalid(verifier.verify(untrusted: mutated { $0.proposerAddress = [] }, trusted: trusted, now: now)) {
            $0 == .invalidProposerAddress(length: 0)
        }
    }

    func testMalformedValidatorSets() {
        let trusted = chain.block(height: 1, validators: members)
        var empty = chain.block(height: 2, validators: members)
        empty.validators = .empty
        assertInvalid(verifier.verify(untrusted: empty, trusted: trusted, now: now)) { $0 == .emptyValidatorSet }

        // An address not derived from the key (the set hash ignores addresses, so only this check catches it).
        var wrongAddress = chain.block(height: 2, validators: members)
        var vals = wrongAddress.validators.validators
        vals[0].address = [UInt8](repeating: 0, count: 20)
        wrongAddress.validators = ValidatorSet(vals)
        assertInvalid(verifier.verify(untrusted: wrongAddress, trusted: trusted, now: now)) {
            if case .malformedValidator(_, let r) = $0 { r.contains("derived") } else { false }
        }
    }

    func testMissingTrustedNextValidators() {
        let changing: [(TestSigner, Int64)] = [(v[0], 10), (v[1], 10), (v[2], 10)]
        var trusted = chain.block(height: 1, validators: members, next: changing)
        trusted.nextValidators = nil
        assertInvalid(verifier.verify(untrusted: chain.block(height: 5, validators: changing), trusted: trusted, now: now)) {
            $0 == .missingTrustedNextValidators
        }
        // When the header says the set does not change, the own set stands in for the next one.
        var stable = chain.block(height: 1, validators: members)
        stable.nextValidators = nil
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 5, validators: members), trusted: stable, now: now), .success)
    }

    /// A set mixing Ed25519 and secp256k1 validators verifies adjacent and skipping; a high-s
    /// secp256k1 signature is rejected.
    func testSecp256k1Validators() throws {
        let k = [TestSigner.secp256k1(1), TestSigner.secp256k1(2), TestSigner.ed25519(7)]
        let mixed: [(TestSigner, Int64)] = [(k[0], 10), (k[1], 20), (k[2], 5)]
        XCTAssertEqual(k[0].address, RIPEMD160.hash(Array(SHA256Digest.of(k[0].publicKey.bytes))))
        let trusted = chain.block(height: 1, validators: mixed)
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 2, validators: mixed), trusted: trusted, now: now), .success)
        XCTAssertEqual(verifier.verify(untrusted: chain.block(height: 9, validators: mixed), trusted: trusted, now: now), .success)

        // Replace s by n − s (same signature, high-s form): must be rejected.
        var highS = chain.block(height: 2, validators: mixed)
        let index = try XCTUnwrap(highS.validators.validators.firstIndex { $0.publicKey.algorithm == .secp256k1 })
        var sig = highS.signedHeader.commit.signatures[index].signature
        sig.replaceSubrange(32..<64, with: Secp256k1Order.negate(Array(sig[32..<64])))
        highS.signedHeader.commit.signatures[index].signature = sig
        assertInvalid(verifier.verify(untrusted: highS, trusted: trusted, now: now)) {
            if case .invalidSignature(index, _) = $0 { true } else { false }
        }
    }
}
