/// The chain types a CometBFT vector embeds. KMSTestSupport does not link KMSChain: each test
/// target names its own decodable types (KMSChain's `LightBlock`, `Header`, … in KMSChainTests;
/// `JSONTree` where a test only passes blocks on, as the kmsctl tests do).
public protocol CometBFTChainTypes {
    associatedtype LightBlock: Decodable
    associatedtype SignedHeader: Decodable
    associatedtype ValidatorSet: Decodable
    associatedtype Header: Decodable
    associatedtype BlockID: Decodable
}

/// Paths of the CometBFT vectors under `../shared/vectors`.
public enum CometBFTVectorPaths {
    public static let base = "cometbft/"
    public static let knownAnswers = base + "derived/known_answers.json"
    public static let syntheticChain = base + "derived/synthetic_skipping_chain.json"
    public static let modelBasedDirectory = base + "tendermint-rs/light-client/tests/support/model_based/single_step"
    public static let legacyBisectionDirectory = base + "legacy-amino-v0.33/tendermint-rs/light-client/tests/support/bisection/"
}

/// `cometbft/derived/known_answers.json`: Merkle, header-hash and vote-sign-bytes known answers,
/// and per real light block its header leaves, hashes, sorted validators and precommits.
public struct CometBFTKnownAnswers<Chain: CometBFTChainTypes>: Decodable {
    public let merkle: [Merkle]
    public let headerHash: [HeaderHash]
    public let voteSignBytes: [Vote]
    public let realChainLightBlocks: [RealLightBlock]

    enum CodingKeys: String, CodingKey {
        case merkle, headerHash = "header_hash", voteSignBytes = "vote_sign_bytes"
        case realChainLightBlocks = "real_chain_light_blocks"
    }

    /// A tree root (`leavesHex`), an inner-node hash (`innerLeftUTF8`/`innerRightUTF8`) or a leaf hash.
    public struct Merkle: Decodable {
        public let name: String
        public let leavesHex: [String]?
        public let rootHex: String?
        public let innerLeftUTF8: String?
        public let innerRightUTF8: String?
        public let innerHashHex: String?
        public let leafUTF8: String?
        public let leafHashHex: String?
        enum CodingKeys: String, CodingKey {
            case name, leavesHex = "leaves_hex", rootHex = "root_hex"
            case innerLeftUTF8 = "inner_left_utf8", innerRightUTF8 = "inner_right_utf8"
            case innerHashHex = "sha256(0x01||l||r)_hex", leafUTF8 = "leaf_utf8", leafHashHex = "sha256(0x00||leaf)_hex"
        }
    }

    /// A header given inline or by the path of a vector file (relative to `cometbft/`).
    public struct HeaderHash: Decodable {
        public let name: String
        public let header: Chain.Header?
        public let file: String?
        public let leavesHex: [String]
        public let expectedHash: String
        enum CodingKeys: String, CodingKey {
            case name, header, file, leavesHex = "leaves_hex", expectedHash = "expected_hash"
        }
    }

    public struct Vote: Decodable {
        public let name: String
        public let type: Int32
        public let height: Int64
        public let round: Int64
        /// Absent (JSON null) for a nil vote.
        public let blockID: Chain.BlockID?
        public let timestamp: String
        public let chainID: String
        public let signBytesHex: String
        enum CodingKeys: String, CodingKey {
            case name, type, height, round, blockID = "block_id", timestamp, chainID = "chain_id", signBytesHex = "sign_bytes_hex"
        }
    }

    public struct RealLightBlock: Decodable {
        public let name: String
        /// Path of the commit (or light-block) file, relative to `cometbft/`.
        public let commitFile: String
        public let headerLeavesHex: [String]
        public let headerHash: String
        public let validatorsSorted: [Validator]
        public let validatorsHash: String
        public let precommits: [Precommit]

        public struct Validator: Decodable {
            public let address: String
            public let pubKeyBase64: String
            public let votingPower: String
            public let simpleValidatorBytesHex: String
            enum CodingKeys: String, CodingKey {
                case address, pubKeyBase64 = "pub_key_b64", votingPower = "voting_power"
                case simpleValidatorBytesHex = "simple_validator_bytes_hex"
            }
        }

        public struct Precommit: Decodable {
            public let index: Int
            public let pubKeyBase64: String
            public let signBytesHex: String
            enum CodingKeys: String, CodingKey {
                case index, pubKeyBase64 = "pub_key_b64", signBytesHex = "sign_bytes_hex"
            }
        }

        enum CodingKeys: String, CodingKey {
            case name, commitFile = "commit_file", headerLeavesHex = "header_leaves_hex", headerHash = "header_hash"
            case validatorsSorted = "validators_sorted", validatorsHash = "validators_hash", precommits
        }
    }
}

