internal import Crypto

/// An X25519 secret key for `crypto_box` (the user's reencryption key, or a server ephemeral key).
///
/// The raw 32 bytes are the scalar as libsodium/PyNaCl/RustCrypto take it (clamped only inside
/// the multiplication). Export forms mirror `BoxPublicKey`: 40-byte bincode (u64 LE 32 ‖ key) and
/// its 80-digit hex (fhevmjs `privateKey`). The key never prints its bytes: `description` is
/// redacted; use `hex` or `bincode` deliberately to export it.
///
/// ```swift
/// let sk = BoxSecretKey.generate()
/// let pk = sk.publicKey                      // BoxPublicKey
/// let again = try BoxSecretKey(hex: sk.hex)  // round trip
/// ```
public struct BoxSecretKey: Sendable, CustomStringConvertible {
    /// Raw key length in bytes.
    package static let byteCount = 32

    /// swift-crypto's key, holding the secret and its public key computed once.
    let key: Curve25519.KeyAgreement.PrivateKey

    /// The matching public key.
    public let publicKey: BoxPublicKey

    /// A fresh key from the system CSPRNG.
    public static func generate() -> BoxSecretKey {
        // 32 random bytes always make a valid key.
        var raw = SecureRandom.bytes(byteCount)
        defer { for i in raw.indices { raw[i] = 0 } }
        do { return try BoxSecretKey(bytes: raw) } catch { fatalError("unreachable: 32-byte X25519 key rejected") }
    }

    /// Wraps 32 raw secret bytes.
    /// - Throws: `BoxError.invalidKeyLength`.
    public init<C: Collection>(bytes: C) throws(BoxError) where C.Element == UInt8 {
        key = try X25519.privateKey(bytes)
        publicKey = try BoxPublicKey(bytes: [UInt8](key.publicKey.rawRepresentation))
    }

    /// Parses the 40-byte bincode form.
    /// - Throws: `BoxError.invalidKeyEncoding`.
    package init(bincode: [UInt8]) throws(BoxError) {
        try self.init(bytes: BoxKeyEncoding.decode(bincode, what: "secret key"))
    }

    /// Parses the fhevmjs hex string: 80 hex digits of the bincode form, with or without `0x`.
    /// - Throws: `BoxError.invalidKeyEncoding`.
    public init(hex: String) throws(BoxError) {
        try self.init(bincode: BoxKeyEncoding.decodeHex(hex, what: "secret key"))
    }

    /// The 32 raw secret bytes. Handle with care.
    package var rawBytes: [UInt8] { [UInt8](key.rawRepresentation) }

    /// The 40-byte bincode form (u64 LE 32 ‖ secret). Handle with care.
    package var bincode: [UInt8] { BoxKeyEncoding.encode(rawBytes) }

    /// The bincode form as 80 lowercase hex digits without `0x`. Handle with care.
    public var hex: String { Hex.encode(bincode) }

    /// The raw X25519 shared secret with `peer` (see `X25519.sharedSecret`).
    package func sharedSecret(with peer: BoxPublicKey) throws(BoxError) -> [UInt8] {
        try X25519.sharedSecret(key, peer: peer.bytes)
    }

    public var description: String { "BoxSecretKey(public: \(publicKey.hex))" }
}
