/// NaCl `crypto_box` (curve25519xsalsa20poly1305), compatible with libsodium `crypto_box_easy`,
/// PyNaCl `Box` and RustCrypto `crypto_box::SalsaBox`: the box key is HSalsa20(X25519(sk, pk), 0¹⁶)
/// and boxes are `XSalsa20Poly1305` (16-byte tag first, then ciphertext) with a 24-byte nonce.
///
/// A `CryptoBox` holds the precomputed key (`crypto_box_beforenm`); the sender builds it from
/// (recipient public, sender secret), the recipient from (sender public, recipient secret) and
/// both get the same key.
///
/// ```swift
/// let eph = BoxSecretKey.generate()
/// let nonce = CryptoBox.randomNonce()
/// let sealed = try CryptoBox(publicKey: userPk, secretKey: eph).seal(message, nonce: nonce)
/// let opened = try CryptoBox(publicKey: eph.publicKey, secretKey: userSk).open(sealed, nonce: nonce)
/// ```
package struct CryptoBox: Sendable {
    /// Nonce length in bytes.
    package static let nonceByteCount = 24
    /// Box overhead (Poly1305 tag) in bytes.
    package static let tagByteCount = 16

    /// The 32-byte precomputed box key (secret).
    private let sharedKey: [UInt8]

    /// Precomputes the box key between `publicKey` (the peer) and `secretKey` (ours).
    /// - Throws: `BoxError.weakPublicKey` for a small-order peer key.
    package init(publicKey: BoxPublicKey, secretKey: BoxSecretKey) throws(BoxError) {
        let shared = try secretKey.sharedSecret(with: publicKey)
        sharedKey = try HSalsa20.derive(key: shared, input: [UInt8](repeating: 0, count: 16))
    }

    /// A fresh random 24-byte nonce from the system CSPRNG.
    package static func randomNonce() -> [UInt8] { SecureRandom.bytes(nonceByteCount) }

    /// Encrypts and authenticates `message`: returns tag (16) ‖ ciphertext.
    /// - Throws: `BoxError.invalidNonceLength`.
    package func seal<M: Collection, N: RandomAccessCollection>(_ message: M, nonce: N) throws(BoxError) -> [UInt8]
    where M.Element == UInt8, N.Element == UInt8, N.Index == Int {
        try XSalsa20Poly1305.seal(message, key: sharedKey, nonce: nonce)
    }

    /// Verifies and decrypts a tag ‖ ciphertext box.
    /// - Throws: `BoxError.authenticationFailed`, `.boxTooShort`, `.invalidNonceLength`.
    package func open<B: RandomAccessCollection, N: RandomAccessCollection>(_ box: B, nonce: N) throws(BoxError) -> [UInt8]
    where B.Element == UInt8, B.Index == Int, N.Element == UInt8, N.Index == Int {
        try XSalsa20Poly1305.open(box, key: sharedKey, nonce: nonce)
    }
}
