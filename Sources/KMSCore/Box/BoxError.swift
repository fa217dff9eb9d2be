/// Errors of the NaCl `crypto_box` layer (X25519, XSalsa20-Poly1305) and of the user key encodings.
///
/// Descriptions never contain key material.
public enum BoxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key of the wrong length (`what` names the key, lengths in bytes).
    case invalidKeyLength(what: String, expected: Int, actual: Int)
    /// A key string or blob that is not the 40-byte bincode form (u64 LE 32 ‖ 32 bytes).
    case invalidKeyEncoding(String)
    /// A nonce that is not 24 bytes.
    case invalidNonceLength(actual: Int)
    /// The peer public key is of small order: the X25519 shared secret would be all zeros.
    case weakPublicKey
    /// A box shorter than its 16-byte Poly1305 tag.
    case boxTooShort(actual: Int)
    /// The Poly1305 tag does not match: wrong key, wrong nonce, or altered bytes.
    case authenticationFailed
    /// The cryptographic backend (OpenSSL / swift-crypto) failed unexpectedly.
    case backendFailure(String)

    public var description: String {
        switch self {
        case .invalidKeyLength(let w, let e, let a): "\(w) must be \(e) bytes, got \(a)"
        case .invalidKeyEncoding(let why): "invalid crypto_box key encoding: \(why)"
        case .invalidNonceLength(let a): "crypto_box nonce must be 24 bytes, got \(a)"
        case .weakPublicKey: "X25519 public key of small order (all-zero shared secret)"
        case .boxTooShort(let a): "box of \(a) bytes is shorter than its 16-byte tag"
        case .authenticationFailed: "box authentication failed (Poly1305 tag mismatch)"
        case .backendFailure(let w): "cryptographic backend failure: \(w)"
        }
    }
}
