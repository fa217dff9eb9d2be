import KMSCore

/// The two facts parties and the threshold core must agree on for a decryption: its session and
/// what a party's signature over its partial decryption covers.
enum PartyMessages {
    /// The session of a decryption request: the first 16 bytes of SHA3-256 of the request's
    /// digest (SHA3-256 of its bincode, request id included). Every party derives it itself, so
    /// a core cannot make two different requests share masks; the same request always gets the
    /// same session and so the same partial decryptions.
    static func session(of r: Kms_DecryptionRequest) -> ThresholdSessionID {
        session(requestDigest: RequestDigest.decryption(r))
    }

    /// The session of the request whose digest is `requestDigest` (`RequestDigest.decryption`).
    static func session(requestDigest: [UInt8]) -> ThresholdSessionID {
        ThresholdSessionID(digestOf: requestDigest)
    }

    static let partialTag = Array("SWKMS-PARTY-PARTIAL-V1".utf8)

    /// SHA3-256("SWKMS-PARTY-PARTIAL-V1" ‖ partial): what a party signs (65-byte r‖s‖v).
    static func partialDigest(_ partial: [UInt8]) -> [UInt8] { SHA3.hash256(partialTag + partial) }

    /// A party's signature of its partial decryption bytes.
    static func signPartial(_ partial: [UInt8], signer: KMSSigner) -> [UInt8] {
        signer.key.signEthereum(digest: partialDigest(partial))
    }

    /// The address that signed `partial`.
    /// - Throws: `SignatureError` for a signature that is not 65 bytes or does not recover.
    static func partialSigner(_ partial: [UInt8], signature: [UInt8]) throws(SignatureError) -> EthereumAddress {
        EthereumAddress(publicKey: try Secp256k1PublicKey.recover(digest: partialDigest(partial), signature65: signature))
    }
}
