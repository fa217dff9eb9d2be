/// Outcome of verifying one untrusted light block from a trusted one (tendermint-rs `Verdict`).
///
/// ```swift
/// switch verifier.verify(untrusted: block, trusted: trusted, now: now) {
/// case .success: …                          // block is now trusted
/// case .notEnoughTrust(let tally): …        // bisect: verify an intermediate height first
/// case .invalid(let reason): …              // reject the block
/// }
/// ```
public enum Verdict: Equatable, Sendable, CustomStringConvertible {
    /// The untrusted block is verified.
    case success
    /// The trusted set signed too little of the untrusted header; try an intermediate height.
    case notEnoughTrust(VotingPowerTally)
    /// The untrusted block is invalid (reason given).
    case invalid(InvalidReason)

    /// The verdict for a thrown verification error.
    public init(_ error: VerificationError) {
        switch error {
        case .notEnoughTrust(let t): self = .notEnoughTrust(t)
        case .invalid(let r): self = .invalid(r)
        }
    }

    /// The error, or `nil` on success.
    public var error: VerificationError? {
        switch self {
        case .success: nil
        case .notEnoughTrust(let t): .notEnoughTrust(t)
        case .invalid(let r): .invalid(r)
        }
    }

    /// `SUCCESS`, `NOT_ENOUGH_TRUST` or `INVALID` (the names of the model-based vectors).
    public var name: String {
        switch self {
        case .success: "SUCCESS"
        case .notEnoughTrust: "NOT_ENOUGH_TRUST"
        case .invalid: "INVALID"
        }
    }

    public var description: String {
        switch self {
        case .success: "SUCCESS"
        case .notEnoughTrust(let t): "NOT_ENOUGH_TRUST: \(t)"
        case .invalid(let r): "INVALID: \(r)"
        }
    }
}
