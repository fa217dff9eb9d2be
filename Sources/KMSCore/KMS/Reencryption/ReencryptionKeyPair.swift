/// A user's reencryption key pair in the form fhevmjs `generateKeypair` returns:
/// `{"public_key":"<80 hex>","private_key":"<80 hex>"}`, each key its 40-byte bincode form
/// (u64 length 32 ‖ 32 bytes) in hex without `0x`. It holds the secret key: write it 0600.
///
/// ```swift
/// let pair = ReencryptionKeyPair(BoxSecretKey.generate())
/// print(pair.publicKey)        // give this to the KMS in requests
/// ```
public struct ReencryptionKeyPair: Sendable, Encodable, CustomStringConvertible, CustomReflectable {
    /// The public key, 80 hex digits.
    public let publicKey: String
    /// The private key, 80 hex digits (secret).
    public let privateKey: String

    private enum CodingKeys: String, CodingKey { case publicKey = "public_key", privateKey = "private_key" }

    /// The pair of `key`.
    public init(_ key: BoxSecretKey) {
        publicKey = key.publicKey.hex
        privateKey = key.hex
    }

    public var description: String { "ReencryptionKeyPair(public: \(publicKey), private: <redacted>)" }
    /// Reflection (`dump`, debuggers) shows the public key only.
    public var customMirror: Mirror { Mirror(self, children: ["publicKey": publicKey]) }

    /// The JSON text (sorted keys, one line), private key included.
    public var json: String { JSONText.encode(self) }
}
