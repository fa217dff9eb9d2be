internal import Crypto
import Foundation

/// X25519 Diffie-Hellman (RFC 7748) through swift-crypto's `Curve25519.KeyAgreement`.
///
/// Secret scalars are the raw 32 bytes (clamped inside the scalar multiplication, as libsodium and
/// PyNaCl do). Like libsodium's `crypto_scalarmult`, an all-zero shared secret (a small-order
/// peer key) is refused.
///
/// ```swift
/// let pk = try X25519.publicKey(secret: sk32)
/// let shared = try X25519.sharedSecret(secret: sk32, peer: otherPk32)
/// ```
package enum X25519 {
    /// Key and shared-secret length in bytes.
    package static let byteCount = 32

    /// The public key (u-coordinate of `secret`·9) for a 32-byte secret scalar.
    package static func publicKey<S: Collection>(secret: S) throws(BoxError) -> [UInt8] where S.Element == UInt8 {
        [UInt8](try privateKey(secret).publicKey.rawRepresentation)
    }

    /// The 32-byte raw shared secret `secret`·`peer` (no hashing; `CryptoBox` applies HSalsa20).
    /// - Throws: `BoxError.invalidKeyLength`, or `.weakPublicKey` when the result is all zeros.
    package static func sharedSecret<S: Collection, P: Collection>(secret: S, peer: P) throws(BoxError) -> [UInt8]
    where S.Element == UInt8, P.Element == UInt8 {
        try sharedSecret(privateKey(secret), peer: peer)
    }

    /// Parses a 32-byte secret into swift-crypto's key (this also computes the public key).
    static func privateKey<S: Collection>(_ secret: S) throws(BoxError) -> Curve25519.KeyAgreement.PrivateKey
    where S.Element == UInt8 {
        guard secret.count == byteCount else {
            throw .invalidKeyLength(what: "X25519 secret key", expected: byteCount, actual: secret.count)
        }
        do {
            return try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Array(secret))
        } catch {
            throw .backendFailure("X25519 secret key rejected")
        }
    }

    /// Key agreement with an already parsed secret key.
    static func sharedSecret<P: Collection>(_ key: Curve25519.KeyAgreement.PrivateKey, peer: P) throws(BoxError) -> [UInt8]
    where P.Element == UInt8 {
        guard peer.count == byteCount else {
            throw .invalidKeyLength(what: "X25519 public key", expected: byteCount, actual: peer.count)
        }
        let shared: [UInt8]
        do {
            let pk = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: Array(peer))
            let secret = try key.sharedSecretFromKeyAgreement(with: pk)
            shared = secret.withUnsafeBytes { [UInt8]($0) }
        } catch {
            throw .backendFailure("X25519 key agreement failed")
        }
        // Constant-time all-zero test (libsodium `crypto_scalarmult` returns -1 in this case).
        var acc: UInt8 = 0
        for b in shared { acc |= b }
        guard acc != 0 else { throw .weakPublicKey }
        return shared
    }
}
