/// NaCl `crypto_secretbox` (XSalsa20-Poly1305) in libsodium's combined mode: the box is the 16-byte
/// Poly1305 tag followed by the ciphertext (`crypto_secretbox_easy`, RustCrypto `XSalsa20Poly1305`).
///
/// The first 32 bytes of the XSalsa20 keystream are the one-time Poly1305 key; the message is
/// encrypted with the keystream from byte 32 on; the tag covers the ciphertext only.
///
/// ```swift
/// let box = try XSalsa20Poly1305.seal(message, key: key32, nonce: nonce24)   // 16 + message.count bytes
/// let opened = try XSalsa20Poly1305.open(box, key: key32, nonce: nonce24)
/// ```
package enum XSalsa20Poly1305 {
    /// Key length in bytes.
    package static let keyByteCount = 32
    /// Nonce length in bytes.
    package static let nonceByteCount = 24
    /// Authentication tag length in bytes (the box overhead).
    package static let tagByteCount = 16

    /// Encrypts and authenticates `message`; returns tag ‖ ciphertext.
    /// - Throws: `BoxError` for a wrong key or nonce length.
    package static func seal<M: Collection, K: RandomAccessCollection, N: RandomAccessCollection>(
        _ message: M, key: K, nonce: N
    ) throws(BoxError) -> [UInt8]
    where M.Element == UInt8, K.Element == UInt8, K.Index == Int, N.Element == UInt8, N.Index == Int {
        var cipher = try XSalsa20(key: key, nonce: nonce)
        let polyKey = cipher.keystream(32)   // the message keystream continues at byte 32
        var out = [UInt8](repeating: 0, count: tagByteCount)
        out.reserveCapacity(tagByteCount + message.count)
        out.append(contentsOf: message)
        out.withUnsafeMutableBytes { buf in
            cipher.apply(to: UnsafeMutableRawBufferPointer(rebasing: buf[tagByteCount...]))
        }
        let tag = try Poly1305.authenticate(out[tagByteCount...], key: polyKey)
        out.replaceSubrange(0..<tagByteCount, with: tag)
        return out
    }

    /// Verifies and decrypts a tag ‖ ciphertext box.
    /// - Throws: `BoxError.boxTooShort`, `.authenticationFailed` (nothing is decrypted then), or a
    ///   length error for the key or nonce.
    package static func open<B: RandomAccessCollection, K: RandomAccessCollection, N: RandomAccessCollection>(
        _ box: B, key: K, nonce: N
    ) throws(BoxError) -> [UInt8]
    where B.Element == UInt8, B.Index == Int, K.Element == UInt8, K.Index == Int, N.Element == UInt8, N.Index == Int {
        guard box.count >= tagByteCount else { throw .boxTooShort(actual: box.count) }
        var cipher = try XSalsa20(key: key, nonce: nonce)
        let polyKey = cipher.keystream(32)
        let tagEnd = box.startIndex + tagByteCount
        let ciphertext = box[tagEnd...]
        let expected = try Poly1305.authenticate(ciphertext, key: polyKey)
        guard ConstantTime.equal(expected, box[box.startIndex..<tagEnd]) else { throw .authenticationFailed }
        var out = Array(ciphertext)
        cipher.apply(to: &out)
        return out
    }
}
