import XCTest
@testable import KMSChain

/// One test per predicate: it passes on good input and throws the right reason on bad input.
final class PredicatesTests: XCTestCase {
    let chain = TestChainBuilder()
    let v = (0..<3).map { TestSigner.ed25519(UInt8($0 + 20)) }
    var members: [(TestSigner, Int64)] { [(v[0], 5), (v[1], 7), (v[2], 9)] }

    private func t(_ s: Int64, _ n: Int32 = 0) -> Timestamp { try! Timestamp(seconds: s, nanos: n) }

    private func reason(_ body: () throws(VerificationError) -> Void) -> InvalidReason? {
        do { try body(); return nil } catch {
            if case .invalid(let r) = error { return r }
            return nil
        }
    }

    func testIsWithinTrustPeriod() throws {
        try Predicates.isWithinTrustPeriod(trustedTime: t(100), trustingPeriod: .seconds(10), now: t(109, 999_999_999))
        XCTAssertEqual(reason { () throws(VerificationError) in
            try Predicates.isWithinTrustPeriod(trustedTime: t(100), trustingPeriod: .seconds(10), now: t(110))
        }, .trustedHeaderExpired(expiresAt: t(110), now: t(110)))
    }

    func testIsHeaderFromPast() throws {
        try Predicates.isHeaderFromPast(untrustedTime: t(109, 999_999_999), clockDrift: .seconds(10), now: t(100))
        XCTAssertEqual(reason { () throws(VerificationError) in
            try Predicates.isHeaderFromPast(untrustedTime: t(110), clockDrift: .seconds(10), now: t(100))
        }, .headerFromFuture(time: t(110), now: t(100), clockDrift: .seconds(10)))
        XCTAssertNotNil(reason { () throws(VerificationError) in
            try Predicates.isHeaderFromPast(untrustedTime: t(100), clockDrift: .zero, now: t(100))
        })
    }

