/// Which validator set of the trusted block the skipping (non-adjacent) trust check uses.
public enum TrustedSetRule: Sendable, Hashable {
    /// The trusted block's *next* validator set (tendermint-rs and the light-client spec; default).
    case nextValidators
    /// The trusted block's own validator set (CometBFT Go `light.VerifyNonAdjacent` as called by
    /// its client).
    case validators
}

/// Parameters of light-client verification (tendermint-rs `Options`).
///
/// ```swift
/// var options = VerificationOptions(trustingPeriod: .seconds(14 * 24 * 3600))
/// options.clockDrift = .seconds(10)          // default
/// options.trustThreshold = .oneThird         // default
/// ```
public struct VerificationOptions: Sendable, Hashable {
    /// Fraction of the trusted set's power that must sign a skipped-to header (default 1/3).
    public var trustThreshold: TrustThreshold
    /// How long a trusted header may be used (well below the unbonding period).
    public var trustingPeriod: Duration
    /// Allowed clock skew for headers slightly ahead of `now` (default 10 s).
    public var clockDrift: Duration
    /// Which trusted validator set the skipping trust check uses (default: next validators).
    public var trustedSetRule: TrustedSetRule

    /// Options with the given trusting period and the CometBFT defaults otherwise.
    public init(trustThreshold: TrustThreshold = .oneThird, trustingPeriod: Duration,
                clockDrift: Duration = .seconds(10), trustedSetRule: TrustedSetRule = .nextValidators) {
        self.trustThreshold = trustThreshold
        self.trustingPeriod = trustingPeriod
        self.clockDrift = clockDrift
        self.trustedSetRule = trustedSetRule
    }

    /// The `cometbft light` CLI default trusting period, 168 h.
    public static let defaultTrustingPeriod: Duration = .seconds(168 * 3600)
}
