/// Header hashing (CometBFT v0.34+ `Header.Hash()`): the Merkle root of 14 leaves, one per
/// proto field of `tendermint.types.Header`, in field order.
///
/// Leaf 1 (version), 4 (time) and 5 (last block ID) are bare protobuf messages; the others are
/// `cdcEncode`d wrapper messages (`StringValue`, `Int64Value`, `BytesValue`: `0a len bytes` or
/// `08 varint`), and an empty value gives an empty leaf.
///
/// ```swift
/// let hash = header.hash()              // 32 bytes; equals the commit's block_id.hash
/// let leaves = header.merkleLeaves()    // the 14 encodings, for debugging
/// ```
extension Header {
    /// The 14 leaf encodings in field order.
    public func merkleLeaves() -> [[UInt8]] {
        [
            version.protobufBytes,
            Self.wrapBytes(Array(chainID.utf8)),
            Self.wrapInt64(height),
            time.protobufBytes,
            lastBlockID.protobufBytes,
            Self.wrapBytes(lastCommitHash),
            Self.wrapBytes(dataHash),
            Self.wrapBytes(validatorsHash),
            Self.wrapBytes(nextValidatorsHash),
            Self.wrapBytes(consensusHash),
            Self.wrapBytes(appHash),
            Self.wrapBytes(lastResultsHash),
            Self.wrapBytes(evidenceHash),
            Self.wrapBytes(proposerAddress),
        ]
    }

    /// The header hash (32 bytes), or an empty array when `validatorsHash` is empty
    /// (Go returns `nil` for such an incomplete header).
    public func hash() -> [UInt8] {
        guard !validatorsHash.isEmpty else { return [] }
        return MerkleTree.root(merkleLeaves())
    }

    /// `cdcEncode` of a string or bytes value: a wrapper message `{1: value}`; empty → empty.
    static func wrapBytes(_ value: [UInt8]) -> [UInt8] {
        var w = ProtobufWriter(capacity: value.count + 3)
        w.data(field: 1, value)
        return w.bytes
    }

    /// `cdcEncode` of an int64: `Int64Value{1: value}`; zero → empty.
    static func wrapInt64(_ value: Int64) -> [UInt8] {
        var w = ProtobufWriter(capacity: 12)
        w.int64(field: 1, value)
        return w.bytes
    }
}
