@testable import KMSPrimitives
import XCTest
@testable import KMSChain

/// Header hashes against the known answers and the real chains.
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
