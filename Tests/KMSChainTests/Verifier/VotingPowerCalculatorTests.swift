import XCTest
@testable import KMSChain

final class VotingPowerCalculatorTests: XCTestCase {
    let chain = TestChainBuilder()
    let v = (0..<4).map { TestSigner.ed25519(UInt8($0 + 30)) }

    func testByAddressSkipsUnknownSignersAndCountsEachOnce() throws {
        let members: [(TestSigner, Int64)] = [(v[0], 10), (v[1], 10), (v[2], 10)]
        let b = chain.block(height: 3, validators: members)
        // Trusted set shares only v[0] with the signers, plus v[3] who did not sign.
        let trusted = chain.validatorSet([(v[0], 4), (v[3], 8)])
        var calc = VotingPowerCalculator(signedHeader: b.signedHeader)
        let tally = try calc.tallyByAddress(trusted, threshold: .oneThird, countAll: true)
        XCTAssertEqual(tally, VotingPowerTally(total: 12, tallied: 4, threshold: .oneThird))
        XCTAssertFalse(tally.isEnough)   // exactly 1/3 of the trusted power
    }

    func testByAddressRejectsDoubleVotes() {
        let members: [(TestSigner, Int64)] = [(v[0], 10), (v[1], 10)]
        var b = chain.block(height: 3, validators: members)
        b.signedHeader.commit.signatures[1] = b.signedHeader.commit.signatures[0]
        var calc = VotingPowerCalculator(signedHeader: b.signedHeader)
        XCTAssertThrowsError(try calc.tallyByAddress(b.validators, threshold: .oneThird, countAll: true)) {
            XCTAssertEqual($0 as? VerificationError, .invalid(.duplicateValidator(address: b.signedHeader.commit.signatures[0].validatorAddress)))
        }
    }

    func testStopsEarlyUnlessCountAll() throws {
        let members: [(TestSigner, Int64)] = [(v[0], 10), (v[1], 10), (v[2], 10), (v[3], 10)]
        let b = chain.block(height: 3, validators: members)
        var calc = VotingPowerCalculator(signedHeader: b.signedHeader)
        XCTAssertEqual(try calc.tallyByIndex(b.validators, threshold: .twoThirds).tallied, 30)
        XCTAssertEqual(try calc.tallyByIndex(b.validators, threshold: .twoThirds, countAll: true).tallied, 40)
    }

    /// A bad signature after the threshold is reached is not examined (CometBFT VerifyCommitLight),
    /// but `countAll` finds it.
    func testEarlyExitLeavesLaterSignaturesUnchecked() throws {
        let members: [(TestSigner, Int64)] = [(v[0], 10), (v[1], 10), (v[2], 10), (v[3], 10)]
        var b = chain.block(height: 3, validators: members)
        b.signedHeader.commit.signatures[3].signature[0] ^= 1
        var calc = VotingPowerCalculator(signedHeader: b.signedHeader)
        XCTAssertNoThrow(try calc.tallyByIndex(b.validators, threshold: .twoThirds))
        XCTAssertThrowsError(try calc.tallyByIndex(b.validators, threshold: .twoThirds, countAll: true))
    }
}
