/// KMS signcryption (kms `signcryption.rs`, fhevm.md §3.5 steps 3–7): the server signs a message
/// for one user and boxes it to the user's X25519 key from a fresh ephemeral key.
///
/// - inner signature = ECDSA-secp256k1/SHA-256, low-s, r ‖ s (64 bytes) over
///   `message ‖ client address (20 bytes) ‖ SHA3-256(bincode(client enc key))`;
/// - boxed bytes = `message ‖ signature ‖ SHA3-256(bincode(server PublicSigKey)) ‖
///   SHA3-256(bincode(ephemeral public key))`;
/// - box = crypto_box(boxed, nonce, client key, ephemeral secret), tag first.
///
/// ```swift
/// let cipher = try Signcryption.signcrypt(message, clientAddress: user, clientKey: userEncKey,
///                                         signingKey: kmsKey)
/// let opened = try Signcryption.unsigncrypt(cipher, clientAddress: user, clientKey: userSecret,
///                                           serverKey: ServerVerificationKey(kmsKey.publicKey))
/// ```
package enum Signcryption {
    /// Bytes after the message inside the box: signature (64) and two SHA3-256 digests.
    package static let trailerByteCount = 64 + 32 + 32

    /// Signcrypts `message` for the user. The ephemeral key and nonce default to fresh CSPRNG
    /// values; tests inject fixed ones to reproduce a vector.
    /// - Throws: `ReencryptionError.invalidEncryptionKey` for a small-order user key or a nonce
    ///   that is not 24 bytes.
    package static func signcrypt(
        _ message: [UInt8], clientAddress: EthereumAddress, clientKey: BoxPublicKey, signingKey: Secp256k1PrivateKey,
        ephemeralKey: BoxSecretKey = .generate(), nonce: [UInt8] = CryptoBox.randomNonce()
    ) throws(ReencryptionError) -> SigncryptionCipher {
        let signature = signingKey.signSHA256(message: signedBytes(message, clientAddress: clientAddress, clientKey: clientKey))
        var boxed = message
        boxed.reserveCapacity(message.count + trailerByteCount)
        boxed += signature
        boxed += ServerVerificationKey(signingKey.publicKey).digest
        boxed += SHA3.hash256(ephemeralKey.publicKey.bincode)
        do {
            let box = try CryptoBox(publicKey: clientKey, secretKey: ephemeralKey).seal(boxed, nonce: nonce)
            return SigncryptionCipher(box: box, nonce: nonce, serverEncryptionKey: ephemeralKey.publicKey)
        } catch {
            throw .invalidEncryptionKey(error.description)
        }
    }

    /// Opens and verifies a signcryption; returns the message. Checks, in the reference order:
    /// box opens, trailer present, server-key digest, ephemeral-key digest, inner signature (low-s).
    /// - Throws: `.boxOpenFailed`, `.signcryptedMessageTooShort`, `.serverKeyDigestMismatch`,
    ///   `.ephemeralKeyDigestMismatch`, `.invalidInnerSignature`.
    package static func unsigncrypt(
        _ cipher: SigncryptionCipher, clientAddress: EthereumAddress, clientKey: BoxSecretKey,
        serverKey: ServerVerificationKey
    ) throws(ReencryptionError) -> [UInt8] {
        let opened: [UInt8]
        do {
            opened = try CryptoBox(publicKey: cipher.serverEncryptionKey, secretKey: clientKey)
                .open(cipher.box, nonce: cipher.nonce)
        } catch {
            throw .boxOpenFailed
        }
        guard opened.count >= trailerByteCount else { throw .signcryptedMessageTooShort(opened.count) }
        let m = opened.count - trailerByteCount
        let message = Array(opened[0..<m])
        let signature = Array(opened[m..<m + 64])
        guard ConstantTime.equal(opened[m + 64..<m + 96], serverKey.digest) else { throw .serverKeyDigestMismatch }
        guard ConstantTime.equal(opened[m + 96..<m + 128], SHA3.hash256(cipher.serverEncryptionKey.bincode)) else {
            throw .ephemeralKeyDigestMismatch
        }
        let signed = signedBytes(message, clientAddress: clientAddress, clientKey: clientKey.publicKey)
        guard serverKey.publicKey.isValidSignature(signature, sha256Of: signed) else { throw .invalidInnerSignature }
        return message
    }

    /// `message ‖ client address ‖ SHA3-256(bincode(client enc key))`, the inner signed bytes.
    static func signedBytes(_ message: [UInt8], clientAddress: EthereumAddress, clientKey: BoxPublicKey) -> [UInt8] {
        var out = message
        out.reserveCapacity(message.count + 52)
        out += clientAddress.bytes
        out += SHA3.hash256(clientKey.bincode)
        return out
    }
}
