/// The message a KMS signcrypts for the user (kms `SigncryptionPayload { plaintext, link }`):
/// bincode(`Plaintext`) ‖ u64 64 ‖ link (fhevm.md §3.5 step 2; 93 bytes for a euint8).
///
/// A centralized KMS puts the clear value's little-endian bytes in the plaintext (`KMSPlaintext`);
/// a threshold party puts bincode of its masked decryption shares in the same `bytes` field
/// (read with `init(bincode:maxPlaintextByteCount:)`).
///
/// ```swift
/// let message = SigncryptionPayload(plaintext: KMSPlaintext(value), link: link).bincode
/// let back = try SigncryptionPayload(bincode: message)
/// ```
package struct SigncryptionPayload: Sendable, Equatable {
    /// The plaintext value and its type.
    package var plaintext: KMSPlaintext
    /// The 64-byte link of the request.
    package var link: [UInt8]

    /// Creates a payload.
    package init(plaintext: KMSPlaintext, link: [UInt8]) {
        self.plaintext = plaintext
        self.link = link
    }

    /// Parses the bincode form of a centralized answer (the plaintext must be a value of its
    /// type); the whole input must be consumed.
    /// - Throws: `SerializationError`.
    package init(bincode: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bincode)
        plaintext = try KMSPlaintext(reading: &r)
        link = try r.readBytes(max: 1024)
        try r.finish()
    }

    /// Parses the bincode form without interpreting the plaintext bytes (a threshold party's
    /// share vector, at most `maxPlaintextByteCount` bytes); the whole input must be consumed.
    /// - Throws: `SerializationError`.
    package init(bincode: [UInt8], maxPlaintextByteCount: Int) throws(SerializationError) {
        var r = BincodeReader(bincode)
        plaintext = try KMSPlaintext(reading: &r, maxByteCount: maxPlaintextByteCount)
        link = try r.readBytes(max: 1024)
        try r.finish()
    }

    /// The bincode form (the signcrypted message).
    package var bincode: [UInt8] {
        var w = BincodeWriter(capacity: plaintext.bytes.count + 28 + 8 + link.count)
        plaintext.write(to: &w)
        w.writeBytes(link)
        return w.bytes
    }
}
