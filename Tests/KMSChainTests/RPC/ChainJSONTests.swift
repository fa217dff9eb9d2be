import Foundation
import XCTest
@testable import KMSChain

/// Tolerant reading, faithful writing, and clear errors for malformed JSON.
final class ChainJSONTests: XCTestCase {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try ChainJSON.decode(T.self, from: Array(json.utf8))
    }

    func testBlockIDAcceptsPartsAndPartSetHeader() throws {
        let a = try decode(BlockID.self, #"{"hash":"AB00000000000000000000000000000000000000000000000000000000000000","parts":{"total":1,"hash":""}}"#)
        let b = try decode(BlockID.self, #"{"hash":"ab00000000000000000000000000000000000000000000000000000000000000","part_set_header":{"total":"1","hash":null}}"#)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.partSetHeader.total, 1)
        XCTAssertEqual(try decode(BlockID.self, #"{"hash":""}"#), .zero)
    }

    func testCommitSigShapes() throws {
        let absentGo = try decode(CommitSig.self, #"{"block_id_flag":1,"validator_address":"","timestamp":"0001-01-01T00:00:00Z","signature":null}"#)
        let absentRs = try decode(CommitSig.self, #"{"block_id_flag":1,"validator_address":"","timestamp":"1970-01-01T00:00:00Z","signature":""}"#)
        XCTAssertEqual(absentGo, .absent)
        XCTAssertEqual(absentRs, .absent)
        let sig = try decode(CommitSig.self, #"{"block_id_flag":"2","validator_address":"0616A636E7D0579A632EC37ED3C3F2B7E8522A0A","timestamp":"1970-01-01T00:00:01Z","signature":"AQID"}"#)
        XCTAssertEqual(sig.flag, .commit)
        XCTAssertEqual(sig.signature, [1, 2, 3])
    }

    func testValidatorShapes() throws {
        let key = #"{"type":"tendermint/PubKeyEd25519","value":"GQEC/HB4sDBAVhHtUzyv4yct9ZGnudaP209QQBSTfSQ="}"#
        let cometbft = try decode(Validator.self, #"{"address":"6AE5C701F508EB5B63343858E068C5843F28105F","pub_key":\#(key),"voting_power":"50","proposer_priority":"-3"}"#)
        let rs = try decode(Validator.self, #"{"address":"6AE5C701F508EB5B63343858E068C5843F28105F","pub_key":\#(key),"power":"50","name":null}"#)
        XCTAssertEqual(cometbft.votingPower, 50)
        XCTAssertEqual(cometbft.proposerPriority, -3)
        XCTAssertEqual(rs.votingPower, 50)
        XCTAssertEqual(cometbft.address, cometbft.publicKey.address)
        let set = try decode(ValidatorSet.self, #"{"validators":null,"proposer":null,"total_voting_power":"0"}"#)
        XCTAssertTrue(set.isEmpty)
    }

    func testLightBlockRoundTrip() throws {
        let original = try ChainVectors.syntheticChain().lightBlocks[9]
        let text = ChainJSON.encode(original)
        let again = try ChainJSON.decodeLightBlock(text)
        XCTAssertEqual(again, original)
        let s = String(decoding: text, as: UTF8.self)
        XCTAssertTrue(s.contains(#""parts""#))
        XCTAssertTrue(s.contains(#""height" : "10""#))
        XCTAssertEqual(again.signedHeader.header.hash(), original.signedHeader.commit.blockID.hash)
    }

    func testMalformedInputsGiveTypedErrors() {
        let cases: [(String, String, Bool)] = [
            ("not json", "not valid JSON", true),
            (#"{"signed_header":{}}"#, "missing key \"header\"", true),
            (#"{"version":{"block":"11"},"chain_id":"c","height":"x","time":"2024-01-01T00:00:00Z"}"#, "height", false),
            (#"{"version":{"block":"11"},"chain_id":"c","height":"1","time":"yesterday"}"#, "time", false),
            (#"{"version":{"block":"11"},"chain_id":"c","height":"1","time":"2024-01-01T00:00:00Z","data_hash":"XYZ"}"#, "data_hash", false),
        ]
        for (json, fragment, asLightBlock) in cases {
            let bytes = Array(json.utf8)
            do {
                if asLightBlock { _ = try ChainJSON.decodeLightBlock(bytes) } else { _ = try ChainJSON.decode(Header.self, from: bytes) }
                XCTFail("accepted malformed \(json)")
            } catch {
                XCTAssertTrue(error.reason.contains(fragment), "\(json): \(error)")
            }
        }
        XCTAssertThrowsError(try decode(CommitSig.self, #"{"block_id_flag":0}"#)) {
            XCTAssertTrue(String(describing: $0).contains("block_id_flag"))
        }
        XCTAssertThrowsError(try decode(PublicKey.self, #"{"type":"cometbft/PubKeyBls12_381","value":"AQID"}"#)) {
            XCTAssertTrue(String(describing: $0).contains("unsupported public key type"))
        }
        XCTAssertThrowsError(try decode(PublicKey.self, #"{"type":"tendermint/PubKeyEd25519","value":"AQID"}"#)) {
            XCTAssertTrue(String(describing: $0).contains("32 bytes"))
        }
    }

    func testRPCErrorEnvelope() throws {
        let json = #"{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"Internal error","data":"height 100 must be less than or equal to the current blockchain height 57"}}"#
        let response = try decode(RPCResponse<CommitResult>.self, json)
        XCTAssertThrowsError(try response.get()) {
            XCTAssertEqual(($0 as? RPCErrorObject)?.code, -32603)
        }
    }

    /// The amino-era (Tendermint ≤ 0.33) files parse, but fail verification cleanly: their
    /// hashes and signatures do not follow the protobuf rules.
    func testLegacyAminoFilesFailCleanly() throws {
        let files = ["single_peer/_happy_path.json", "single_peer/_worst_case.json", "single_peer/header_out_of_trusting_period.json",
                     "single_peer/not_enough_commits.json", "multi_peer/conflicting_headers.json",
                     "multi_peer/conflicting_valid_commits_from_one_of_the_witnesses.json",
                     "multi_peer/conflicting_valid_commits_from_the_only_witness.json", "multi_peer/malicious_validator_set.json"]
        var blocks = 0
        for file in files {
            let root = try ChainVectors.legacyBisection(file)
            let lite = root.primary.liteBlocks
            blocks += lite.count
            for b in lite {
                XCTAssertNotEqual(b.signedHeader.header.hash(), b.signedHeader.commit.blockID.hash, file)
            }
            let now = try Timestamp(rfc3339: root.now)
            let verifier = Verifier(options: VerificationOptions(trustingPeriod: .seconds(3 * 3600)))
            for b in lite.dropFirst() {
                guard case .invalid = verifier.verify(untrusted: b, trusted: lite[0], now: now) else {
                    return XCTFail("\(file): amino block \(b.height) should be invalid")
                }
            }
        }
        XCTAssertEqual(blocks, 77)
    }
}
