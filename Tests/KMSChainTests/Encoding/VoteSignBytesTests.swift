@testable import KMSPrimitives
import XCTest
@testable import KMSChain

final class VoteSignBytesTests: XCTestCase {
    func testKnownAnswers() throws {
        let root = try ChainVectors.object("derived/known_answers.json")
        let entries = root.array("vote_sign_bytes").compactMap { $0 as? [String: Any] }
        XCTAssertEqual(entries.count, 7)
        for entry in entries {
            let type = try XCTUnwrap(SignedMsgType(rawValue: Int32(entry["type"] as? Int ?? -1)))
            var blockID = BlockID.zero
            if let id = entry["block_id"], !(id is NSNull) { blockID = try ChainVectors.decode(BlockID.self, id) }
            let bytes = VoteSignBytes.encode(
                type: type, height: Int64(entry["height"] as? Int ?? 0), round: Int64(entry["round"] as? Int ?? 0),
                blockID: blockID, timestamp: try Timestamp(rfc3339: entry.string("timestamp")),
                chainID: entry.string("chain_id"))
            XCTAssertEqual(Hex.encode(bytes), entry.string("sign_bytes_hex"), entry.string("name"))
        }
    }

    /// Real precommits: the per-commit builder reproduces the sign bytes and each signature verifies.
    func testRealPrecommitsVerify() throws {
        let root = try ChainVectors.object("derived/known_answers.json")
        var verified = 0
        for case let entry as [String: Any] in root.array("real_chain_light_blocks") {
            let sh = try RealChain.signedHeader(entry.string("commit_file"))
            let builder = CommitSignBytes(commit: sh.commit, chainID: sh.header.chainID)
            for case let p as [String: Any] in entry.array("precommits") {
                let i = try XCTUnwrap(p["index"] as? Int)
                let bytes = builder.signBytes(index: i)
                XCTAssertEqual(Hex.encode(bytes), p.string("sign_bytes_hex"), entry.string("name"))
                let sig = sh.commit.signatures[i]
                XCTAssertEqual(bytes, VoteSignBytes.encode(type: .precommit, height: sh.commit.height,
                                                           round: Int64(sh.commit.round), blockID: sh.commit.blockID,
                                                           timestamp: sig.timestamp, chainID: sh.header.chainID))
                let key = try PublicKey(ed25519: Base64.decode(p.string("pub_key_b64")))
                XCTAssertEqual(key.address, sig.validatorAddress)
                XCTAssertTrue(key.isValidSignature(sig.signature, for: bytes), entry.string("name"))
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
