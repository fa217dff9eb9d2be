import KMSPrimitives

/// Why light-client verification did not succeed: either the untrusted header may be fine but
/// the trusted validators did not sign enough of it (`notEnoughTrust` — bisect), or it is
/// invalid (`invalid`, with the reason — reject it).
public enum VerificationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The trusted validator set signed at most the trust threshold of its power.
    case notEnoughTrust(VotingPowerTally)
    /// The untrusted block is invalid, or cannot be verified from this trusted block.
    case invalid(InvalidReason)

    public var description: String {
        switch self {
        case .notEnoughTrust(let t): "not enough trust: \(t)"
        case .invalid(let r): "invalid: \(r)"
        }
    }
}

/// The reason a light block is invalid (names follow tendermint-rs `VerificationErrorDetail`
/// and CometBFT Go `ValidateBasic` checks).
public enum InvalidReason: Equatable, Sendable, CustomStringConvertible {
    // MARK: Well-formedness (Go ValidateBasic)
    /// `version.block` is not the CometBFT block protocol (11).
    case unsupportedBlockVersion(UInt64)
    /// Chain ID longer than 50 bytes.
    case chainIDTooLong(Int)
    /// Header height ≤ 0.
    case nonPositiveHeight(Int64)
    /// A hash field that is neither empty nor 32 bytes.
    case invalidHashLength(field: String, length: Int)
    /// Proposer address not 20 bytes.
    case invalidProposerAddress(length: Int)
    /// The commit is for another height than the header.
    case commitHeightMismatch(header: Int64, commit: Int64)
    /// Negative commit round.
    case negativeRound(Int32)
    /// The commit's block ID is not a complete block ID.
    case invalidCommitBlockID
    /// A malformed commit signature entry (address or signature size).
    case malformedCommitSignature(index: Int, reason: String)
    /// The validator set is empty.
    case emptyValidatorSet
    /// A malformed validator (negative power, address not derived from its key).
    case malformedValidator(index: Int, reason: String)
    /// Two validators of one set share an address.
    case duplicateValidatorInSet(address: [UInt8])
    /// Total voting power negative or above `Int64.max / 8`.
    case votingPowerOutOfRange

    // MARK: Consistency of the untrusted block
    /// `header.validators_hash` ≠ hash of the supplied validators.
    case invalidValidatorSet(headerHash: [UInt8], computed: [UInt8])
    /// `header.next_validators_hash` ≠ hash of the supplied next validators.
    case invalidNextValidatorSet(headerHash: [UInt8], computed: [UInt8])
    /// `header.hash()` ≠ `commit.block_id.hash`.
    case invalidCommitValue(headerHash: [UInt8], commitHash: [UInt8])
    /// The commit has no non-absent signature.
    case noSignatureForCommit
    /// Number of commit signatures ≠ number of validators.
    case mismatchPreCommitLength(signatures: Int, validators: Int)
    /// A signature's address differs from the validator at its index (faulty signer).
    case validatorAddressMismatch(index: Int, expected: [UInt8], got: [UInt8])
    /// The same validator signed twice.
    case duplicateValidator(address: [UInt8])
    /// A signature that does not verify.
    case invalidSignature(index: Int, address: [UInt8])
    /// Not more than 2/3 of the untrusted set signed.
    case insufficientSignersOverlap(VotingPowerTally)

    // MARK: Against the trusted block
    /// The trusted header is too old: it expired at `expiresAt` (≤ now).
    case trustedHeaderExpired(expiresAt: Timestamp, now: Timestamp)
    /// Different chain IDs.
    case chainIDMismatch(untrusted: String, trusted: String)
    /// The untrusted height is not above the trusted one.
    case nonIncreasingHeight(untrusted: Int64, trusted: Int64)
    /// The untrusted header time is not after the trusted one.
    case nonMonotonicBFTTime(untrusted: Timestamp, trusted: Timestamp)
    /// The untrusted header time is not before now + clock drift.
    case headerFromFuture(time: Timestamp, now: Timestamp, clockDrift: Duration)
    /// Adjacent block whose validators are not the trusted block's next validators.
    case validatorSetChangedUnexpectedly(untrustedValidatorsHash: [UInt8], trustedNextValidatorsHash: [UInt8])
    /// The trusted block has no next validator set (and its header says the set changes).
    case missingTrustedNextValidators
    /// `verifyAdjacent` called on non-adjacent heights, or `verifySkipping` on adjacent ones.
    case wrongVerificationMode(untrusted: Int64, trusted: Int64, expectedAdjacent: Bool)

