/// The result of counting signed voting power against a validator set.
public struct VotingPowerTally: Sendable, Hashable, CustomStringConvertible {
    /// Total voting power of the set.
    public let total: UInt64
    /// Power of the validators whose valid signature was counted (may stop early once enough).
    public let tallied: UInt64
    /// The fraction that had to be exceeded.
    public let threshold: TrustThreshold

    /// A tally.
    public init(total: UInt64, tallied: UInt64, threshold: TrustThreshold) {
        self.total = total
        self.tallied = tallied
        self.threshold = threshold
    }

    /// Whether `tallied` is strictly more than `threshold` of `total`.
    public var isEnough: Bool { threshold.isEnough(tallied: tallied, total: total) }

    public var description: String { "signed power \(tallied) of \(total) (needed more than \(threshold))" }
}
