import XCTest
@testable import KMSChain

/// Loading the real-node fixtures (CometBFT 0.34/0.37/0.38/1.0, Gaia, cometbft-ts).
enum RealChain {
    /// The signed header of a `/commit` envelope, a bare `{"signed_header":…}` or a light block.
    static func signedHeader(_ file: String) throws -> SignedHeader {
        try ChainVectors.signedHeader(file)
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