    func testIsMonotonicBFTTime() throws {
        try Predicates.isMonotonicBFTTime(untrusted: t(5, 1), trusted: t(5))
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isMonotonicBFTTime(untrusted: t(5), trusted: t(5)) },
                       .nonMonotonicBFTTime(untrusted: t(5), trusted: t(5)))
    }

    func testIsMonotonicHeight() throws {
        try Predicates.isMonotonicHeight(untrusted: 3, trusted: 2)
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isMonotonicHeight(untrusted: 2, trusted: 2) },
                       .nonIncreasingHeight(untrusted: 2, trusted: 2))
    }

    func testIsMatchingChainID() throws {
        try Predicates.isMatchingChainID(untrusted: "a", trusted: "a")
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isMatchingChainID(untrusted: "b", trusted: "a") },
                       .chainIDMismatch(untrusted: "b", trusted: "a"))
    }

    func testValidatorSetsMatch() throws {
        let b = chain.block(height: 1, validators: members)
        try Predicates.validatorSetsMatch(b.validators, header: b.signedHeader.header)
        let other = chain.validatorSet(Array(members.prefix(2)))
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.validatorSetsMatch(other, header: b.signedHeader.header) },
                       .invalidValidatorSet(headerHash: b.signedHeader.header.validatorsHash, computed: other.hash()))
    }

    func testNextValidatorsMatch() throws {
        let next = Array(members.prefix(2))
        let b = chain.block(height: 1, validators: members, next: next)
        try Predicates.nextValidatorsMatch(chain.validatorSet(next), header: b.signedHeader.header)
        XCTAssertNotNil(reason { () throws(VerificationError) in try Predicates.nextValidatorsMatch(b.validators, header: b.signedHeader.header) })
    }

    func testHeaderMatchesCommit() throws {
        var b = chain.block(height: 1, validators: members)
        try Predicates.headerMatchesCommit(b.signedHeader)
        b.signedHeader.header.height = 2
        guard case .invalidCommitValue? = reason({ () throws(VerificationError) in try Predicates.headerMatchesCommit(b.signedHeader) })
        else { return XCTFail("expected invalidCommitValue") }
    }

    func testIsValidNextValidatorSet() throws {
        let a = chain.block(height: 1, validators: members)
        try Predicates.isValidNextValidatorSet(untrusted: chain.block(height: 2, validators: members).signedHeader.header,
                                               trusted: a.signedHeader.header)
        let changed = chain.block(height: 2, validators: Array(members.prefix(2)))
        guard case .validatorSetChangedUnexpectedly? = reason({ () throws(VerificationError) in
            try Predicates.isValidNextValidatorSet(untrusted: changed.signedHeader.header, trusted: a.signedHeader.header)
        }) else { return XCTFail("expected validatorSetChangedUnexpectedly") }
    }

    func testIsWellFormedSignedHeader() throws {
        let b = chain.block(height: 1, validators: members)
        try Predicates.isWellFormed(b.signedHeader)
        var zeroHeight = b.signedHeader
        zeroHeight.header.height = 0
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isWellFormed(zeroHeight) }, .nonPositiveHeight(0))
        var negRound = b.signedHeader
        negRound.commit.round = -1
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isWellFormed(negRound) }, .negativeRound(-1))
        var noBlockID = b.signedHeader
        noBlockID.commit.blockID = .zero
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isWellFormed(noBlockID) }, .invalidCommitBlockID)
        var longSig = b.signedHeader
        longSig.commit.signatures[0].signature = [UInt8](repeating: 1, count: 65)
        guard case .malformedCommitSignature(0, _)? = reason({ () throws(VerificationError) in try Predicates.isWellFormed(longSig) })
        else { return XCTFail("expected malformedCommitSignature") }
        var shortAddress = b.signedHeader
        shortAddress.commit.signatures[1].validatorAddress = [1, 2]
        guard case .malformedCommitSignature(1, _)? = reason({ () throws(VerificationError) in try Predicates.isWellFormed(shortAddress) })
        else { return XCTFail("expected malformedCommitSignature") }
    }

    func testIsWellFormedValidatorSet() throws {
        try Predicates.isWellFormed(chain.validatorSet(members))
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isWellFormed(ValidatorSet.empty) }, .emptyValidatorSet)
        let dup = ValidatorSet([Validator(publicKey: v[0].publicKey, votingPower: 1), Validator(publicKey: v[0].publicKey, votingPower: 2)])
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isWellFormed(dup) },
                       .duplicateValidatorInSet(address: v[0].address))
        let negative = ValidatorSet([Validator(publicKey: v[0].publicKey, votingPower: -5)])
        guard case .malformedValidator(0, _)? = reason({ () throws(VerificationError) in try Predicates.isWellFormed(negative) })
        else { return XCTFail("expected malformedValidator") }
        let huge = ValidatorSet([Validator(publicKey: v[0].publicKey, votingPower: .max / 8),
                                 Validator(publicKey: v[1].publicKey, votingPower: 1)])
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.isWellFormed(huge) }, .votingPowerOutOfRange)
    }

    func testIsValidCommit() throws {
        let b = chain.block(height: 1, validators: members)
        try Predicates.isValidCommit(b.signedHeader, validators: b.validators)
        var swapped = b.signedHeader
        swapped.commit.signatures.swapAt(0, 1)
        guard case .validatorAddressMismatch(0, _, _)? = reason({ () throws(VerificationError) in
            try Predicates.isValidCommit(swapped, validators: b.validators)
        }) else { return XCTFail("expected validatorAddressMismatch") }
    }

    func testHasSufficientSignersOverlap() throws {
        let good = chain.block(height: 1, validators: members, signers: [1, 2])      // 16 of 21 > 2/3
        var calc = VotingPowerCalculator(signedHeader: good.signedHeader)
        try Predicates.hasSufficientSignersOverlap(&calc, validators: good.validators)
        let weak = chain.block(height: 1, validators: members, signers: [0, 1])      // 12 of 21
        var calc2 = VotingPowerCalculator(signedHeader: weak.signedHeader)
        XCTAssertEqual(reason { () throws(VerificationError) in try Predicates.hasSufficientSignersOverlap(&calc2, validators: weak.validators) },
                       .insufficientSignersOverlap(VotingPowerTally(total: 21, tallied: 12, threshold: .twoThirds)))
    }

    func testHasSufficientValidatorsOverlap() throws {
        let b = chain.block(height: 1, validators: members, signers: [2])            // 9 of 21 > 1/3
        var calc = VotingPowerCalculator(signedHeader: b.signedHeader)
        try Predicates.hasSufficientValidatorsOverlap(&calc, trustedValidators: b.validators, threshold: .oneThird)
        let c = chain.block(height: 1, validators: members, signers: [1])            // 7 of 21 = 1/3
        var calc2 = VotingPowerCalculator(signedHeader: c.signedHeader)
        do {
            try Predicates.hasSufficientValidatorsOverlap(&calc2, trustedValidators: c.validators, threshold: .oneThird)
            XCTFail("expected not enough trust")
        } catch {
            XCTAssertEqual(error, .notEnoughTrust(VotingPowerTally(total: 21, tallied: 7, threshold: .oneThird)))
        }
    }
}
