/// The individual checks of light-client verification, one function each, named as the question
/// they answer (tendermint-rs `VerificationPredicates` plus CometBFT Go's `ValidateBasic` rules).
/// Each returns normally when the answer is yes and throws the reason otherwise.
///
/// ```swift
/// try Predicates.isWithinTrustPeriod(trustedTime: trusted.time, trustingPeriod: .seconds(3600), now: now)
/// try Predicates.headerMatchesCommit(block.signedHeader)
/// ```
public enum Predicates {
    // MARK: Time and height

    /// Is the trusted header still usable: `trusted time + trusting period > now`?
    public static func isWithinTrustPeriod(trustedTime: Timestamp, trustingPeriod: Duration,
                                           now: Timestamp) throws(VerificationError) {
        // An expiry beyond the representable range never passes.
        guard let expiresAt = trustedTime.adding(trustingPeriod) else { return }
        guard expiresAt > now else { throw .invalid(.trustedHeaderExpired(expiresAt: expiresAt, now: now)) }
    }

    /// Is the untrusted header from the past: `time < now + clock drift`?
    public static func isHeaderFromPast(untrustedTime: Timestamp, clockDrift: Duration,
                                        now: Timestamp) throws(VerificationError) {
        guard let limit = now.adding(clockDrift) else { return }
        guard untrustedTime < limit else {
            throw .invalid(.headerFromFuture(time: untrustedTime, now: now, clockDrift: clockDrift))
        }
    }

    /// Did BFT time strictly increase from the trusted header to the untrusted one?
    public static func isMonotonicBFTTime(untrusted: Timestamp, trusted: Timestamp) throws(VerificationError) {
        guard untrusted > trusted else { throw .invalid(.nonMonotonicBFTTime(untrusted: untrusted, trusted: trusted)) }
    }

    /// Is the untrusted height strictly above the trusted one?
    public static func isMonotonicHeight(untrusted: Int64, trusted: Int64) throws(VerificationError) {
        guard untrusted > trusted else { throw .invalid(.nonIncreasingHeight(untrusted: untrusted, trusted: trusted)) }
    }

    /// Do both headers belong to the same chain?
    public static func isMatchingChainID(untrusted: String, trusted: String) throws(VerificationError) {
        guard untrusted == trusted else { throw .invalid(.chainIDMismatch(untrusted: untrusted, trusted: trusted)) }
    }

    // MARK: Hashes

    /// Does the validator set hash to the header's `validators_hash`?
    public static func validatorSetsMatch(_ validators: ValidatorSet, header: Header) throws(VerificationError) {
        let computed = validators.hash()
        guard computed == header.validatorsHash else {
            throw .invalid(.invalidValidatorSet(headerHash: header.validatorsHash, computed: computed))
        }
    }

    /// Does the next validator set hash to the header's `next_validators_hash`?
    public static func nextValidatorsMatch(_ nextValidators: ValidatorSet, header: Header) throws(VerificationError) {
        let computed = nextValidators.hash()
        guard computed == header.nextValidatorsHash else {
            throw .invalid(.invalidNextValidatorSet(headerHash: header.nextValidatorsHash, computed: computed))
        }
    }

    /// Does the header hash to the block ID its commit signs?
    public static func headerMatchesCommit(_ signedHeader: SignedHeader) throws(VerificationError) {
        let hash = signedHeader.header.hash()
        guard !hash.isEmpty, hash == signedHeader.commit.blockID.hash else {
            throw .invalid(.invalidCommitValue(headerHash: hash, commitHash: signedHeader.commit.blockID.hash))
        }
    }

    /// For adjacent blocks: are the untrusted validators the trusted block's next validators?
    public static func isValidNextValidatorSet(untrusted: Header, trusted: Header) throws(VerificationError) {
        guard untrusted.validatorsHash == trusted.nextValidatorsHash else {
            throw .invalid(.validatorSetChangedUnexpectedly(untrustedValidatorsHash: untrusted.validatorsHash,
                                                            trustedNextValidatorsHash: trusted.nextValidatorsHash))
        }
    }

    // MARK: Well-formedness

