/// Everything a light client needs to verify one height: the signed header, the validator set
/// that signed it and the next validator set (JSON shape
/// `{"signed_header":{"header","commit"},"validator_set","next_validator_set"}`).
///
/// ```swift
/// let block = try ChainJSON.decodeLightBlock(bytes)
/// block.height                     // 57
/// block.signedHeader.header.hash() // 32 bytes
/// ```
public struct LightBlock: Sendable, Hashable {
    /// Header and commit.
    public var signedHeader: SignedHeader
    /// The validators at this height (those who signed `signedHeader.commit`).
    public var validators: ValidatorSet
    /// The validators for height + 1 (hash = `header.nextValidatorsHash`). Optional: CometBFT Go
    /// light blocks carry none; the verifier then falls back to `validators` when the header says
    /// the set does not change, and otherwise reports that it is missing.
    public var nextValidators: ValidatorSet?

    /// A light block. The validator sets are kept in canonical order.
    public init(signedHeader: SignedHeader, validators: ValidatorSet, nextValidators: ValidatorSet?) {
        self.signedHeader = signedHeader
        self.validators = validators
        self.nextValidators = nextValidators
    }

    /// The header's height.
    public var height: Int64 { signedHeader.header.height }
    /// The header's time.
    public var time: Timestamp { signedHeader.header.time }
    /// The header's chain ID.
    public var chainID: String { signedHeader.header.chainID }

    /// The next validator set: the supplied one, or `validators` when the header's
    /// `next_validators_hash` equals their hash (the set does not change); `nil` otherwise.
    public var resolvedNextValidators: ValidatorSet? {
        if let nextValidators { return nextValidators }
        return validators.hash() == signedHeader.header.nextValidatorsHash ? validators : nil
    }
}