/// `cometbft/derived/synthetic_skipping_chain.json`: a 16-block chain, the pairwise verdicts
/// under both trusted-set rules, and negative single steps.
public struct CometBFTSyntheticChain<Chain: CometBFTChainTypes>: Decodable {
    public let chainID: String
    public let trustingPeriodNs: String
    public let maxClockDriftNs: String
    public let now: String
    public let trustOptions: TrustOptions
    /// Index 0 is height 1.
    public let lightBlocks: [Chain.LightBlock]
    public let pairwise: [Pair]
    public let negativeSingleStep: [NegativeStep]

    enum CodingKeys: String, CodingKey {
        case chainID = "chain_id", trustingPeriodNs = "trusting_period_ns", maxClockDriftNs = "max_clock_drift_ns", now
        case trustOptions = "trust_options", lightBlocks = "light_blocks", pairwise
        case negativeSingleStep = "negative_single_step"
    }

    public struct TrustOptions: Decodable {
        public let height: String
        public let hash: String
    }

    /// The expected verdict of verifying `untrustedHeight` from `trustedHeight`, per rule.
    public struct Pair: Decodable {
        public let trustedHeight: Int
        public let untrustedHeight: Int
        public let adjacent: Bool
        public let verdictTrustingValidatorSet: String
        public let detailTrustingValidatorSet: Detail
        public let verdictTrustingNextValidatorSet: String
        public let detailTrustingNextValidatorSet: Detail

        enum CodingKeys: String, CodingKey {
            case trustedHeight = "trusted_height", untrustedHeight = "untrusted_height", adjacent
            case verdictTrustingValidatorSet = "verdict_trusting_validator_set"
            case detailTrustingValidatorSet = "detail_trusting_validator_set"
            case verdictTrustingNextValidatorSet = "verdict_trusting_next_validator_set"
            case detailTrustingNextValidatorSet = "detail_trusting_next_validator_set"
        }
    }

    /// Voting power tallies behind a verdict (present as far as the verification got).
    public struct Detail: Decodable {
        public let trustedSigned: UInt64?
        public let trustedTotal: UInt64?
        public let untrustedSigned: UInt64?
        public let untrustedTotal: UInt64?
        enum CodingKeys: String, CodingKey {
            case trustedSigned = "trusted_signed", trustedTotal = "trusted_total"
            case untrustedSigned = "untrusted_signed", untrustedTotal = "untrusted_total"
        }
    }

    public struct NegativeStep: Decodable {
        public let name: String
        public let trustedHeight: Int
        public let untrusted: Chain.LightBlock
        public let now: String
        public let expected: String
        enum CodingKeys: String, CodingKey {
            case name, trustedHeight = "trusted_height", untrusted, now, expected
        }
    }
}

/// A tendermint-rs model-based single-step file (`model_based/single_step/*.json`).
public struct CometBFTModelBasedTest<Chain: CometBFTChainTypes>: Decodable {
    public let description: String
    public let initial: Initial
    public let input: [Step]

    public struct Initial: Decodable {
        public let signedHeader: Chain.SignedHeader
        public let nextValidatorSet: Chain.ValidatorSet
        /// Nanoseconds, as text.
        public let trustingPeriod: String
        public let now: String
        enum CodingKeys: String, CodingKey {
            case signedHeader = "signed_header", nextValidatorSet = "next_validator_set"
            case trustingPeriod = "trusting_period", now
        }
    }

    public struct Step: Decodable {
        public let block: Chain.LightBlock
        public let now: String
        public let verdict: String
    }
}

/// A tendermint-rs 0.33 (amino era) bisection file: only the primary's blocks and `now` are read.
public struct CometBFTLegacyBisection<Chain: CometBFTChainTypes>: Decodable {
    public let description: String
    public let primary: Primary
    public let now: String

    public struct Primary: Decodable {
        public let chainID: String
        public let liteBlocks: [Chain.LightBlock]
        enum CodingKeys: String, CodingKey { case chainID = "chain_id", liteBlocks = "lite_blocks" }
    }
}

/// A file holding a signed header: a JSON-RPC `/commit` envelope (`result.signed_header`), a
/// bare `{"signed_header": …}`, or a light block.
public struct CometBFTSignedHeaderFile<SignedHeader: Decodable>: Decodable {
    public let signedHeader: SignedHeader

    private struct Body: Decodable {
        let signedHeader: SignedHeader
        enum CodingKeys: String, CodingKey { case signedHeader = "signed_header" }
    }

    enum CodingKeys: String, CodingKey { case result, signedHeader = "signed_header" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let body = try c.decodeIfPresent(Body.self, forKey: .result) {
            signedHeader = body.signedHeader
        } else {
            signedHeader = try c.decode(SignedHeader.self, forKey: .signedHeader)
        }
    }
}