    /// Is the signed header well formed (Go `SignedHeader.ValidateBasic` minus the chain ID and
    /// hash comparisons, which are separate predicates)?
    public static func isWellFormed(_ signedHeader: SignedHeader) throws(VerificationError) {
        let h = signedHeader.header
        guard h.version.block == ConsensusVersion.blockProtocol else { throw .invalid(.unsupportedBlockVersion(h.version.block)) }
        guard h.chainID.utf8.count <= Header.maxChainIDLength else { throw .invalid(.chainIDTooLong(h.chainID.utf8.count)) }
        guard h.height > 0 else { throw .invalid(.nonPositiveHeight(h.height)) }
        let hashes: [(String, [UInt8])] = [
            ("last_block_id.hash", h.lastBlockID.hash), ("last_block_id.parts.hash", h.lastBlockID.partSetHeader.hash),
            ("last_commit_hash", h.lastCommitHash), ("data_hash", h.dataHash), ("validators_hash", h.validatorsHash),
            ("next_validators_hash", h.nextValidatorsHash), ("consensus_hash", h.consensusHash),
            ("last_results_hash", h.lastResultsHash), ("evidence_hash", h.evidenceHash),
        ]
        for (name, value) in hashes where !(value.isEmpty || value.count == 32) {
            throw .invalid(.invalidHashLength(field: name, length: value.count))
        }
        guard h.proposerAddress.count == 20 else { throw .invalid(.invalidProposerAddress(length: h.proposerAddress.count)) }
        let c = signedHeader.commit
        guard c.height == h.height else { throw .invalid(.commitHeightMismatch(header: h.height, commit: c.height)) }
        guard c.round >= 0 else { throw .invalid(.negativeRound(c.round)) }
        guard c.blockID.hash.count == 32, c.blockID.partSetHeader.hash.isEmpty || c.blockID.partSetHeader.hash.count == 32
        else { throw .invalid(.invalidCommitBlockID) }
        for (i, sig) in c.signatures.enumerated() where sig.flag != .absent {
            guard sig.validatorAddress.count == 20 else {
                throw .invalid(.malformedCommitSignature(index: i, reason: "validator address must be 20 bytes, got \(sig.validatorAddress.count)"))
            }
            guard !sig.signature.isEmpty, sig.signature.count <= 64 else {
                throw .invalid(.malformedCommitSignature(index: i, reason: "signature must be 1 to 64 bytes, got \(sig.signature.count)"))
            }
        }
    }

    /// Is the validator set usable: non-empty, powers non-negative with a total in range, each
    /// address derived from its key, no address twice?
    public static func isWellFormed(_ validators: ValidatorSet) throws(VerificationError) {
        guard !validators.isEmpty else { throw .invalid(.emptyValidatorSet) }
        for (i, v) in validators.validators.enumerated() {
            guard v.votingPower >= 0 else { throw .invalid(.malformedValidator(index: i, reason: "negative voting power \(v.votingPower)")) }
            guard v.address == v.publicKey.address else {
                throw .invalid(.malformedValidator(index: i, reason: "address is not derived from its public key"))
            }
        }
        guard validators.totalVotingPower != nil else { throw .invalid(.votingPowerOutOfRange) }
        var seen = validators.validators.map(\.address)
        seen.sort { $0.lexicographicallyPrecedes($1) }
        for k in seen.indices.dropFirst() where seen[k] == seen[k - 1] {
            throw .invalid(.duplicateValidatorInSet(address: seen[k]))
        }
    }

    /// Does the commit fit its validator set: at least one non-absent signature, one entry per
    /// validator, no signer twice, each non-absent entry from the validator at its index?
    public static func isValidCommit(_ signedHeader: SignedHeader, validators: ValidatorSet) throws(VerificationError) {
        let sigs = signedHeader.commit.signatures
        guard sigs.contains(where: { $0.flag != .absent }) else { throw .invalid(.noSignatureForCommit) }
        guard sigs.count == validators.count else {
            throw .invalid(.mismatchPreCommitLength(signatures: sigs.count, validators: validators.count))
        }
        var signers = sigs.filter { $0.flag == .commit }.map(\.validatorAddress)
        signers.sort { $0.lexicographicallyPrecedes($1) }
        for k in signers.indices.dropFirst() where signers[k] == signers[k - 1] {
            throw .invalid(.duplicateValidator(address: signers[k]))
        }
        for (i, sig) in sigs.enumerated() where sig.flag != .absent {
            let expected = validators.validators[i].address
            guard sig.validatorAddress == expected else {
                throw .invalid(.validatorAddressMismatch(index: i, expected: expected, got: sig.validatorAddress))
            }
        }
    }

    // MARK: Voting power

    /// Did more than 2/3 of the untrusted block's own validators sign it (by index)?
    public static func hasSufficientSignersOverlap(_ calculator: inout VotingPowerCalculator,
                                                   validators: ValidatorSet) throws(VerificationError) {
        let tally = try calculator.tallyByIndex(validators, threshold: .twoThirds)
        guard tally.isEnough else { throw .invalid(.insufficientSignersOverlap(tally)) }
    }

    /// Did more than `threshold` of the trusted validators sign the untrusted header (by address)?
    public static func hasSufficientValidatorsOverlap(_ calculator: inout VotingPowerCalculator,
                                                      trustedValidators: ValidatorSet,
                                                      threshold: TrustThreshold) throws(VerificationError) {
        let tally = try calculator.tallyByAddress(trustedValidators, threshold: threshold)
        guard tally.isEnough else { throw .notEnoughTrust(tally) }
    }
}
