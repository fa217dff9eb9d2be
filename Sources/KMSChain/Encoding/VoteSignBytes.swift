/// Types of signed consensus messages (`tendermint.types.SignedMsgType`).
public enum SignedMsgType: Int32, Sendable, Hashable {
    /// Unset (appears only in test vectors).
    case unknown = 0
    /// A prevote.
    case prevote = 1
    /// A precommit (every commit signature is one).
    case precommit = 2
    /// A block proposal.
    case proposal = 32
}

/// The bytes a validator signs for a vote (`VoteSignBytes`): `uvarint(len) ‖ CanonicalVote`,
/// where `CanonicalVote = {1: type, 2: height sfixed64, 3: round sfixed64, 4: CanonicalBlockID
/// (omitted iff the block ID is zero), 5: timestamp (always emitted), 6: chain_id}`.
///
/// ```swift
/// let bytes = VoteSignBytes.encode(type: .precommit, height: 9, round: 0, blockID: id,
///                                  timestamp: t, chainID: "dockerchain")
/// ```
public enum VoteSignBytes {
    /// Sign bytes of one vote, length prefix included.
    public static func encode(type: SignedMsgType, height: Int64, round: Int64, blockID: BlockID,
                              timestamp: Timestamp, chainID: String) -> [UInt8] {
        var w = ProtobufWriter(capacity: 160)
        w.int64(field: 1, Int64(type.rawValue))
        w.sfixed64(field: 2, height)
        w.sfixed64(field: 3, round)
        if !blockID.isZero {
            let id = blockID.canonicalProtobufBytes
            w.message(field: 4, alwaysEmit: true) { $0.raw(id) }
        }
        let ts = timestamp.protobufBytes
        w.message(field: 5, alwaysEmit: true) { $0.raw(ts) }
        w.string(field: 6, chainID)
        var out = [UInt8]()
        out.reserveCapacity(w.bytes.count + 2)
        ProtobufWriter.appendVarint(UInt64(w.bytes.count), to: &out)
        out.append(contentsOf: w.bytes)
        return out
    }
}

/// Sign bytes of every precommit in one commit, built without per-signature allocation: the
/// part before the timestamp (type, height, round, block ID) and the part after it (chain ID)
/// are encoded once; each signature only writes its own timestamp into a reused buffer.
///
/// ```swift
/// let builder = CommitSignBytes(commit: commit, chainID: header.chainID)
/// var buffer = [UInt8]()
/// builder.write(index: 0, into: &buffer)     // == VoteSignBytes.encode(... signatures[0] ...)
/// ```
public struct CommitSignBytes: Sendable {
    private let commitHead: [UInt8]
    private let nilHead: [UInt8]
    private let tail: [UInt8]
    private let signatures: [CommitSig]

    /// Prepares the shared parts for `commit` on `chainID`.
    public init(commit: Commit, chainID: String) {
        var head = ProtobufWriter(capacity: 96)
        head.uint64(field: 1, UInt64(SignedMsgType.precommit.rawValue))
        head.sfixed64(field: 2, commit.height)
        head.sfixed64(field: 3, Int64(commit.round))
        nilHead = head.bytes
        if !commit.blockID.isZero {
            let id = commit.blockID.canonicalProtobufBytes
            head.message(field: 4, alwaysEmit: true) { $0.raw(id) }
        }
        commitHead = head.bytes
        var t = ProtobufWriter(capacity: 56)
        t.string(field: 6, chainID)
        tail = t.bytes
        signatures = commit.signatures
    }

    /// Writes the sign bytes of signature `index` into `buffer` (replacing its contents).
    /// Absent entries get the bytes of a nil vote; callers skip them.
    public func write(index: Int, into buffer: inout [UInt8]) {
        let sig = signatures[index]
        let head = sig.flag == .commit ? commitHead : nilHead
        let secs = UInt64(bitPattern: sig.timestamp.seconds)
        let nanos = UInt64(bitPattern: Int64(sig.timestamp.nanos))
        var tsLength = 0
        if secs != 0 { tsLength += 1 + ProtobufWriter.varintSize(secs) }
        if nanos != 0 { tsLength += 1 + ProtobufWriter.varintSize(nanos) }
        let messageLength = head.count + 2 + tsLength + tail.count
        buffer.removeAll(keepingCapacity: true)
        buffer.reserveCapacity(messageLength + 3)
        ProtobufWriter.appendVarint(UInt64(messageLength), to: &buffer)
        buffer.append(contentsOf: head)
        buffer.append(0x2A)
        buffer.append(UInt8(tsLength))
        if secs != 0 { buffer.append(0x08); ProtobufWriter.appendVarint(secs, to: &buffer) }
        if nanos != 0 { buffer.append(0x10); ProtobufWriter.appendVarint(nanos, to: &buffer) }
        buffer.append(contentsOf: tail)
    }

    /// Sign bytes of signature `index` in a new array.
    public func signBytes(index: Int) -> [UInt8] {
        var out = [UInt8]()
        write(index: index, into: &out)
        return out
    }
}