    public var description: String {
        func hex(_ b: [UInt8]) -> String { b.isEmpty ? "(empty)" : Hex.encode(b, uppercase: true) }
        switch self {
        case .unsupportedBlockVersion(let v): return "unsupported block protocol version \(v) (expected \(ConsensusVersion.blockProtocol))"
        case .chainIDTooLong(let n): return "chain ID is \(n) bytes (maximum \(Header.maxChainIDLength))"
        case .nonPositiveHeight(let h): return "header height \(h) is not positive"
        case .invalidHashLength(let f, let n): return "\(f) must be empty or 32 bytes, got \(n)"
        case .invalidProposerAddress(let n): return "proposer address must be 20 bytes, got \(n)"
        case .commitHeightMismatch(let h, let c): return "commit height \(c) does not match header height \(h)"
        case .negativeRound(let r): return "negative commit round \(r)"
        case .invalidCommitBlockID: return "commit block ID is not a complete block ID"
        case .malformedCommitSignature(let i, let r): return "commit signature #\(i): \(r)"
        case .emptyValidatorSet: return "validator set is empty"
        case .malformedValidator(let i, let r): return "validator #\(i): \(r)"
        case .duplicateValidatorInSet(let a): return "validator \(hex(a)) appears twice in the set"
        case .votingPowerOutOfRange: return "total voting power is negative or above \(ValidatorSet.maxTotalVotingPower)"
        case .invalidValidatorSet(let h, let c): return "validators hash mismatch: header has \(hex(h)), validator set hashes to \(hex(c))"
        case .invalidNextValidatorSet(let h, let c): return "next validators hash mismatch: header has \(hex(h)), next validator set hashes to \(hex(c))"
        case .invalidCommitValue(let h, let c): return "header hash \(hex(h)) does not match commit block ID hash \(hex(c))"
        case .noSignatureForCommit: return "commit has no signature"
        case .mismatchPreCommitLength(let s, let v): return "commit has \(s) signatures for \(v) validators"
        case .validatorAddressMismatch(let i, let e, let g): return "commit signature #\(i) is from \(hex(g)), expected validator \(hex(e))"
        case .duplicateValidator(let a): return "validator \(hex(a)) signed twice"
        case .invalidSignature(let i, let a): return "invalid signature #\(i) from validator \(hex(a))"
        case .insufficientSignersOverlap(let t): return "not more than 2/3 of the validator set signed: \(t)"
        case .trustedHeaderExpired(let e, let n): return "trusted header expired at \(e) (now \(n)); a new trust root is needed"
        case .chainIDMismatch(let u, let t): return "chain ID \"\(u)\" does not match trusted chain ID \"\(t)\""
        case .nonIncreasingHeight(let u, let t): return "height \(u) is not above trusted height \(t)"
        case .nonMonotonicBFTTime(let u, let t): return "header time \(u) is not after trusted header time \(t)"
        case .headerFromFuture(let t, let n, let d): return "header time \(t) is not before now \(n) + clock drift \(GoDuration.format(d))"
        case .validatorSetChangedUnexpectedly(let u, let t): return "validators hash \(hex(u)) is not the trusted next validators hash \(hex(t))"
        case .missingTrustedNextValidators: return "trusted light block has no next_validator_set (needed to verify a skipped-to header)"
        case .wrongVerificationMode(let u, let t, let adj): return adj
            ? "heights \(t) → \(u) are not adjacent" : "heights \(t) → \(u) are adjacent; use adjacent verification"
        }
    }
}
