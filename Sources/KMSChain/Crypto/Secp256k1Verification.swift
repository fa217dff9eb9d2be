/// secp256k1 ECDSA verification of CometBFT validator signatures: `r‖s` (64 bytes) over the
/// SHA-256 digest of the sign bytes, low-S only.
enum Secp256k1Verification {
    /// Whether `signature` is valid for `digest` under the compressed key.
    static func isValid(signature: [UInt8], digest: [UInt8], compressedKey: [UInt8]) -> Bool {
        // Placeholder until KMSCore's Secp256k1PublicKey is available: fail closed.
        false
    }
}
