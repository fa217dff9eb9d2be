/// Protocol versions carried in a header (`tendermint.version.Consensus`).
public struct ConsensusVersion: Sendable, Hashable {
    /// Block protocol version (11 for CometBFT 0.34 … 1.x).
    public var block: UInt64
    /// Application protocol version.
    public var app: UInt64

    /// A version pair.
    public init(block: UInt64, app: UInt64) {
        self.block = block
        self.app = app
    }

    /// The block protocol CometBFT 0.34 … 1.x speak.
    public static let blockProtocol: UInt64 = 11

    /// Protobuf body `{1: block, 2: app}` — header leaf 1.
    public var protobufBytes: [UInt8] {
        var w = ProtobufWriter(capacity: 24)
        w.uint64(field: 1, block)
        w.uint64(field: 2, app)
        return w.bytes
    }
}

/// A CometBFT block header (`tendermint.types.Header`). Its hash (`hash()`) is what a commit
/// signs and what a light client trusts.
///
/// ```swift
/// let header = try ChainJSON.decode(Header.self, from: bytes)
/// Hex.encode(header.hash(), uppercase: true)   // equals commit.block_id.hash
/// ```
public struct Header: Sendable, Hashable {
    /// Block and app protocol versions.
    public var version: ConsensusVersion
    /// Chain identifier (at most 50 bytes).
    public var chainID: String
    /// Block height (> 0).
    public var height: Int64
    /// Block time (BFT time).
    public var time: Timestamp
    /// ID of the previous block (zero at height 1).
    public var lastBlockID: BlockID
    /// Merkle root of the previous block's commit signatures.
    public var lastCommitHash: [UInt8]
    /// Merkle root of the transactions.
    public var dataHash: [UInt8]
    /// Hash of the validator set that signs this block.
    public var validatorsHash: [UInt8]
    /// Hash of the validator set for the next block.
    public var nextValidatorsHash: [UInt8]
    /// Hash of the consensus parameters.
    public var consensusHash: [UInt8]
    /// Application state root after the previous block (any length).
    public var appHash: [UInt8]
    /// Merkle root of the previous block's transaction results.
    public var lastResultsHash: [UInt8]
    /// Merkle root of the evidence.
    public var evidenceHash: [UInt8]
    /// Address of the block proposer (20 bytes).
    public var proposerAddress: [UInt8]

    /// A header from its fields.
    public init(version: ConsensusVersion, chainID: String, height: Int64, time: Timestamp,
                lastBlockID: BlockID, lastCommitHash: [UInt8], dataHash: [UInt8],
                validatorsHash: [UInt8], nextValidatorsHash: [UInt8], consensusHash: [UInt8],
                appHash: [UInt8], lastResultsHash: [UInt8], evidenceHash: [UInt8],
                proposerAddress: [UInt8]) {
        self.version = version
        self.chainID = chainID
        self.height = height
        self.time = time
        self.lastBlockID = lastBlockID
        self.lastCommitHash = lastCommitHash
        self.dataHash = dataHash
        self.validatorsHash = validatorsHash
        self.nextValidatorsHash = nextValidatorsHash
        self.consensusHash = consensusHash
        self.appHash = appHash
        self.lastResultsHash = lastResultsHash
        self.evidenceHash = evidenceHash
        self.proposerAddress = proposerAddress
    }

    /// Maximum chain-ID length (`MaxChainIDLen`).
    public static let maxChainIDLength = 50
}
