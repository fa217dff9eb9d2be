/// The server side of reencryption for a centralized KMS: validates a request, decrypts the
/// ciphertext, signcrypts the plaintext for the user and signs the response payload
/// (kms `central_kms.rs::reencrypt`, `central_rpc.rs::get_reencrypt_result`; fhevm.md §3.4–3.5).
///
/// A threshold party (`init(keyID:decryptor:signer:partyId:degree:)`) answers with its own
/// decryption shares instead (kms.md §3.4–3.5): it signcrypts
/// `Plaintext{ bytes: bincode(Vec<ResiduePoly<Z128, D>>), fhe_type }` and writes its party id and
/// the sharing degree t in the payload. It has no clear value to give: `reencrypt` refuses.
///
/// ```swift
/// let keys = try KeyStore(directory: dir).load()
/// let kms = Reencryptor(keyID: keys.keyID, decryptor: keys.clientKey, signer: try KMSSigner.load(from: signerFile))
/// let request = try ReencryptionRequest(gateway: body, ciphertext: ctFileBytes, keyID: keys.keyID, chainId: 9000)
/// let response = try kms.reencrypt(request)                       // one ReencryptionResponse
/// print(GatewayReencryptionResponse.success([response]).json)
/// ```
public struct Reencryptor: Sendable {
    /// Id of the key set this KMS holds.
    public let keyID: KeyID
    /// Decrypts ciphertexts of that key set.
    public let decryptor: any FheDecryptor
    /// The KMS signing identity (inner and outer signatures).
    public let signer: KMSSigner
    /// Party id written in responses (1 for a centralized KMS).
    public let partyId: UInt32
    /// Sharing degree written in responses (0 for a centralized KMS).
    public let degree: UInt32

    /// A centralized reencryptor (party 1, degree 0).
    public init(keyID: KeyID, decryptor: any FheDecryptor, signer: KMSSigner) {
        self.keyID = keyID
        self.decryptor = decryptor
        self.signer = signer
        self.partyId = 1
        self.degree = 0
    }

    /// A threshold party's reencryptor: party `partyId` (1-based) of the n = 3·`degree` + 1
    /// parties sharing the key with polynomials of degree `degree` = t ≥ 1. Its answers carry
    /// the party's decryption shares (made elsewhere; the responses carry `partyId` and `degree`).
    /// - Throws: `.partyIdOutOfRange` unless t ≥ 1 and 1 ≤ `partyId` ≤ 3t + 1.
    public init(keyID: KeyID, decryptor: any FheDecryptor, signer: KMSSigner, partyId: UInt32,
                degree: UInt32) throws(ReencryptionError) {
        guard degree >= 1, partyId >= 1, UInt64(partyId) <= 3 * UInt64(degree) + 1 else {
            throw .partyIdOutOfRange(partyId: partyId, degree: degree)
        }
        self.keyID = keyID
        self.decryptor = decryptor
        self.signer = signer
        self.partyId = partyId
        self.degree = degree
    }

    /// Whether this is a threshold party (degree ≥ 1) rather than a centralized KMS.
    public var isThresholdParty: Bool { degree > 0 }

    /// The verification key placed in responses.
    package var verificationKey: ServerVerificationKey { ServerVerificationKey(signer.publicKey) }

    /// Answers one request with a fresh ephemeral key and nonce. The ciphertext is either a native ciphertext file (`CiphertextFile`,
    /// whose key id, when present, must be this KMS's) or a serialized tfhe-rs ciphertext holding
    /// exactly one value (`FheUint`/`FheBool`, seeded, a compact or compressed list — what fhEVM
    /// coprocessors store), read with `CiphertextReader` and decrypted by `decryptor`, whatever
    /// it is.
    /// - Throws: `.unknownKeyId`, the `validate()` errors, `.thresholdPartyHasNoClearValue` for a
    ///   threshold party, `.decryptionFailed`, `.fheTypeMismatch`.
    public func reencrypt(_ request: ReencryptionRequest) throws(ReencryptionError) -> ReencryptionResponse {
        try reencrypt(request, ephemeralKey: .generate(), nonce: CryptoBox.randomNonce())
    }

