/// A validator: address, consensus key and voting power (`tendermint.types.Validator`).
///
/// ```swift
/// let v = Validator(publicKey: key, votingPower: 10)    // address derived from the key
/// v.simpleValidatorBytes                                 // the validator-set hash leaf
/// ```
public struct Validator: Sendable, Hashable {
    /// 20-byte address (must equal `publicKey.address`; checked by the verifier).
    public var address: [UInt8]
    /// Consensus public key.
    public var publicKey: PublicKey
    /// Voting power (≥ 0).
    public var votingPower: Int64
    /// Proposer priority (not hashed; informational).
    public var proposerPriority: Int64

    /// A validator with an explicit address (as read from JSON).
    public init(address: [UInt8], publicKey: PublicKey, votingPower: Int64, proposerPriority: Int64 = 0) {
        self.address = address
        self.publicKey = publicKey
        self.votingPower = votingPower
        self.proposerPriority = proposerPriority
    }

    /// A validator whose address is derived from its key.
    public init(publicKey: PublicKey, votingPower: Int64, proposerPriority: Int64 = 0) {
        self.init(address: publicKey.address, publicKey: publicKey, votingPower: votingPower,
                  proposerPriority: proposerPriority)
    }

    /// `SimpleValidator{1: PublicKey (always emitted), 2: voting_power}` — the leaf of the
    /// validator-set hash. Address and proposer priority are not hashed.
    public var simpleValidatorBytes: [UInt8] {
        var w = ProtobufWriter(capacity: 48)
        let key = publicKey.protobufBytes
        w.message(field: 1, alwaysEmit: true) { $0.raw(key) }
        w.int64(field: 2, votingPower)
        return w.bytes
    }
}
