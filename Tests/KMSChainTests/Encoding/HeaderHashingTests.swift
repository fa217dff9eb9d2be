@testable import KMSPrimitives
import XCTest
@testable import KMSChain

/// Header hashes against the known answers and the real chains.
final class HeaderHashTests: XCTestCase {
    func testKnownAnswerHeaders() throws {
        let entries = try ChainVectors.knownAnswers().headerHash
        XCTAssertEqual(entries.count, 2)
        for entry in entries {
            let header: Header
            if let inline = entry.header {
                header = inline
            } else {
                header = try ChainJSON.decode(Header.self, from: ChainVectors.bytes(XCTUnwrap(entry.file, entry.name)))
            }
            XCTAssertEqual(header.merkleLeaves().map { Hex.encode($0) }, entry.leavesHex, entry.name)
            XCTAssertEqual(upperHex(header.hash()), entry.expectedHash, entry.name)
        }
    }

    func testCometBFTHeaderHashKnownAnswer() throws {
        // CometBFT TestHeaderHash: F740121F…42A4 (version block 1, app 2).
        let first = try XCTUnwrap(ChainVectors.knownAnswers().headerHash.first)
        let header = try XCTUnwrap(first.header)
        XCTAssertTrue(upperHex(header.hash()).hasPrefix("F740121F"))
        XCTAssertTrue(upperHex(header.hash()).hasSuffix("42A4"))
    }

    func testEmptyValidatorsHashGivesNoHeaderHash() throws {
        let first = try XCTUnwrap(ChainVectors.knownAnswers().headerHash.first)
        var header = try XCTUnwrap(first.header)
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
        let blocks = try ChainVectors.knownAnswers().realChainLightBlocks
        XCTAssertEqual(blocks.count, 7)
        for entry in blocks {
            let name = entry.name
            let sh = try RealChain.signedHeader(entry.commitFile)
            XCTAssertEqual(sh.header.merkleLeaves().map { Hex.encode($0) }, entry.headerLeavesHex, name)
            XCTAssertEqual(upperHex(sh.header.hash()), entry.headerHash, name)
            XCTAssertEqual(sh.header.hash(), sh.commit.blockID.hash, name)

            let expected = entry.validatorsSorted
            let set = ValidatorSet(try expected.map { v in
                Validator(publicKey: try PublicKey(ed25519: Base64.decode(v.pubKeyBase64)),
                          votingPower: try XCTUnwrap(Int64(v.votingPower), name))
            }.reversed())
            XCTAssertEqual(set.validators.map { upperHex($0.address) }, expected.map(\.address), name)
            XCTAssertEqual(set.validators.map { Hex.encode($0.simpleValidatorBytes) },
                           expected.map(\.simpleValidatorBytesHex), name)
            XCTAssertEqual(upperHex(set.hash()), entry.validatorsHash, name)
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
