/// An ECDSA signature over secp256k1: (r, s) and the recovery id of the nonce point.
///
/// Two wire forms are used by the KMS:
/// - `ethereum`: 65 bytes `r ‖ s ‖ v` with v = 27 + recoveryID (EIP-712 signatures checked by
///   KMSVerifier / OpenZeppelin `ECDSA.recover`);
/// - `compact`: 64 bytes `r ‖ s` (KMS-internal signatures over a SHA-256 prehash).
///
/// ```swift
/// let sig = try Secp256k1Signature(ethereum: sig65)     // strict: v ∈ {27, 28}, low-s
/// let key = try Secp256k1PublicKey.recover(digest: digest, signature65: sig.ethereum)
/// ```
public struct Secp256k1Signature: Sendable, Equatable {
    let rScalar: Secp256k1Scalar
    let sScalar: Secp256k1Scalar
    /// The parity of the nonce point's y (0 or 1), plus 2 if its x overflowed n.
    public let recoveryID: UInt8

    init(r: Secp256k1Scalar, s: Secp256k1Scalar, recoveryID: UInt8) {
        self.rScalar = r
        self.sScalar = s
        self.recoveryID = recoveryID
    }

    /// Parses a 64-byte `r ‖ s` signature; r and s must be in [1, n−1]. High s is accepted
    /// here (check `isLowS`); verification with `Secp256k1PublicKey.isValidSignature` rejects it.
    public init(compact rs: [UInt8], recoveryID: UInt8 = 0) throws(SignatureError) {
        guard rs.count == 64 else { throw .invalidSignatureLength(expected: 64, actual: rs.count) }
        let (r, s) = try Self.parseScalars(rs)
        self.init(r: r, s: s, recoveryID: recoveryID)
    }

    /// Parses a 65-byte Ethereum signature `r ‖ s ‖ v` exactly as OpenZeppelin 5 `ECDSA.recover`
    /// accepts it: v must be 27 or 28, s must be at most n/2, r and s in [1, n−1].
    public init(ethereum sig: [UInt8]) throws(SignatureError) {
        guard sig.count == 65 else { throw .invalidSignatureLength(expected: 65, actual: sig.count) }
        let v = sig[64]
        guard v == 27 || v == 28 else { throw .invalidRecoveryValue(v) }
        let (r, s) = try Self.parseScalars(Array(sig[0..<64]))
        guard !s.isHigh else { throw .highS }
        self.init(r: r, s: s, recoveryID: v - 27)
    }

    private static func parseScalars(_ rs: [UInt8]) throws(SignatureError) -> (Secp256k1Scalar, Secp256k1Scalar) {
        guard let rv = U256(bigEndianBytes: rs[0..<32]), let sv = U256(bigEndianBytes: rs[32..<64]) else {
            throw .invalidSignatureLength(expected: 64, actual: rs.count)
        }
        guard let r = Secp256k1Scalar(rv), !r.isZero else { throw .scalarOutOfRange("r") }
        guard let s = Secp256k1Scalar(sv), !s.isZero else { throw .scalarOutOfRange("s") }
        return (r, s)
    }

    /// r as 32 big-endian bytes.
    package var r: [UInt8] { rScalar.bigEndianBytes }
    /// s as 32 big-endian bytes.
    package var s: [UInt8] { sScalar.bigEndianBytes }
    /// Whether s ≤ n/2 (the only form Ethereum and the KMS accept).
    package var isLowS: Bool { !sScalar.isHigh }

    /// 64 bytes `r ‖ s`.
    package var compact: [UInt8] { r + s }

    /// 65 bytes `r ‖ s ‖ v`, v = 27 + (recoveryID & 1).
    public var ethereum: [UInt8] { r + s + [27 + (recoveryID & 1)] }
}
