/// Counts the voting power behind one commit, verifying signatures as it goes.
///
/// Two ways of matching signatures with validators, as CometBFT does them:
/// - `tallyByIndex` (the +2/3 check against the block's own validator set): signature *i*
///   belongs to validator *i* of the canonical order, and its address must match.
/// - `tallyByAddress` (the trust check against a previously trusted set): each signer is looked up
///   by address; unknown signers are skipped; a validator signing twice is an error.
///
/// Only `commit` (flag 2) signatures count; absent and nil votes are neither verified nor counted.
/// Sign bytes are built once per commit and patched per signature; a signature verified by one
/// tally under a given key is not verified again by the other.
///
/// ```swift
/// var calc = VotingPowerCalculator(signedHeader: block.signedHeader)
/// let trust = try calc.tallyByAddress(trusted.nextValidators, threshold: .oneThird)
/// let quorum = try calc.tallyByIndex(block.validators, threshold: .twoThirds)
/// ```
public struct VotingPowerCalculator: Sendable {
    private let commit: Commit
    private let signBytes: CommitSignBytes
    private var buffer: [UInt8]
    /// Per signature index: the key it was verified with, once verified.
    private var verifiedWith: [[UInt8]?]

    /// Prepares to count the signatures of `signedHeader.commit`.
    public init(signedHeader: SignedHeader) {
        self.init(commit: signedHeader.commit, chainID: signedHeader.header.chainID)
    }

    /// Prepares to count the signatures of `commit` on chain `chainID` (e.g. a block's `last_commit`).
    public init(commit: Commit, chainID: String) {
        self.commit = commit
        signBytes = CommitSignBytes(commit: commit, chainID: chainID)
        buffer = []
        buffer.reserveCapacity(176)
        verifiedWith = Array(repeating: nil, count: commit.signatures.count)
    }

    /// Power of `validators` (matched by index, address checked) whose valid signatures are in
    /// the commit. Stops once more than `threshold` is counted unless `countAll`.
    /// - Throws: `.invalid` for a count mismatch, an address mismatch, a bad signature or an
    ///   out-of-range total. Does not judge the threshold: see `VotingPowerTally.isEnough`.
    public mutating func tallyByIndex(_ validators: ValidatorSet, threshold: TrustThreshold,
                                      countAll: Bool = false) throws(VerificationError) -> VotingPowerTally {
        guard let total = validators.totalVotingPower else { throw .invalid(.votingPowerOutOfRange) }
        let vals = validators.validators
        guard commit.signatures.count == vals.count else {
            throw .invalid(.mismatchPreCommitLength(signatures: commit.signatures.count, validators: vals.count))
        }
        var tallied: UInt64 = 0
        for (i, sig) in commit.signatures.enumerated() where sig.flag == .commit {
            let v = vals[i]
            guard v.address == sig.validatorAddress else {
                throw .invalid(.validatorAddressMismatch(index: i, expected: v.address, got: sig.validatorAddress))
            }
            try verify(index: i, with: v)
            tallied += UInt64(v.votingPower)
            if !countAll && threshold.isEnough(tallied: tallied, total: UInt64(total)) { break }
        }
        return VotingPowerTally(total: UInt64(total), tallied: tallied, threshold: threshold)
    }

    /// Power of `validators` (matched by address, each counted once) whose valid signatures are in
    /// the commit. Signers not in `validators` are skipped. Stops once more than `threshold` is
    /// counted unless `countAll`.
    /// - Throws: `.invalid` for a validator signing twice, a bad signature or an out-of-range total.
    public mutating func tallyByAddress(_ validators: ValidatorSet, threshold: TrustThreshold,
                                        countAll: Bool = false) throws(VerificationError) -> VotingPowerTally {
        guard let total = validators.totalVotingPower else { throw .invalid(.votingPowerOutOfRange) }
        let vals = validators.validators
        // Address → index in `vals`, by binary search over a sorted copy (no hashing of arrays).
        let byAddress = vals.indices.sorted { vals[$0].address.lexicographicallyPrecedes(vals[$1].address) }
        var counted = [Bool](repeating: false, count: vals.count)
        var tallied: UInt64 = 0
        for (i, sig) in commit.signatures.enumerated() where sig.flag == .commit {
            guard let j = Self.find(sig.validatorAddress, in: byAddress, of: vals) else { continue }
            guard !counted[j] else { throw .invalid(.duplicateValidator(address: sig.validatorAddress)) }
            counted[j] = true
            try verify(index: i, with: vals[j])
            tallied += UInt64(vals[j].votingPower)
            if !countAll && threshold.isEnough(tallied: tallied, total: UInt64(total)) { break }
        }
        return VotingPowerTally(total: UInt64(total), tallied: tallied, threshold: threshold)
    }

    private static func find(_ address: [UInt8], in order: [Int], of vals: [Validator]) -> Int? {
        var lo = 0, hi = order.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let a = vals[order[mid]].address
            if a == address { return order[mid] }
            if a.lexicographicallyPrecedes(address) { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    private mutating func verify(index i: Int, with validator: Validator) throws(VerificationError) {
        if let key = verifiedWith[i], key == validator.publicKey.bytes { return }
        signBytes.write(index: i, into: &buffer)
        guard validator.publicKey.isValidSignature(commit.signatures[i].signature, for: buffer) else {
            throw .invalid(.invalidSignature(index: i, address: validator.address))
        }
        verifiedWith[i] = validator.publicKey.bytes
    }
}
