/// What a commit signature stands for (`tendermint.types.BlockIDFlag`).
public enum BlockIDFlag: Int32, Sendable, Hashable, CaseIterable {
    /// No vote was received from this validator.
    case absent = 1
    /// A precommit for the commit's block ID.
    case commit = 2
    /// A precommit for nil.
    case `nil` = 3
}

/// One validator's entry in a commit (`tendermint.types.CommitSig`), index-aligned with the
/// validator set in canonical order.
public struct CommitSig: Sendable, Hashable {
    /// Absent, commit, or nil.
    public var flag: BlockIDFlag
    /// Signer address (20 bytes; empty for absent entries).
    public var validatorAddress: [UInt8]
    /// The signer's own vote timestamp (part of what it signed).
    public var timestamp: Timestamp
    /// Signature over the vote sign bytes (64 bytes; empty for absent entries).
    public var signature: [UInt8]

    /// A commit signature.
    public init(flag: BlockIDFlag, validatorAddress: [UInt8], timestamp: Timestamp, signature: [UInt8]) {
        self.flag = flag
        self.validatorAddress = validatorAddress
        self.timestamp = timestamp
        self.signature = signature
    }

    /// An absent entry as CometBFT emits it (empty address, Go zero time, no signature).
    public static let absent = CommitSig(flag: .absent, validatorAddress: [], timestamp: .goZero, signature: [])
}

/// The +2/3 precommits for a block (`tendermint.types.Commit`).
///
/// ```swift
/// for (i, sig) in commit.signatures.enumerated() where sig.flag == .commit { … }
/// ```
public struct Commit: Sendable, Hashable {
    /// Height of the committed block.
    public var height: Int64
    /// Consensus round in which the block was committed.
    public var round: Int32
    /// ID of the committed block (`hash` = the header hash).
    public var blockID: BlockID
    /// One entry per validator, in canonical validator-set order.
    public var signatures: [CommitSig]

    /// A commit.
    public init(height: Int64, round: Int32, blockID: BlockID, signatures: [CommitSig]) {
        self.height = height
        self.round = round
        self.blockID = blockID
        self.signatures = signatures
    }

    /// The block ID a signature at this flag voted for (commit → `blockID`, nil → zero).
    public func votedBlockID(for flag: BlockIDFlag) -> BlockID {
        flag == .commit ? blockID : .zero
    }
}
