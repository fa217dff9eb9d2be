/// Errors of the signing layer: secp256k1 keys and signatures, recovery, Ethereum addresses,
/// signer files and signed-response verification. Descriptions never contain secret material.
public enum SignatureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A private key that is not 32 bytes or not in [1, n−1]. (The bytes are never echoed.)
    case invalidPrivateKey
    /// A SEC1 public key of a length other than 33 or 65 bytes.
    case invalidPublicKeyLength(Int)
    /// A SEC1 public key whose first byte is not 0x02/0x03 (33 bytes) or 0x04 (65 bytes).
    case invalidPublicKeyPrefix(UInt8)
    /// Coordinates that are not below p or a point that is not on secp256k1.
    case publicKeyNotOnCurve
    /// A signature of the wrong length (64 for r‖s, 65 for r‖s‖v).
    case invalidSignatureLength(expected: Int, actual: Int)
    /// An Ethereum `v` other than 27 or 28.
    case invalidRecoveryValue(UInt8)
    /// r or s is zero or not below the group order.
    case scalarOutOfRange(String)
    /// s is above n/2 (malleable signature; Ethereum and the KMS accept only low-s).
    case highS
    /// No public key can be recovered (r is not the abscissa of a curve point, or the result is the identity).
    case recoveryFailed
    /// An address that is not 20 bytes / 40 hex digits, or contains a non-hex character.
    case invalidAddress(String)
    /// An address whose letter casing does not match its EIP-55 checksum.
    case badChecksum(String)
    /// A signer-key file that cannot be parsed.
    case invalidSignerFile(String)
    /// A signature that recovers to an address that is not a registered signer.
    case unknownSigner(EthereumAddress)
    /// Fewer valid distinct signers than the threshold.
    case thresholdNotReached(valid: Int, threshold: Int)
    /// A signed response whose content is inconsistent (e.g. digest or length mismatch).
    case inconsistentResponse(String)

    public var description: String {
        switch self {
        case .invalidPrivateKey:
            "invalid secp256k1 private key (must be 32 bytes, a scalar in [1, n-1])"
        case .invalidPublicKeyLength(let n):
            "invalid secp256k1 public key length \(n) (expected 33 or 65 bytes)"
        case .invalidPublicKeyPrefix(let b):
            "invalid SEC1 public key prefix 0x\(Hex.encode([b]))"
        case .publicKeyNotOnCurve:
            "public key is not a point of secp256k1"
        case .invalidSignatureLength(let e, let a):
            "invalid signature length \(a) (expected \(e) bytes)"
        case .invalidRecoveryValue(let v):
            "invalid signature v = \(v) (expected 27 or 28)"
        case .scalarOutOfRange(let what):
            "signature \(what) is zero or not below the group order"
        case .highS:
            "signature s is not normalised (high-s signatures are rejected)"
        case .recoveryFailed:
            "no public key can be recovered from this signature"
        case .invalidAddress(let why):
            "invalid Ethereum address: \(why)"
        case .badChecksum(let s):
            "address \(s) does not match its EIP-55 checksum"
        case .invalidSignerFile(let why):
            "invalid signer key file: \(why)"
        case .unknownSigner(let a):
            "signature recovers to \(a.checksummed), which is not a registered signer"
        case .thresholdNotReached(let v, let t):
            "only \(v) distinct valid signer(s), threshold is \(t)"
        case .inconsistentResponse(let why):
            "inconsistent signed response: \(why)"
        }
    }
}
