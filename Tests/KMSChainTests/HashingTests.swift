@testable import KMSPrimitives
import XCTest
@testable import KMSChain

/// Header hash, validator-set hash and vote sign bytes against the known answers.
final class HeaderHashTests: XCTestCase {
    func testKnownAnswerHeaders() throws {
        let root = try ChainVectors.object("derived/known_answers.json")
        let entries = root.array("header_hash").compactMap { $0 as? [String: Any] }
        XCTAssertEqual(entries.count, 2)
        for entry in entries {
            let header: Header
            if let inline = entry["header"] {
                header = try ChainVectors.decode(Header.self, inline)
            } else {
                header = try ChainJSON.decode(Header.self, from: ChainVectors.bytes(entry.string("file")))
            }
            let leaves = (entry["leaves_hex"] as? [String]) ?? []
            XCTAssertEqual(header.merkleLeaves().map { Hex.encode($0) }, leaves, entry.string("name"))
            XCTAssertEqual(upperHex(header.hash()), entry.string("expected_hash"), entry.string("name"))
        }
    }

    func testCometBFTHeaderHashKnownAnswer() throws {
        // CometBFT TestHeaderHash: F740121F…42A4 (version block 1, app 2).
        let root = try ChainVectors.object("derived/known_answers.json")
        let first = try XCTUnwrap(root.array("header_hash").first as? [String: Any])
        let header = try ChainVectors.decode(Header.self, try XCTUnwrap(first["header"]))
        XCTAssertTrue(upperHex(header.hash()).hasPrefix("F740121F"))
        XCTAssertTrue(upperHex(header.hash()).hasSuffix("42A4"))
    }

    func testEmptyValidatorsHashGivesNoHeaderHash() throws {
        let root = try ChainVectors.object("derived/known_answers.json")
        let first = try XCTUnwrap(root.array("header_hash").first as? [String: Any])
        var header = try ChainVectors.decode(Header.self, try XCTUnwrap(first["header"]))
        header.validatorsHash = []
        XCTAssertEqual(header.hash(), [])
    }

    func testZeroLastBlockIDLeaf() {
        XCTAssertEqual(BlockID.zero.protobufBytes, [0x12, 0x00])
        XCTAssertTrue(BlockID.zero.isZero)
        XCTAssertFalse(BlockID(hash: [], partSetHeader: PartSetHeader(total: 1, hash: [])).isZero)
    }

    /// Every real light block: all 14 leaves, the header hash (= the chain's commit block ID),
    /// the sorted validator set's leaves and hash.
    func testRealChainHeadersAndValidatorSets() throws {
        let root = try ChainVectors.object("derived/known_answers.json")
        let blocks = root.array("real_chain_light_blocks").compactMap { $0 as? [String: Any] }
        XCTAssertEqual(blocks.count, 7)
        for entry in blocks {
            let name = entry.string("name")
            let sh = try RealChain.signedHeader(entry.string("commit_file"))
            XCTAssertEqual(sh.header.merkleLeaves().map { Hex.encode($0) }, entry["header_leaves_hex"] as? [String], name)
            XCTAssertEqual(upperHex(sh.header.hash()), entry.string("header_hash"), name)
            XCTAssertEqual(sh.header.hash(), sh.commit.blockID.hash, name)

            let expected = entry.array("validators_sorted").compactMap { $0 as? [String: Any] }
            let set = ValidatorSet(try expected.map { v in
                Validator(publicKey: try PublicKey(ed25519: Base64.decode(v.string("pub_key_b64"))),
                          votingPower: Int64(v.string("voting_power")) ?? -1)
            }.reversed())
            XCTAssertEqual(set.validators.map { upperHex($0.address) }, expected.map { $0.string("address") }, name)
            XCTAssertEqual(set.validators.map { Hex.encode($0.simpleValidatorBytes) },
                           expected.map { $0.string("simple_validator_bytes_hex") }, name)
            XCTAssertEqual(upperHex(set.hash()), entry.string("validators_hash"), name)
            XCTAssertEqual(set.hash(), sh.header.validatorsHash, name)
        }
    }

    /// The validator sets as the real files give them (`/status` validator_info, `/validators`
    /// result, tendermint-rs `power` shape) hash to the headers' validators_hash.
    func testRealValidatorFilesHashToHeader() throws {
        for (commitFile, set) in try RealChain.all() {
            let sh = try RealChain.signedHeader(commitFile)
            XCTAssertEqual(set.hash(), sh.header.validatorsHash, commitFile)
            XCTAssertEqual(set.hash(), sh.header.nextValidatorsHash, commitFile)
        }
    }
}

