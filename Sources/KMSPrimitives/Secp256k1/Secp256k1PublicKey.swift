internal import Crypto

/// A secp256k1 public key (a curve point other than the identity).
///
/// ```swift
/// let pk = try Secp256k1PublicKey(sec1: bytes33or65)
/// pk.isValidSignature(rs, digest: digest)                       // 64-byte r ‖ s, low-s only
/// let signer = try Secp256k1PublicKey.recover(digest: digest, signature65: sig)
/// print(signer.address)                                         // EIP-55
/// ```
public struct Secp256k1PublicKey: Sendable, Hashable, CustomStringConvertible {
    let point: Secp256k1AffinePoint

    init(point: Secp256k1AffinePoint) { self.point = point }

    /// Parses a SEC1 encoding: 33 bytes compressed (`02`/`03` ‖ x) or 65 bytes uncompressed
    /// (`04` ‖ x ‖ y). Coordinates must be below p and the point must be on the curve.
    public init(sec1 bytes: [UInt8]) throws(SignatureError) {
        switch bytes.count {
        case 33:
            guard bytes[0] == 0x02 || bytes[0] == 0x03 else { throw .invalidPublicKeyPrefix(bytes[0]) }
            guard let x = Secp256k1Field(bigEndianBytes: bytes[1..<33]),
                  let p = Secp256k1AffinePoint(x: x, yIsOdd: bytes[0] == 0x03) else { throw .publicKeyNotOnCurve }
            point = p
        case 65:
            guard bytes[0] == 0x04 else { throw .invalidPublicKeyPrefix(bytes[0]) }
            guard let x = Secp256k1Field(bigEndianBytes: bytes[1..<33]),
                  let y = Secp256k1Field(bigEndianBytes: bytes[33..<65]) else { throw .publicKeyNotOnCurve }
            let p = Secp256k1AffinePoint(x: x, y: y)
            guard p.isOnCurve else { throw .publicKeyNotOnCurve }
            point = p
        default:
            throw .invalidPublicKeyLength(bytes.count)
        }
    }

    /// 33-byte compressed SEC1 (`02`/`03` ‖ x).
    public var compressed: [UInt8] { [point.y.isOdd ? 0x03 : 0x02] + point.x.bigEndianBytes }

    /// 65-byte uncompressed SEC1 (`04` ‖ x ‖ y).
    package var uncompressed: [UInt8] { [0x04] + point.x.bigEndianBytes + point.y.bigEndianBytes }

    /// The Ethereum address: the last 20 bytes of keccak256(x ‖ y).
    public var address: EthereumAddress { EthereumAddress(publicKey: self) }

    public var description: String { Hex.encode(compressed, prefix: true) }

    /// Verifies a 64-byte `r ‖ s` ECDSA signature over `digest` (bits2int of the digest, as in
    /// signing). High-s signatures, zero or out-of-range r/s and wrong lengths are rejected.
    public func isValidSignature(_ rs: [UInt8], digest: [UInt8]) -> Bool {
        guard let sig = try? Secp256k1Signature(compact: rs) else { return false }
        return isValidSignature(sig, digest: digest)
    }

    /// Verifies a 64-byte `r ‖ s` signature over SHA-256(message) (KMS-internal signatures).
    package func isValidSignature(_ rs: [UInt8], sha256Of message: [UInt8]) -> Bool {
        isValidSignature(rs, digest: Array(SHA256.hash(data: message)))
    }

    /// Verifies a parsed signature over `digest`; high-s is rejected.
    ///
    /// Computes u1·G + u2·Q with `Secp256k1DoubleMultiplication` (variable time: every input
    /// is public) and compares its x with r without leaving Jacobian coordinates.
    package func isValidSignature(_ signature: Secp256k1Signature, digest: [UInt8]) -> Bool {
        guard signature.isLowS else { return false }
        let z = Secp256k1Scalar(reducing: U256(bits2int: digest))
        let w = signature.sScalar.inverseVartime()
        let sum = Secp256k1DoubleMultiplication.multiply(u1: z * w, u2: signature.rScalar * w, q: point)
        return sum.xReducedEquals(signature.rScalar)
    }

    /// Recovers the signer of a 65-byte Ethereum signature `r ‖ s ‖ v` over a 32-byte digest,
    /// with OpenZeppelin 5 `ECDSA.recover`'s rules: v ∈ {27, 28}, low-s, r and s in [1, n−1].
    public static func recover(digest: [UInt8], signature65: [UInt8]) throws(SignatureError) -> Secp256k1PublicKey {
        try recover(digest: digest, signature: Secp256k1Signature(ethereum: signature65))
    }

    /// Recovers the public key from a parsed signature, as libsecp256k1 does: recovery id
    /// bit 0 is the parity of the nonce point's y, bit 1 says its x was r + n (possible only
    /// when r + n < p). Ids above 3, an x that is not on the curve and a result at infinity
    /// are `SignatureError.recoveryFailed`.
    public static func recover(digest: [UInt8], signature: Secp256k1Signature) throws(SignatureError) -> Secp256k1PublicKey {
        let id = signature.recoveryID
        guard id < 4 else { throw .recoveryFailed }
        var xValue = signature.rScalar.v
        if id & 2 != 0 {
            let (sum, carry) = U256.add(xValue, Secp256k1Scalar.n)
            guard carry == 0 else { throw .recoveryFailed }
            xValue = sum
        }
        guard let x = Secp256k1Field(xValue),
              let r = Secp256k1AffinePoint(x: x, yIsOdd: id & 1 == 1) else { throw .recoveryFailed }
        let z = Secp256k1Scalar(reducing: U256(bits2int: digest))
        let rInv = signature.rScalar.inverseVartime()
        // Q = r⁻¹(s·R − z·G)
        let q = Secp256k1DoubleMultiplication.multiply(u1: -(z * rInv), u2: signature.sScalar * rInv, q: r)
        guard let p = q.affineVartime else { throw .recoveryFailed }
        return Secp256k1PublicKey(point: p)
    }
}
