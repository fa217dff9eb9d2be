/// The signcrypted ciphertext of a reencryption response: KMS `Cipher { bytes, nonce, server_enc_key }`,
/// carried bincode-encoded in `ReencryptionResponsePayload.signcryptedCiphertext`.
///
/// Layout (bincode, fhevm.md §3.5 step 7): `u64 len ‖ box (tag ‖ ciphertext)` ‖ `u64 24 ‖ nonce` ‖
/// `u64 32 ‖ ephemeral X25519 public key`.
///
/// ```swift
/// let cipher = try SigncryptionCipher(bincode: payload.signcryptedCiphertext)
/// cipher.nonce.count                    // 24
/// cipher.serverEncryptionKey            // the server's ephemeral BoxPublicKey
/// ```
package struct SigncryptionCipher: Sendable, Equatable {
    /// Largest box accepted when parsing (threshold shares of an ebytes256 are about 130 KiB).
    package static let maxBoxByteCount = 1 << 24

    /// crypto_box output: 16-byte Poly1305 tag then the XSalsa20 ciphertext.
    package var box: [UInt8]
    /// The 24-byte crypto_box nonce.
    package var nonce: [UInt8]
    /// The server's ephemeral X25519 public key (the box sender).
    package var serverEncryptionKey: BoxPublicKey

    /// Creates a cipher from its parts.
    package init(box: [UInt8], nonce: [UInt8], serverEncryptionKey: BoxPublicKey) {
        self.box = box
        self.nonce = nonce
        self.serverEncryptionKey = serverEncryptionKey
    }

    /// Parses the bincode form; the whole input must be consumed.
    /// - Throws: `SerializationError` for a truncated or oversized field, a nonce that is not
    ///   24 bytes, a key that is not 32 bytes, or trailing bytes.
    package init(bincode: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bincode)
        box = try r.readBytes(max: Self.maxBoxByteCount)
        nonce = try r.readBytes(max: 1024)
        guard nonce.count == CryptoBox.nonceByteCount else {
            throw .invalidValue(what: "signcryption nonce of \(nonce.count) bytes (expected 24)")
        }
        let key = try r.readBytes(max: 1024)
        do {
            serverEncryptionKey = try BoxPublicKey(bytes: key)
        } catch {
            throw .invalidValue(what: "server encryption key of \(key.count) bytes (expected 32)")
        }
        try r.finish()
    }

    /// The bincode form.
    package var bincode: [UInt8] {
        var w = BincodeWriter(capacity: 24 + box.count + nonce.count + BoxPublicKey.byteCount)
        w.writeBytes(box)
        w.writeBytes(nonce)
        w.writeBytes(serverEncryptionKey.bytes)
        return w.bytes
    }
}
