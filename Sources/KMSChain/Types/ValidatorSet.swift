/// A validator set in canonical order: voting power descending, ties by address ascending
/// (`ValidatorsByVotingPower`). Commit signatures are index-aligned with this order and the set
/// hash is taken over it, so the initializer always sorts.
///
/// ```swift
/// let set = ValidatorSet([v1, v2, v3])      // sorted
/// set.hash() == header.validatorsHash
/// set.totalVotingPower                       // nil if negative or above Int64.max / 8
/// ```
public struct ValidatorSet: Sendable, Hashable {
    /// The validators in canonical order.
    public let validators: [Validator]

    /// Largest total voting power CometBFT allows (`MaxTotalVotingPower = Int64.max / 8`).
    public static let maxTotalVotingPower: Int64 = Int64.max / 8

    /// A set from validators in any order; they are sorted canonically.
    public init(_ validators: [Validator]) {
        self.validators = validators.sorted(by: Self.canonicalOrder)
    }

    /// The empty set (invalid for verification, but representable).
    public static let empty = ValidatorSet([])

    /// Canonical order: higher power first, then lower address first.
    public static func canonicalOrder(_ a: Validator, _ b: Validator) -> Bool {
        if a.votingPower != b.votingPower { return a.votingPower > b.votingPower }
        return a.address.lexicographicallyPrecedes(b.address)
    }

    /// Number of validators.
    public var count: Int { validators.count }
    /// Whether the set has no validator.
    public var isEmpty: Bool { validators.isEmpty }

    /// Sum of the voting powers, or `nil` if a power is negative or the sum exceeds
    /// `maxTotalVotingPower`.
    public var totalVotingPower: Int64? {
        var total: Int64 = 0
        for v in validators {
            guard v.votingPower >= 0 else { return nil }
            let (s, o) = total.addingReportingOverflow(v.votingPower)
            guard !o, s <= Self.maxTotalVotingPower else { return nil }
            total = s
        }
        return total
    }

    /// Index of the validator with `address`, if any.
    public func index(of address: [UInt8]) -> Int? {
        validators.firstIndex { $0.address == address }
    }

    /// The validator-set hash: Merkle root of the `SimpleValidator` encodings in set order.
    public func hash() -> [UInt8] {
        MerkleTree.root(validators.map(\.simpleValidatorBytes))
    }
}