final class ValidatorSetTests: XCTestCase {
    private func key(_ seed: UInt8) throws -> PublicKey {
        try PublicKey(ed25519: [UInt8](repeating: seed, count: 32))
    }

    func testCanonicalOrderIsPowerDescThenAddressAsc() throws {
        let a = Validator(publicKey: try key(1), votingPower: 5)
        let b = Validator(publicKey: try key(2), votingPower: 10)
        let c = Validator(publicKey: try key(3), votingPower: 5)
        let set = ValidatorSet([a, b, c])
        XCTAssertEqual(set.validators.first, b)
        let tail = Array(set.validators.dropFirst())
        XCTAssertTrue(tail[0].address.lexicographicallyPrecedes(tail[1].address))
        XCTAssertEqual(set.totalVotingPower, 20)
    }

    func testEd25519LeafLayout() throws {
        let v = Validator(publicKey: try key(7), votingPower: 10)
        XCTAssertEqual(Array(v.simpleValidatorBytes.prefix(4)), [0x0A, 0x22, 0x0A, 0x20])
        XCTAssertEqual(Array(v.simpleValidatorBytes.suffix(2)), [0x10, 0x0A])
    }

    func testTotalPowerOutOfRange() throws {
        let big = Validator(publicKey: try key(1), votingPower: ValidatorSet.maxTotalVotingPower)
        let one = Validator(publicKey: try key(2), votingPower: 1)
        XCTAssertEqual(ValidatorSet([big]).totalVotingPower, ValidatorSet.maxTotalVotingPower)
        XCTAssertNil(ValidatorSet([big, one]).totalVotingPower)
        XCTAssertNil(ValidatorSet([Validator(publicKey: try key(1), votingPower: -1)]).totalVotingPower)
    }

    func testEmptySetHashIsEmptyTreeRoot() {
        XCTAssertEqual(Hex.encode(ValidatorSet.empty.hash()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

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

/// Loading the real-node fixtures (CometBFT 0.34/0.37/0.38/1.0, Gaia, cometbft-ts).
enum RealChain {
    /// The signed header of a `/commit` envelope, a bare `{"signed_header":…}` or a light block.
    static func signedHeader(_ file: String) throws -> SignedHeader {
        let obj = try ChainVectors.object(file)
        let body = (obj["result"] as? [String: Any]) ?? obj
        return try ChainVectors.decode(SignedHeader.self, body["signed_header"] as Any)
    }

    static let kvstore = [
        "tendermint-rs/rpc/tests/kvstore_fixtures/v0_34/incoming",
        "tendermint-rs/rpc/tests/kvstore_fixtures/v0_37/incoming",
        "tendermint-rs/rpc/tests/kvstore_fixtures/v0_38/incoming",
        "tendermint-rs/rpc/tests/gaia_fixtures/incoming",
        "cometbft-rs/rpc/tests/kvstore_fixtures/v1/incoming",
    ]

    /// The validator set of a single-validator node, from `/status` `validator_info`.
    static func statusValidatorSet(_ dir: String) throws -> ValidatorSet {
        let status = try ChainJSON.decode(RPCResponse<StatusResult>.self, from: ChainVectors.bytes(dir + "/status.json")).get()
        return ValidatorSet([try XCTUnwrap(status.validatorInfo)])
    }

    /// (commit file, validator set) for every real chain.
    static func all() throws -> [(String, ValidatorSet)] {
        var out: [(String, ValidatorSet)] = []
        for dir in kvstore {
            out.append((dir + "/commit_at_height_10.json", try statusValidatorSet(dir)))
        }
        let page = try ChainJSON.decode(ValidatorsResult.self,
                                        from: ChainVectors.bytes("cometbft-ts/src/tests/fixtures/validators-12.json"))
        out.append(("cometbft-ts/src/tests/fixtures/commit-12.json", ValidatorSet(page.validators)))
        let webcat = try ChainJSON.decodeLightBlock(ChainVectors.bytes("cometbft-ts/src/tests/fixtures/webcat.json"))
        out.append(("cometbft-ts/src/tests/fixtures/webcat.json", webcat.validators))
        return out
    }
}
