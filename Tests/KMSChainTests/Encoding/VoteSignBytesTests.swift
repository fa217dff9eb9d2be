@testable import KMSPrimitives
import XCTest
@testable import KMSChain

final class VoteSignBytesTests: XCTestCase {
    func testKnownAnswers() throws {
        let entries = try ChainVectors.knownAnswers().voteSignBytes
        XCTAssertEqual(entries.count, 7)
        for entry in entries {
            let type = try XCTUnwrap(SignedMsgType(rawValue: entry.type))
            let blockID = entry.blockID ?? .zero
            let bytes = VoteSignBytes.encode(
                type: type, height: entry.height, round: entry.round,
                blockID: blockID, timestamp: try Timestamp(rfc3339: entry.timestamp),
                chainID: entry.chainID)
            XCTAssertEqual(Hex.encode(bytes), entry.signBytesHex, entry.name)
        }
    }

    /// Real precommits: the per-commit builder reproduces the sign bytes and each signature verifies.
    func testRealPrecommitsVerify() throws {
        var verified = 0
        for entry in try ChainVectors.knownAnswers().realChainLightBlocks {
            let sh = try RealChain.signedHeader(entry.commitFile)
            let builder = CommitSignBytes(commit: sh.commit, chainID: sh.header.chainID)
            for p in entry.precommits {
                let i = p.index
                let bytes = builder.signBytes(index: i)
                XCTAssertEqual(Hex.encode(bytes), p.signBytesHex, entry.name)
                let sig = sh.commit.signatures[i]
                XCTAssertEqual(bytes, VoteSignBytes.encode(type: .precommit, height: sh.commit.height,
                                                           round: Int64(sh.commit.round), blockID: sh.commit.blockID,
                                                           timestamp: sig.timestamp, chainID: sh.header.chainID))
                let key = try PublicKey(ed25519: Base64.decode(p.pubKeyBase64))
                XCTAssertEqual(key.address, sig.validatorAddress)
                XCTAssertTrue(key.isValidSignature(sig.signature, for: bytes), entry.name)
                var tampered = bytes
                tampered[tampered.count - 1] ^= 1
                XCTAssertFalse(key.isValidSignature(sig.signature, for: tampered))
                verified += 1
            }
        }
        XCTAssertEqual(verified, 12)
    }

    func testBuilderReusesBufferAcrossSignatures() throws {
        let sh = try RealChain.signedHeader("cometbft-ts/src/tests/fixtures/commit-12.json")
        let builder = CommitSignBytes(commit: sh.commit, chainID: sh.header.chainID)
        var buffer = [UInt8]()
        for i in sh.commit.signatures.indices {
            builder.write(index: i, into: &buffer)
            XCTAssertEqual(buffer, builder.signBytes(index: i))
        }
    }

    func testNilVoteOmitsBlockID() throws {
        let t = try Timestamp(seconds: 1)
        let id = BlockID(hash: [UInt8](repeating: 1, count: 32), partSetHeader: PartSetHeader(total: 1, hash: [UInt8](repeating: 2, count: 32)))
        let commit = Commit(height: 5, round: 0, blockID: id, signatures: [
            CommitSig(flag: .nil, validatorAddress: [UInt8](repeating: 3, count: 20), timestamp: t, signature: [1]),
        ])
        let builder = CommitSignBytes(commit: commit, chainID: "c")
        XCTAssertEqual(builder.signBytes(index: 0),
                       VoteSignBytes.encode(type: .precommit, height: 5, round: 0, blockID: .zero, timestamp: t, chainID: "c"))
        XCTAssertFalse(builder.signBytes(index: 0).contains(0x22))
    }
}
