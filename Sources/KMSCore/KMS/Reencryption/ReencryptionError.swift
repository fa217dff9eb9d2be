/// Why a reencryption request was refused (server side), why a response was refused (client
/// side), or why gateway JSON could not be read. Every check has its own case so callers and
/// tests can tell them apart. Descriptions never contain secret material.
public enum ReencryptionError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: Gateway JSON

    /// JSON that is not the expected gateway shape (missing field, wrong type, bad hex, …).
    case malformedJSON(String)
    /// The gateway answered `{"status":"failure", "error": …}`.
    case gatewayFailure(String)

    // MARK: Request validation (server)

    /// A payload version other than 1.
    case unsupportedRequestVersion(UInt32)
    /// `client_address` is not a checksummed EIP-55 address.
    case invalidClientAddress(String)
    /// The EIP-712 verifying contract is not a checksummed EIP-55 address.
    case invalidVerifyingContract(String)
    /// The EIP-712 domain is not the reencryption domain ("Authorization token", "1") or is malformed.
    case invalidDomain(String)
    /// The client address equals the verifying contract (refused by the KMS).
    case clientIsVerifyingContract
    /// `enc_key` is not the 40-byte bincode of an X25519 public key.
    case invalidEncryptionKey(String)
    /// The user's EIP-712 signature cannot be parsed (length, v, r/s range).
    case malformedUserSignature(String)
    /// The user's signature has a high s (malleable; refused as by the KMS).
    case highSUserSignature
    /// The user's signature recovers to another address than `client_address`.
    case userSignatureMismatch(recovered: String, expected: String)
    /// No ciphertext was supplied.
    case missingCiphertext
    /// `ciphertext_digest` is not SHA3-256 of the ciphertext.
    case ciphertextDigestMismatch
    /// The request names a key id this KMS does not hold.
    case unknownKeyId(String)
    /// The ciphertext handle is not a 32-byte fhEVM handle with a known type byte.
    case invalidHandle(String)
    /// The ciphertext could not be decrypted as the requested type.
    case decryptionFailed(String)
    /// Signing the response failed.
    case signingFailed(String)
    /// A threshold party was asked for a clear value: it answers with its decryption shares.
    case thresholdPartyHasNoClearValue

    // MARK: Response verification (client)

    /// No response element was received.
    case noResponses
    /// `payload` bytes are not a `ReencryptionResponsePayload`.
    case malformedResponsePayload(String)
    /// A payload version other than 1.
    case unsupportedResponseVersion(UInt32)
    /// The payload digest is not the link of this request.
    case linkMismatch
    /// The response carries no signature.
    case missingResponseSignature
    /// The payload's verification key is not a bincode SEC1 secp256k1 key.
    case invalidVerificationKey(String)
    /// The verification key's address is not the trusted KMS signer.
    case untrustedServer(address: String)
    /// The outer ECDSA signature over the payload does not verify (or is high-s).
    case invalidResponseSignature
    /// A centralized response whose party id / degree is not 1 / 0.
    case unexpectedParty(partyId: UInt32, degree: UInt32)
    /// The payload's FHE type is not the type of the requested handle.
    case fheTypeMismatch(expected: FheType, actual: FheType)
    /// `signcrypted_ciphertext` is not a bincode `Cipher`.
    case malformedSigncryption(String)
    /// The box does not open with the user's key (wrong key, altered box or nonce).
    case boxOpenFailed
    /// The opened box is too short to hold msg ‖ sig ‖ two digests.
    case signcryptedMessageTooShort(Int)
    /// The digest of the server verification key inside the box does not match the payload's key.
    case serverKeyDigestMismatch
    /// The digest of the ephemeral key inside the box does not match the cipher's key.
    case ephemeralKeyDigestMismatch
    /// The inner signature (over msg ‖ client address ‖ SHA3(enc key)) does not verify (or is high-s).
    case invalidInnerSignature
    /// The decrypted message is not a bincode `SigncryptionPayload`.
    case malformedSigncryptionPayload(String)
    /// The link inside the signcrypted payload is not the expected link.
    case innerLinkMismatch

    // MARK: Threshold responses (client); `response` is the 0-based position in the gateway's list

    /// A response's payload version differs from the first response's.
    case responseVersionMismatch(response: Int, version: UInt32, expected: UInt32)
    /// A response's FHE type differs from the first response's.
    case responseFheTypeMismatch(response: Int, fheType: FheType, expected: FheType)
    /// A response's digest (link) differs from the first response's.
    case responseDigestMismatch(response: Int)
    /// A response's sharing degree differs from the first response's.
    case responseDegreeMismatch(response: Int, degree: UInt32, expected: UInt32)
    /// A party id outside 1…3·degree + 1 (or a threshold party configured so).
    case partyIdOutOfRange(partyId: UInt32, degree: UInt32)
    /// A sharing degree whose 3·degree + 1 parties do not fit the ring (at most 2^D − 1 parties).
    case unsupportedDegree(UInt32, ringDegree: ThresholdRingDegree)
    /// Two responses carry the same party id.
    case duplicatePartyId(UInt32)
    /// Two responses are signed by the same KMS key.
    case duplicateServer(address: String)
    /// Fewer usable responses than a robust opening needs (2·degree + 1 of the 3·degree + 1 parties).
    case notEnoughResponses(usable: Int, needed: Int)
    /// The shares of one block could not be opened (too many wrong or missing shares).
    case shareReconstructionFailed(block: Int, ThresholdError)
    /// An opened block is not a constant ring element (its higher coefficients are not zero).
    case nonConstantBlock(block: Int)

    public var description: String {
        switch self {
        case .malformedJSON(let w): "malformed gateway JSON: \(w)"
        case .gatewayFailure(let w): "gateway reported failure: \(w)"
        case .unsupportedRequestVersion(let v): "unsupported reencryption request version \(v) (expected 1)"
        case .invalidClientAddress(let w): "invalid client address: \(w)"
        case .invalidVerifyingContract(let w): "invalid EIP-712 verifying contract: \(w)"
        case .invalidDomain(let w): "invalid EIP-712 domain: \(w)"
        case .clientIsVerifyingContract: "client address must differ from the verifying contract"
        case .invalidEncryptionKey(let w): "invalid user encryption key: \(w)"
        case .malformedUserSignature(let w): "malformed user signature: \(w)"
        case .highSUserSignature: "user signature is not low-s normalised"
        case .userSignatureMismatch(let r, let e): "user signature recovers to \(r), not to the client address \(e)"
        case .missingCiphertext: "no ciphertext supplied"
        case .ciphertextDigestMismatch: "ciphertext digest is not SHA3-256 of the ciphertext"
        case .unknownKeyId(let k): "unknown key id \(k)"
        case .invalidHandle(let w): "invalid ciphertext handle: \(w)"
        case .decryptionFailed(let w): "decryption failed: \(w)"
        case .signingFailed(let w): "signing the response failed: \(w)"
        case .thresholdPartyHasNoClearValue:
            "a threshold party answers with its decryption shares, not with a clear value"
        case .noResponses: "the gateway returned no reencryption response"
        case .malformedResponsePayload(let w): "malformed reencryption response payload: \(w)"
        case .unsupportedResponseVersion(let v): "unsupported reencryption response version \(v) (expected 1)"
        case .linkMismatch: "response digest does not match the link of this request"
        case .missingResponseSignature: "response carries no signature"
        case .invalidVerificationKey(let w): "invalid server verification key: \(w)"
        case .untrustedServer(let a): "response signed by \(a), which is not the trusted KMS signer"
        case .invalidResponseSignature: "response signature does not verify"
        case .unexpectedParty(let p, let d): "centralized response with party id \(p) and degree \(d) (expected 1 and 0)"
        case .fheTypeMismatch(let e, let a): "response is for type \(a), the handle is \(e)"
        case .malformedSigncryption(let w): "malformed signcrypted ciphertext: \(w)"
        case .boxOpenFailed: "signcrypted box does not open with the user key"
        case .signcryptedMessageTooShort(let n): "signcrypted message of \(n) bytes is too short"
        case .serverKeyDigestMismatch: "server verification key digest inside the box does not match"
        case .ephemeralKeyDigestMismatch: "ephemeral encryption key digest inside the box does not match"
        case .invalidInnerSignature: "signcryption inner signature does not verify"
        case .malformedSigncryptionPayload(let w): "malformed signcryption payload: \(w)"
        case .innerLinkMismatch: "link inside the signcrypted payload does not match"
        case .responseVersionMismatch(let i, let v, let e): "response \(i) has version \(v), the first response \(e)"
        case .responseFheTypeMismatch(let i, let t, let e): "response \(i) is for type \(t), the first response for \(e)"
        case .responseDigestMismatch(let i): "response \(i) carries another link than the first response"
        case .responseDegreeMismatch(let i, let d, let e): "response \(i) has sharing degree \(d), the first response \(e)"
        case .partyIdOutOfRange(let p, let d): "party id \(p) is outside 1...\(3 * UInt64(d) + 1) (sharing degree \(d))"
        case .unsupportedDegree(let d, let r):
            "sharing degree \(d) needs \(3 * UInt64(d) + 1) parties, more than the \(r.maximumParties) the ring (\(r)) allows"
        case .duplicatePartyId(let p): "two responses claim party id \(p)"
        case .duplicateServer(let a): "two responses are signed by \(a)"
        case .notEnoughResponses(let u, let n): "\(u) usable threshold responses, at least \(n) needed"
        case .shareReconstructionFailed(let b, let e): "shares of block \(b) cannot be opened: \(e)"
        case .nonConstantBlock(let b): "opened block \(b) is not a constant ring element"
        }
    }
}
