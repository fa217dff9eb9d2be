import XCTest
@testable import KMSChain

/// The synthetic 16-block chain (`derived/synthetic_skipping_chain.json`): every pairwise verdict
/// under both trusted-set rules, and its negative single-step cases.
final class SyntheticChainTests: XCTestCase {
    struct Chain {
        let blocks: [LightBlock]          // index 0 = height 1
        let now: Timestamp
        let options: VerificationOptions
        let root: [String: Any]

        func block(_ height: Int) -> LightBlock { blocks[height - 1] }
    }

    static func load() throws -> Chain {
        let root = try ChainVectors.object("derived/synthetic_skipping_chain.json")
        let blocks = try root.array("light_blocks").map { try ChainVectors.decode(LightBlock.self, $0) }
        let period = try XCTUnwrap(Int64(root.string("trusting_period_ns")))
        let drift = try XCTUnwrap(Int64(root.string("max_clock_drift_ns")))
        let options = VerificationOptions(trustThreshold: .oneThird, trustingPeriod: .nanoseconds(period),
                                          clockDrift: .nanoseconds(drift))
        return Chain(blocks: blocks, now: try Timestamp(rfc3339: root.string("now")), options: options, root: root)
    }

    func testChainIsConsistent() throws {
        let chain = try Self.load()
        XCTAssertEqual(chain.blocks.count, 16)
        XCTAssertEqual(upperHex(chain.block(1).signedHeader.header.hash()), chain.root.dict("trust_options").string("hash"))
        for (i, b) in chain.blocks.enumerated() {
            XCTAssertEqual(b.height, Int64(i + 1))
            XCTAssertEqual(b.signedHeader.header.hash(), b.signedHeader.commit.blockID.hash)
            XCTAssertEqual(b.validators.hash(), b.signedHeader.header.validatorsHash)
            if i > 0 {
                XCTAssertEqual(b.signedHeader.header.lastBlockID, chain.blocks[i - 1].signedHeader.commit.blockID)
            }
        }
    }

    private func checkPairwise(rule: TrustedSetRule, verdictKey: String, detailKey: String) throws {
        let chain = try Self.load()
        var options = chain.options
        options.trustedSetRule = rule
        let verifier = Verifier(options: options)
        let pairs = chain.root.array("pairwise").compactMap { $0 as? [String: Any] }
        XCTAssertEqual(pairs.count, 120)
        var counts: [String: Int] = [:]
        for pair in pairs {
            let i = try XCTUnwrap(pair["trusted_height"] as? Int), j = try XCTUnwrap(pair["untrusted_height"] as? Int)
            let verdict = verifier.verify(untrusted: chain.block(j), trusted: chain.block(i), now: chain.now)
            let expected = pair.string(verdictKey)
            counts[expected, default: 0] += 1
            XCTAssertEqual(verdict.name, expected, "\(rule) \(i)→\(j): \(verdict)")
            if case .notEnoughTrust(let tally) = verdict {
                let detail = pair.dict(detailKey)
                XCTAssertEqual(tally.tallied, UInt64(detail["trusted_signed"] as? Int ?? -1), "\(i)→\(j)")
                XCTAssertEqual(tally.total, UInt64(detail["trusted_total"] as? Int ?? -1), "\(i)→\(j)")
            }
        }
        XCTAssertEqual(counts["SUCCESS", default: 0] + counts["NOT_ENOUGH_TRUST", default: 0], 120)
    }

    func testPairwiseTrustingNextValidatorSet() throws {
        try checkPairwise(rule: .nextValidators, verdictKey: "verdict_trusting_next_validator_set",
                          detailKey: "detail_trusting_next_validator_set")
    }

    func testPairwiseTrustingValidatorSet() throws {
        try checkPairwise(rule: .validators, verdictKey: "verdict_trusting_validator_set",
                          detailKey: "detail_trusting_validator_set")
    }

    /// 1 → 5: exactly 15 of 45 trusted power signed = 1/3, which is not enough (strictly greater).
    func testExactlyOneThirdIsNotEnough() throws {
        let chain = try Self.load()
        let verdict = Verifier(options: chain.options).verify(untrusted: chain.block(5), trusted: chain.block(1), now: chain.now)
        XCTAssertEqual(verdict, .notEnoughTrust(VotingPowerTally(total: 45, tallied: 15, threshold: .oneThird)))
    }

    func testNegativeSingleSteps() throws {
        let chain = try Self.load()
        let cases = chain.root.array("negative_single_step").compactMap { $0 as? [String: Any] }
        XCTAssertEqual(cases.count, 5)
        var reasons: [String] = []
        for c in cases {
            let trusted = chain.block(try XCTUnwrap(c["trusted_height"] as? Int))
            let untrusted = try ChainVectors.decode(LightBlock.self, c["untrusted"] as Any)
            let now = try Timestamp(rfc3339: c.string("now"))
            let verdict = Verifier(options: chain.options).verify(untrusted: untrusted, trusted: trusted, now: now)
            guard case .invalid(let reason) = verdict else {
                XCTFail("\(c.string("name")): expected \(c.string("expected")), got \(verdict)")
                continue
            }
            switch reason {
            case .invalidCommitValue: reasons.append("hash")
            case .invalidSignature(let index, _): XCTAssertEqual(index, 0); reasons.append("signature")
            case .invalidValidatorSet: reasons.append("valset")
            case .headerFromFuture: reasons.append("future")
            case .trustedHeaderExpired: XCTAssertEqual(c.string("expected"), "EXPIRED"); reasons.append("expired")
            default: XCTFail("\(c.string("name")): unexpected reason \(reason)")
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