    /// `reencrypt` with a given ephemeral key and nonce (known-answer tests).
    package func reencrypt(_ request: ReencryptionRequest, ephemeralKey: BoxSecretKey,
                           nonce: [UInt8]) throws(ReencryptionError) -> ReencryptionResponse {
        guard request.keyID == keyID else { throw .unknownKeyId(request.keyID.hex) }
        let checked = try request.validate()
        guard !isThresholdParty else { throw .thresholdPartyHasNoClearValue }
        let value = try decrypt(checked.ciphertext)
        guard value.type == request.fheType else { throw .fheTypeMismatch(expected: request.fheType, actual: value.type) }
        return try respond(plaintext: KMSPlaintext(value), to: checked, fheType: request.fheType,
                           ciphertextDigest: request.ciphertextDigest, ephemeralKey: ephemeralKey, nonce: nonce)
    }

    /// Decrypts the request's ciphertext bytes (native file or tfhe-rs object with one value)
    /// through `CiphertextReader` and the decryptor.
    func decrypt(_ bytes: [UInt8]) throws(ReencryptionError) -> ClearValue {
        let reader = CiphertextReader(keyID: keyID, parameters: decryptor.parameters)
        let ct: FheCiphertext
        do { ct = try reader.readOne(bytes) } catch { throw .decryptionFailed(error.description) }
        do { return try decryptor.decrypt(ct) } catch { throw .decryptionFailed("\(error)") }
    }

    /// Signcrypts an already decrypted plaintext for a validated request and signs the payload.
    /// (The byte layouts of fhevm.md §3.5; `reencrypt` calls this after decrypting.)
    package func respond(plaintext: KMSPlaintext, to checked: ReencryptionRequest.Validated, fheType: FheType,
                        ciphertextDigest: [UInt8], ephemeralKey: BoxSecretKey = .generate(),
                        nonce: [UInt8] = CryptoBox.randomNonce()) throws(ReencryptionError) -> ReencryptionResponse {
        let message = SigncryptionPayload(plaintext: plaintext, link: checked.link).bincode
        let cipher = try Signcryption.signcrypt(message, clientAddress: checked.clientAddress, clientKey: checked.clientKey,
                                                signingKey: signer.key, ephemeralKey: ephemeralKey, nonce: nonce)
        let payload = ReencryptionResponsePayload(
            verificationKey: verificationKey.bincode, digest: checked.link, fheType: fheType,
            signcryptedCiphertext: cipher.bincode, partyId: partyId, degree: degree).bincode
        return ReencryptionResponse(signature: signer.key.signSHA256(message: payload), payload: payload,
                                    ciphertextDigest: ciphertextDigest)
    }

    /// A threshold party's answer: signcrypts its decryption shares — one GR(2^128, D) element
    /// per 64-bit block, least significant block first — as
    /// `Plaintext{ bytes: bincode(Vec<ResiduePoly<Z128, D>>), fhe_type }` (kms.md §3.4) and signs
    /// the payload with this party's id and degree (§3.5).
    package func respond<Ring: GaloisRing>(
        shares: [GaloisRingElement<Ring>], fheType: FheType, to checked: ReencryptionRequest.Validated,
        ciphertextDigest: [UInt8], ephemeralKey: BoxSecretKey = .generate(), nonce: [UInt8] = CryptoBox.randomNonce()
    ) throws(ReencryptionError) -> ReencryptionResponse where Ring.Coefficients.Coefficient == U128 {
        try respond(plaintext: KMSPlaintext(bytes: GaloisRingElement<Ring>.bincode(shares), fheType: fheType),
                    to: checked, fheType: fheType, ciphertextDigest: ciphertextDigest, ephemeralKey: ephemeralKey,
                    nonce: nonce)
    }
}
