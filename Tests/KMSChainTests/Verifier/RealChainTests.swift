import XCTest
@testable import KMSChain

/// Real node data (CometBFT 0.34 / 0.37 / 0.38 / 1.0, Gaia, a 4- and a 3-validator chain).
final class RealChainTests: XCTestCase {
    /// Every real commit verifies against its validator set with the +2/3 rule, counting every
    /// signature (all must verify).
    func testEveryRealCommitVerifies() throws {
        var checked = 0
        for (file, set) in try RealChain.all() {
            let sh = try RealChain.signedHeader(file)
            try Predicates.isWellFormed(sh)
            try Predicates.isWellFormed(set)
            try Predicates.headerMatchesCommit(sh)
            try Predicates.isValidCommit(sh, validators: set)
            var calc = VotingPowerCalculator(signedHeader: sh)
            let tally = try calc.tallyByIndex(set, threshold: .twoThirds, countAll: true)
            XCTAssertEqual(tally.tallied, tally.total, file)
            checked += 1
        }
        XCTAssertEqual(checked, 7)
    }

    /// `/block` at height 10: its `last_commit` (precommits for height 9) verifies for every node version.
    func testBlockLastCommitsVerify() throws {
        for dir in RealChain.kvstore {
            let block = try ChainJSON.decode(RPCResponse<BlockResult>.self, from: ChainVectors.bytes(dir + "/block_at_height_10.json")).get()
            let set = try RealChain.statusValidatorSet(dir)
            let last = try XCTUnwrap(block.lastCommit)
            XCTAssertEqual(last.height, 9)
            XCTAssertEqual(last.blockID, block.header.lastBlockID, dir)
            XCTAssertEqual(block.header.hash(), block.blockID.hash, dir)
            var calc = VotingPowerCalculator(commit: last, chainID: block.header.chainID)
            let tally = try calc.tallyByIndex(set, threshold: .twoThirds, countAll: true)
            XCTAssertTrue(tally.isEnough, dir)
        }
    }

    /// VerifyAdjacent 9 → 10 on real nodes: trusted = header 9 (from `/blockchain`) with the
    /// precommits from block 10's `last_commit`; untrusted = `/commit` at 10.
    func testAdjacentVerificationOnRealNodes() throws {
        for dir in RealChain.kvstore where dir.contains("kvstore_fixtures/v0_") {
            let chain = try ChainJSON.decode(RPCResponse<BlockchainResult>.self,
                                             from: ChainVectors.bytes(dir + "/blockchain_from_1_to_10.json")).get()
            let block10 = try ChainJSON.decode(RPCResponse<BlockResult>.self, from: ChainVectors.bytes(dir + "/block_at_height_10.json")).get()
            let commit10 = try ChainJSON.decode(RPCResponse<CommitResult>.self, from: ChainVectors.bytes(dir + "/commit_at_height_10.json")).get()
            let set = try RealChain.statusValidatorSet(dir)
            let header9 = try XCTUnwrap(chain.blockMetas.first { $0.header.height == 9 }?.header)
            let trusted = LightBlock(signedHeader: SignedHeader(header: header9, commit: try XCTUnwrap(block10.lastCommit)),
                                     validators: set, nextValidators: set)
            let untrusted = LightBlock(signedHeader: commit10.signedHeader, validators: set, nextValidators: set)
            let now = try XCTUnwrap(untrusted.time.adding(.seconds(60)))
            let verifier = Verifier(options: VerificationOptions(trustingPeriod: VerificationOptions.defaultTrustingPeriod))
            XCTAssertEqual(verifier.verifyAdjacent(untrusted: untrusted, trusted: trusted, now: now), .success, dir)
            // And the trusted block itself is a valid light block (9 from 9's own data is not a step; check its commit).
            XCTAssertEqual(header9.hash(), block10.header.lastBlockID.hash, dir)
        }
    }

    /// The header-hash chain 1 … 10: each `last_block_id` is the previous `block_id` and each
    /// header hashes to its `block_id.hash`.
    func testHeaderHashChain() throws {
        for dir in RealChain.kvstore where dir.contains("kvstore_fixtures/v0_") {
            let metas = try ChainJSON.decode(RPCResponse<BlockchainResult>.self,
                                             from: ChainVectors.bytes(dir + "/blockchain_from_1_to_10.json")).get().blockMetas
            XCTAssertEqual(metas.count, 10)
            let byHeight = Dictionary(uniqueKeysWithValues: metas.map { ($0.header.height, $0) })
            for h in Int64(1)...10 {
                let meta = try XCTUnwrap(byHeight[h])
                XCTAssertEqual(meta.header.hash(), meta.blockID.hash, "\(dir) h\(h)")
                if h == 1 {
                    XCTAssertTrue(meta.header.lastBlockID.isZero)
                } else {
                    XCTAssertEqual(meta.header.lastBlockID, byHeight[h - 1]?.blockID, "\(dir) h\(h)")
                }
            }
            let block1 = try ChainJSON.decode(RPCResponse<BlockResult>.self, from: ChainVectors.bytes(dir + "/block_at_height_1.json")).get()
            XCTAssertEqual(block1.header.hash(), byHeight[1]?.blockID.hash)
        }
    }

    func testStatusAndCommitShapes() throws {
        let dir = "tendermint-rs/rpc/tests/kvstore_fixtures/v0_38/incoming"
        let status = try ChainJSON.decode(RPCResponse<StatusResult>.self, from: ChainVectors.bytes(dir + "/status.json")).get()
        XCTAssertEqual(status.network, "dockerchain")
        XCTAssertEqual(status.latestBlockHeight, 232)
        XCTAssertEqual(status.validatorInfo?.votingPower, 10)
        let commit = try ChainJSON.decode(RPCResponse<CommitResult>.self, from: ChainVectors.bytes(dir + "/commit_at_height_10.json")).get()
        XCTAssertTrue(commit.canonical)
        XCTAssertEqual(commit.signedHeader.commit.signatures.count, 1)
    }

    /// The 4-validator chain: trust-level arithmetic with power 1 each (3 of 4 = 75%).
    func testFourValidatorChainSkippingFromItself() throws {
        let sh = try RealChain.signedHeader("cometbft-ts/src/tests/fixtures/commit-12.json")
        let page = try ChainJSON.decode(ValidatorsResult.self, from: ChainVectors.bytes("cometbft-ts/src/tests/fixtures/validators-12.json"))
        XCTAssertEqual(page.total, 4)
        XCTAssertEqual(page.blockHeight, 12)
        let set = ValidatorSet(page.validators)
        var calc = VotingPowerCalculator(signedHeader: sh)
        let trust = try calc.tallyByAddress(set, threshold: .oneThird, countAll: true)
        XCTAssertEqual(trust.total, 4)
        XCTAssertEqual(trust.tallied, UInt64(sh.commit.signatures.filter { $0.flag == .commit }.count))
    }
}
