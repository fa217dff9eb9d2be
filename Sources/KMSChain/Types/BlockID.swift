/// Header of the set of parts a block was split into for gossip (`tendermint.types.PartSetHeader`).
public struct PartSetHeader: Sendable, Hashable {
    /// Number of parts.
    public var total: UInt32
    /// Merkle root of the parts (32 bytes, or empty).
    public var hash: [UInt8]

    /// A part-set header.
    public init(total: UInt32, hash: [UInt8]) {
        self.total = total
        self.hash = hash
    }

    /// Protobuf body `{1: total, 2: hash}` (zero fields omitted).
    public var protobufBytes: [UInt8] {
        var w = ProtobufWriter(capacity: 40)
        w.uint64(field: 1, UInt64(total))
        w.data(field: 2, hash)
        return w.bytes
    }
}

/// Identifies a block: its header hash and its part-set header (`tendermint.types.BlockID`).
///
/// ```swift
/// let id = BlockID(hash: headerHash, partSetHeader: PartSetHeader(total: 1, hash: partsRoot))
/// id.isZero        // false
/// ```
public struct BlockID: Sendable, Hashable {
    /// The block's header hash (32 bytes, or empty).
    public var hash: [UInt8]
    /// The block's part-set header (JSON key `parts`, or `part_set_header` in tendermint-rs files).
    public var partSetHeader: PartSetHeader

    /// A block ID.
    public init(hash: [UInt8], partSetHeader: PartSetHeader) {
        self.hash = hash
        self.partSetHeader = partSetHeader
    }

    /// The zero block ID (height-1 `last_block_id`, nil votes).
    public static let zero = BlockID(hash: [], partSetHeader: PartSetHeader(total: 0, hash: []))

    /// `IsZero`: empty hash, zero total and empty part-set hash. An empty hash with a non-zero
    /// part-set header is *not* zero.
    public var isZero: Bool { hash.isEmpty && partSetHeader.total == 0 && partSetHeader.hash.isEmpty }

    /// `IsComplete`: 32-byte hash, total > 0, 32-byte part-set hash.
    public var isComplete: Bool { hash.count == 32 && partSetHeader.total > 0 && partSetHeader.hash.count == 32 }

    /// Protobuf body `{1: hash, 2: part_set_header (always emitted)}` — header leaf 5.
    public var protobufBytes: [UInt8] {
        var w = ProtobufWriter(capacity: 80)
        w.data(field: 1, hash)
        let psh = partSetHeader.protobufBytes
        w.message(field: 2, alwaysEmit: true) { $0.raw(psh) }
        return w.bytes
    }

    /// `CanonicalBlockID` body (as signed in votes): same layout as `BlockID`.
    public var canonicalProtobufBytes: [UInt8] { protobufBytes }
}
