/// Verifies an untrusted light block from a trusted one: adjacent (height + 1: the trusted
/// block's next validators must be the new block's validators, which must have signed > 2/3) or
/// skipping (more than the trust threshold of the trusted validators and > 2/3 of the new
/// validators signed). The composition follows tendermint-rs `verify_update_header`.
///
/// The trusted block is taken as given (its validator sets are not re-checked against its header).
///
/// ```swift
/// let verifier = Verifier(options: VerificationOptions(trustingPeriod: .seconds(168 * 3600)))
/// let verdict = verifier.verify(untrusted: block, trusted: trusted, now: now)
/// if verdict == .success { trusted = block }
/// ```
public struct Verifier: Sendable {
    /// Trust threshold, trusting period, clock drift and trusted-set rule.
    public var options: VerificationOptions

    /// A verifier with `options`.
    public init(options: VerificationOptions) {
        self.options = options
    }

    /// Verifies `untrusted` from `trusted` at time `now`, adjacent or skipping by height.
    public func verify(untrusted: LightBlock, trusted: LightBlock, now: Timestamp) -> Verdict {
        verdict(untrusted: untrusted, trusted: trusted, now: now, mode: nil)
    }

    /// Verifies `untrusted` at height `trusted + 1`; other heights are invalid.
    public func verifyAdjacent(untrusted: LightBlock, trusted: LightBlock, now: Timestamp) -> Verdict {
        verdict(untrusted: untrusted, trusted: trusted, now: now, mode: true)
    }

    /// Verifies `untrusted` at a height above `trusted + 1`; other heights are invalid.
    public func verifySkipping(untrusted: LightBlock, trusted: LightBlock, now: Timestamp) -> Verdict {
        verdict(untrusted: untrusted, trusted: trusted, now: now, mode: false)
    }

    private func verdict(untrusted: LightBlock, trusted: LightBlock, now: Timestamp, mode: Bool?) -> Verdict {
        do {
            try check(untrusted: untrusted, trusted: trusted, now: now, mode: mode)
            return .success
        } catch {
            return Verdict(error)
        }
    }

    /// Throwing form of `verify`: returns normally on success.
    public func check(untrusted: LightBlock, trusted: LightBlock, now: Timestamp) throws(VerificationError) {
        try check(untrusted: untrusted, trusted: trusted, now: now, mode: nil)
    }

    private func check(untrusted: LightBlock, trusted: LightBlock, now: Timestamp,
                       mode expectAdjacent: Bool?) throws(VerificationError) {
        let sh = untrusted.signedHeader
        let header = sh.header
        let trustedHeader = trusted.signedHeader.header
        let adjacent = trustedHeader.height < Int64.max && header.height == trustedHeader.height + 1
        if let expectAdjacent, expectAdjacent != adjacent {
            throw .invalid(.wrongVerificationMode(untrusted: header.height, trusted: trustedHeader.height,
                                                  expectedAdjacent: expectAdjacent))
        }

        // 1. The untrusted block on its own: well formed, hashes consistent, commit fits its set.
        try Predicates.isWellFormed(sh)
        try Predicates.isWellFormed(untrusted.validators)
        try Predicates.validatorSetsMatch(untrusted.validators, header: header)
        // The next set is only hash-checked (tendermint-rs): the model-based vectors expect a block
        // with an empty next set to pass this step. Its addresses are not hashed, but a mislabelled
        // entry can only make a later signature check fail, never count a forged one.
        if let next = untrusted.nextValidators { try Predicates.nextValidatorsMatch(next, header: header) }
        try Predicates.headerMatchesCommit(sh)
        try Predicates.isValidCommit(sh, validators: untrusted.validators)

        // 2. Against the trusted block.
        try Predicates.isWithinTrustPeriod(trustedTime: trustedHeader.time, trustingPeriod: options.trustingPeriod, now: now)
        try Predicates.isMonotonicBFTTime(untrusted: header.time, trusted: trustedHeader.time)
        try Predicates.isMatchingChainID(untrusted: header.chainID, trusted: trustedHeader.chainID)
        if adjacent {
            try Predicates.isValidNextValidatorSet(untrusted: header, trusted: trustedHeader)
        } else {
            try Predicates.isMonotonicHeight(untrusted: header.height, trusted: trustedHeader.height)
        }

        // 3. Not from the future.
        try Predicates.isHeaderFromPast(untrustedTime: header.time, clockDrift: options.clockDrift, now: now)

        // 4. Signatures: trust overlap first when skipping (cheap rejection of unrelated sets),
        //    then > 2/3 of the block's own validators.
        var calculator = VotingPowerCalculator(signedHeader: sh)
        if !adjacent {
            let trustedSet: ValidatorSet
            switch options.trustedSetRule {
            case .validators: trustedSet = trusted.validators
            case .nextValidators:
                guard let next = trusted.resolvedNextValidators else { throw .invalid(.missingTrustedNextValidators) }
                trustedSet = next
            }
            try Predicates.hasSufficientValidatorsOverlap(&calculator, trustedValidators: trustedSet,
                                                          threshold: options.trustThreshold)
        }
        try Predicates.hasSufficientSignersOverlap(&calculator, validators: untrusted.validators)
    }
}
