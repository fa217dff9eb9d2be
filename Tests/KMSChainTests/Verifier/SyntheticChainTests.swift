import KMSTestSupport
import XCTest
@testable import KMSChain

/// The synthetic 16-block chain (`derived/synthetic_skipping_chain.json`): every pairwise verdict
/// under both trusted-set rules, and its negative single-step cases.
final class SyntheticChainTests: XCTestCase {
    struct Chain {
        let blocks: [LightBlock]          // index 0 = height 1
        let now: Timestamp
        let options: VerificationOptions
        let root: CometBFTSyntheticChain<KMSChainTypes>

        func block(_ height: Int) -> LightBlock { blocks[height - 1] }
    }

    static func load() throws -> Chain {
        let root = try ChainVectors.syntheticChain()
        let blocks = root.lightBlocks
        let period = try XCTUnwrap(Int64(root.trustingPeriodNs))
        let drift = try XCTUnwrap(Int64(root.maxClockDriftNs))
        let options = VerificationOptions(trustThreshold: .oneThird, trustingPeriod: .nanoseconds(period),
                                          clockDrift: .nanoseconds(drift))
        return Chain(blocks: blocks, now: try Timestamp(rfc3339: root.now), options: options, root: root)
    }

    func testChainIsConsistent() throws {
        let chain = try Self.load()
        XCTAssertEqual(chain.blocks.count, 16)
        XCTAssertEqual(upperHex(chain.block(1).signedHeader.header.hash()), chain.root.trustOptions.hash)
        for (i, b) in chain.blocks.enumerated() {
            XCTAssertEqual(b.height, Int64(i + 1))
            XCTAssertEqual(b.signedHeader.header.hash(), b.signedHeader.commit.blockID.hash)
            XCTAssertEqual(b.validators.hash(), b.signedHeader.header.validatorsHash)
            if i > 0 {
                XCTAssertEqual(b.signedHeader.header.lastBlockID, chain.blocks[i - 1].signedHeader.commit.blockID)
            }
        }
    }

    private typealias Pair = CometBFTSyntheticChain<KMSChainTypes>.Pair
    private typealias Detail = CometBFTSyntheticChain<KMSChainTypes>.Detail

    private func checkPairwise(rule: TrustedSetRule, verdict verdictOf: (Pair) -> String, detail detailOf: (Pair) -> Detail) throws {
        let chain = try Self.load()
        var options = chain.options
        options.trustedSetRule = rule
        let verifier = Verifier(options: options)
        let pairs = chain.root.pairwise
        XCTAssertEqual(pairs.count, 120)
        var counts: [String: Int] = [:]
        for pair in pairs {
            let i = pair.trustedHeight, j = pair.untrustedHeight
            let verdict = verifier.verify(untrusted: chain.block(j), trusted: chain.block(i), now: chain.now)
            let expected = verdictOf(pair)
            counts[expected, default: 0] += 1
            XCTAssertEqual(verdict.name, expected, "\(rule) \(i)→\(j): \(verdict)")
            if case .notEnoughTrust(let tally) = verdict {
                let detail = detailOf(pair)
                XCTAssertEqual(tally.tallied, try XCTUnwrap(detail.trustedSigned, "\(i)→\(j)"), "\(i)→\(j)")
                XCTAssertEqual(tally.total, try XCTUnwrap(detail.trustedTotal, "\(i)→\(j)"), "\(i)→\(j)")
            }
        }
        XCTAssertEqual(counts["SUCCESS", default: 0] + counts["NOT_ENOUGH_TRUST", default: 0], 120)
    }

    func testPairwiseTrustingNextValidatorSet() throws {
        try checkPairwise(rule: .nextValidators, verdict: \.verdictTrustingNextValidatorSet,
                          detail: \.detailTrustingNextValidatorSet)
    }

    func testPairwiseTrustingValidatorSet() throws {
        try checkPairwise(rule: .validators, verdict: \.verdictTrustingValidatorSet,
                          detail: \.detailTrustingValidatorSet)
    }

    /// 1 → 5: exactly 15 of 45 trusted power signed = 1/3, which is not enough (strictly greater).
    func testExactlyOneThirdIsNotEnough() throws {
        let chain = try Self.load()
        let verdict = Verifier(options: chain.options).verify(untrusted: chain.block(5), trusted: chain.block(1), now: chain.now)
        XCTAssertEqual(verdict, .notEnoughTrust(VotingPowerTally(total: 45, tallied: 15, threshold: .oneThird)))
    }

    func testNegativeSingleSteps() throws {
        let chain = try Self.load()
        let cases = chain.root.negativeSingleStep
        XCTAssertEqual(cases.count, 5)
        var reasons: [String] = []
        for c in cases {
            let trusted = chain.block(c.trustedHeight)
            let untrusted = c.untrusted
            let now = try Timestamp(rfc3339: c.now)
            let verdict = Verifier(options: chain.options).verify(untrusted: untrusted, trusted: trusted, now: now)
            guard case .invalid(let reason) = verdict else {
                XCTFail("\(c.name): expected \(c.expected), got \(verdict)")
                continue
            }
            switch reason {
            case .invalidCommitValue: reasons.append("hash")
            case .invalidSignature(let index, _): XCTAssertEqual(index, 0); reasons.append("signature")
            case .invalidValidatorSet: reasons.append("valset")
            case .headerFromFuture: reasons.append("future")
            case .trustedHeaderExpired: XCTAssertEqual(c.expected, "EXPIRED"); reasons.append("expired")
            default: XCTFail("\(c.name): unexpected reason \(reason)")
            }
        }
        XCTAssertEqual(reasons, ["hash", "signature", "valset", "future", "expired"])
    }

    /// The nil vote at height 10 is ignored (neither verified nor counted) and absent votes are skipped.
    func testNilAndAbsentVotesAreNotCounted() throws {
        let chain = try Self.load()
        let b10 = chain.block(10)
        XCTAssertTrue(b10.signedHeader.commit.signatures.contains { $0.flag == .nil })
        var calc = VotingPowerCalculator(signedHeader: b10.signedHeader)
        let tally = try calc.tallyByIndex(b10.validators, threshold: .twoThirds, countAll: true)
        XCTAssertEqual(tally.tallied, 45)
        XCTAssertEqual(tally.total, 55)
        let b6 = chain.block(6)
        XCTAssertTrue(b6.signedHeader.commit.signatures.contains { $0.flag == .absent })
        var calc6 = VotingPowerCalculator(signedHeader: b6.signedHeader)
        XCTAssertEqual(try calc6.tallyByIndex(b6.validators, threshold: .twoThirds, countAll: true).tallied, 35)
    }
}
