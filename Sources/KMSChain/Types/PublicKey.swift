internal import Crypto
import KMSPrimitives

/// A validator's consensus public key: Ed25519 (`tendermint/PubKeyEd25519`, 32 bytes) or
/// secp256k1 (`tendermint/PubKeySecp256k1`, 33-byte compressed SEC1).
///
/// ```swift
/// let key = try PublicKey(typeName: "tendermint/PubKeyEd25519", bytes: raw32)
/// key.address                                   // first 20 bytes of SHA-256(key)
/// key.isValidSignature(sig, for: signBytes)     // Ed25519 over the sign bytes
/// ```
public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
    /// Signature schemes of CometBFT validators supported here.
    public enum Algorithm: Sendable, Hashable {
        /// Ed25519 over the full sign bytes.
        case ed25519
        /// ECDSA secp256k1 over SHA-256 of the sign bytes, 64-byte `r‖s`, low-S only.
        case secp256k1
    }

    /// The scheme.
    public let algorithm: Algorithm
    /// The raw key (32 bytes Ed25519, 33 bytes compressed secp256k1).
    public let bytes: [UInt8]
    /// The decompressed curve point of a secp256k1 key (decoded once, at construction).
    private let secp256k1Key: Secp256k1PublicKey?

    /// Amino/JSON type name of Ed25519 keys.
    public static let ed25519TypeName = "tendermint/PubKeyEd25519"
    /// Amino/JSON type name of secp256k1 keys.
    public static let secp256k1TypeName = "tendermint/PubKeySecp256k1"

    /// An Ed25519 key (32 bytes).
    public init(ed25519 bytes: [UInt8]) throws(PublicKeyError) {
        guard bytes.count == 32 else { throw .wrongLength(type: Self.ed25519TypeName, expected: 32, actual: bytes.count) }
        algorithm = .ed25519
        self.bytes = bytes
        secp256k1Key = nil
    }

    /// A compressed secp256k1 key (33 bytes, first byte 0x02 or 0x03, a point on the curve).
    public init(secp256k1 bytes: [UInt8]) throws(PublicKeyError) {
        guard bytes.count == 33 else { throw .wrongLength(type: Self.secp256k1TypeName, expected: 33, actual: bytes.count) }
        guard bytes[0] == 0x02 || bytes[0] == 0x03 else { throw .notCompressed }
        guard let key = try? Secp256k1PublicKey(sec1: bytes) else { throw .notOnCurve }
        algorithm = .secp256k1
        self.bytes = bytes
        secp256k1Key = key
    }

    /// A key from its JSON `{"type","value"}` pair.
    /// - Throws: `.unsupportedType` for BLS12-381, ML-DSA, secp256k1eth and unknown types.
    public init(typeName: String, bytes: [UInt8]) throws(PublicKeyError) {
        switch typeName {
        case Self.ed25519TypeName: try self.init(ed25519: bytes)
        case Self.secp256k1TypeName: try self.init(secp256k1: bytes)
        default: throw .unsupportedType(typeName)
        }
    }

    /// The JSON type name.
    public var typeName: String {
        switch algorithm {
        case .ed25519: Self.ed25519TypeName
        case .secp256k1: Self.secp256k1TypeName
        }
    }

    /// The validator address: SHA-256(key)[0..<20] for Ed25519, RIPEMD-160(SHA-256(key)) for secp256k1.
    public var address: [UInt8] {
        let sha = Array(SHA256.hash(data: bytes))
        switch algorithm {
        case .ed25519: return Array(sha.prefix(20))
        case .secp256k1: return RIPEMD160.hash(sha)
        }
    }

    /// `tendermint.crypto.PublicKey` protobuf body (oneof: 1 ed25519, 2 secp256k1).
    public var protobufBytes: [UInt8] {
        var w = ProtobufWriter(capacity: 36)
        w.data(field: algorithm == .ed25519 ? 1 : 2, bytes)
        return w.bytes
    }

    /// Whether `signature` is this key's signature of `message` (the vote sign bytes).
    ///
    /// Ed25519: 64-byte signature, strict RFC 8032 verification (anything accepted here is also
    /// accepted by CometBFT's ZIP-215 rules). secp256k1: SHA-256 of `message`, 64-byte `r‖s`,
    /// high-S rejected.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        switch algorithm {
        case .ed25519:
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes) else { return false }
            return key.isValidSignature(signature, for: message)
        case .secp256k1:
            guard let key = secp256k1Key else { return false }
            return key.isValidSignature(signature, digest: Array(SHA256.hash(data: message)))
        }
    }

    public var description: String { "\(typeName):\(Base64.encode(bytes))" }
}

/// Errors of public-key construction.
public enum PublicKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key type other than Ed25519 and secp256k1.
    case unsupportedType(String)
    /// A key of the wrong size for its type.
    case wrongLength(type: String, expected: Int, actual: Int)
    /// A secp256k1 key not in 33-byte compressed form.
    case notCompressed
    /// A secp256k1 key that is not a point of the curve.
    case notOnCurve

    public var description: String {
        switch self {
        case .unsupportedType(let t): "unsupported public key type \"\(t.prefix(60))\" (supported: \(PublicKey.ed25519TypeName), \(PublicKey.secp256k1TypeName))"
        case .wrongLength(let t, let e, let a): "\(t) key must be \(e) bytes, got \(a)"
        case .notCompressed: "secp256k1 key must be compressed (first byte 0x02 or 0x03)"
        case .notOnCurve: "secp256k1 key is not a point on the curve"
        }
    }
}
