internal import Crypto

/// A secp256k1 signing key: the KMS's identity towards fhEVM (EIP-712 signatures checked by
/// KMSVerifier) and towards KMS clients (SHA-256 prehash signatures).
///
/// Signing is deterministic (RFC 6979, HMAC-SHA256) and always yields low-s signatures, so it
/// is byte-identical to libsecp256k1, `k256` and eth-account for the same key and digest.
/// The scalar multiplication is constant time. The key never prints its bytes.
///
/// ```swift
/// let key = Secp256k1PrivateKey.generate()
/// print(key.publicKey.address)                      // 0x… (EIP-55)
/// let sig65 = key.signEthereum(digest: eip712Digest) // r ‖ s ‖ v, v ∈ {27, 28}
/// let sig64 = key.signSHA256(message: payload)       // r ‖ s over SHA-256(payload)
/// ```
public struct Secp256k1PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let scalar: Secp256k1Scalar
    /// The matching public key (computed once).
    public let publicKey: Secp256k1PublicKey

    /// Loads a key from its 32-byte big-endian scalar.
    /// - Throws: `SignatureError.invalidPrivateKey` unless the bytes are 32 and encode 1 … n−1.
    public init(rawRepresentation bytes: [UInt8]) throws(SignatureError) {
        guard let u = U256(bigEndianBytes: bytes), let d = Secp256k1Scalar(u), !d.isZero else {
            throw .invalidPrivateKey
        }
        self.init(scalar: d)
    }

    init(scalar: Secp256k1Scalar) {
        self.scalar = scalar
        // d ≠ 0, so d·G is not the identity.
        let p = Secp256k1Point.generatorMultiple(scalar).affine ?? .generator
        self.publicKey = Secp256k1PublicKey(point: p)
    }

    /// A fresh key from the system CSPRNG (rejection sampling of 32-byte strings).
    public static func generate() -> Secp256k1PrivateKey {
        while true {
            let bytes = SecureRandom.bytes(32)
            if let key = try? Secp256k1PrivateKey(rawRepresentation: bytes) { return key }
        }
    }

    /// The 32-byte big-endian scalar (for storage in a 0600 file only).
    public var rawRepresentation: [UInt8] { scalar.bigEndianBytes }

    /// The Ethereum address of this key.
    public var address: EthereumAddress { publicKey.address }

    /// Signs a digest (normally 32 bytes; other lengths follow ECDSA's bits2int: the leftmost
    /// 256 bits, shorter inputs read as a big-endian integer). Deterministic, low-s.
    ///
    /// The recovery id can in theory be 2 or 3 (nonce point x ≥ n, probability about 2^-127);
    /// Ethereum's v cannot express that, so `signEthereum` then moves on to the next RFC 6979
    /// nonce, while this method returns the first valid signature like libsecp256k1.
    public func sign(digest: [UInt8]) -> Secp256k1Signature {
        sign(digest: digest, requireEthereumRecoveryID: false)
    }

    /// The 65-byte Ethereum signature `r ‖ s ‖ v` (v ∈ {27, 28}, low-s) of a digest, as
    /// eth-account / alloy produce it and OpenZeppelin `ECDSA.recover` accepts it.
    public func signEthereum(digest: [UInt8]) -> [UInt8] {
        sign(digest: digest, requireEthereumRecoveryID: true).ethereum
    }

    /// The 64-byte `r ‖ s` signature (low-s) of SHA-256(message): the KMS-internal signature
    /// (`k256` `Signer::sign` default digest) over bincode payloads.
    public func signSHA256(message: [UInt8]) -> [UInt8] {
        sign(digest: Array(SHA256.hash(data: message)), requireEthereumRecoveryID: false).compact
    }

    private func sign(digest: [UInt8], requireEthereumRecoveryID: Bool) -> Secp256k1Signature {
        let z = Secp256k1Scalar(reducing: U256(bits2int: digest))
        var nonces = RFC6979Nonce(privateKey: scalar.bigEndianBytes, reducedDigest: z.bigEndianBytes)
        while true {
            guard let k = Secp256k1Scalar(nonces.next()), !k.isZero,
                  let point = Secp256k1Point.generatorMultiple(k).affine else { continue }
            let overflow: UInt8 = U256.lessThan(point.x.v, Secp256k1Scalar.n) ? 0 : 2
            let r = Secp256k1Scalar(reducing: point.x.v)
            if r.isZero { continue }
            var s = k.inverse() * (z + r * scalar)
            if s.isZero { continue }
            var recid = (point.y.isOdd ? 1 : 0) | overflow
            if s.isHigh {
                s = -s
                recid ^= 1
            }
            if requireEthereumRecoveryID && recid > 1 { continue }
            return Secp256k1Signature(r: r, s: s, recoveryID: recid)
        }
    }

    public var description: String { "Secp256k1PrivateKey(address: \(address.checksummed), <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["address": address.checksummed]) }
}
