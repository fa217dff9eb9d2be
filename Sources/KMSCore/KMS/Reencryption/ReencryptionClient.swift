/// The user side of reencryption (fhevmjs `reencrypt` → tkms `process_reencryption_resp`): checks
/// the gateway's response against the request and the trusted KMS signer(s), opens the
/// signcryption with the user's key and returns the clear value of the handle's type.
///
/// Mode choice follows the reference: one response and one trusted signer → centralized
/// (fhevm.md §3.6, every check below with its own `ReencryptionError`); otherwise the threshold
/// path (several parties with `partyId`/`degree` and Shamir shares over the Galois ring of
/// `ringDegree`; see `ThresholdReencryptionCombination.swift` for its checks and the robust
/// opening). Callers use the same `decrypt` for both; `decryptWithReport` also names the
/// threshold parties that sent wrong shares or unusable responses.
///
/// ```swift
/// let client = ReencryptionClient(encryptionKey: userBoxKey, trustedSigners: kmsSignerAddresses)
/// let value = try client.decrypt(try GatewayReencryptionResponse(json: body), for: request)
/// print(ValueFormat.format(value))
/// ```
public struct ReencryptionClient: Sendable {
    /// The user's encryption key (its public half was sent in the request).
    public let encryptionKey: BoxSecretKey
    /// Addresses of the KMS signers (fhevmjs: `KMSVerifier.getSigners()`).
    public let trustedSigners: [EthereumAddress]
    /// The extension degree D of the ring the threshold parties' shares live in
    /// (`ResiduePoly<Z128, D>`): `.eight` for the V09 KMS, `.four` for the 2025 KMS.
    public let ringDegree: ThresholdRingDegree

    /// Creates a client for one user key and the on-chain KMS signer set.
    public init(encryptionKey: BoxSecretKey, trustedSigners: [EthereumAddress], ringDegree: ThresholdRingDegree = .eight) {
        self.encryptionKey = encryptionKey
        self.trustedSigners = trustedSigners
        self.ringDegree = ringDegree
    }

    /// Decrypts a parsed gateway answer; a `failure` answer becomes `.gatewayFailure`.
    public func decrypt(_ answer: GatewayReencryptionResponse, for request: UserReencryptionRequest) throws(ReencryptionError) -> ClearValue {
        switch answer {
        case .failure(let message): throw .gatewayFailure(message)
        case .success(let responses): return try decrypt(responses, for: request)
        }
    }

    /// Verifies the responses and returns the clear value of `request.handle`'s type.
    public func decrypt(_ responses: [ReencryptionResponse], for request: UserReencryptionRequest) throws(ReencryptionError) -> ClearValue {
        try decryptWithReport(responses, for: request).value
    }

    /// `decrypt`, also reporting the threshold parties that sent wrong shares or unusable responses.
    public func decryptWithReport(_ answer: GatewayReencryptionResponse,
                                  for request: UserReencryptionRequest) throws(ReencryptionError) -> ReencryptionResult {
        switch answer {
        case .failure(let message): throw .gatewayFailure(message)
        case .success(let responses): return try decryptWithReport(responses, for: request)
        }
    }

    /// `decrypt`, also reporting the threshold parties that sent wrong shares or unusable responses.
    public func decryptWithReport(_ responses: [ReencryptionResponse],
                                  for request: UserReencryptionRequest) throws(ReencryptionError) -> ReencryptionResult {
        guard let response = responses.last else { throw .noResponses }
        guard encryptionKey.publicKey == request.encryptionKey else {
            throw .invalidEncryptionKey("the client key is not the key of this request")
        }
        if responses.count == 1 && trustedSigners.count == 1 {
            return ReencryptionResult(value: try decryptCentralized(response, signer: trustedSigners[0], request: request))
        }
        return try decryptThreshold(responses, for: request)
    }

    /// The centralized checks of fhevm.md §3.6, in the reference order, plus the type and party checks.
    func decryptCentralized(_ response: ReencryptionResponse, signer: EthereumAddress,
                            request: UserReencryptionRequest) throws(ReencryptionError) -> ClearValue {
        let payload = try response.decodedPayload()
        let link = request.link(ciphertextDigest: response.ciphertextDigest)
        guard ConstantTime.equal(payload.digest, link) else { throw .linkMismatch }
        guard !response.signature.isEmpty else { throw .missingResponseSignature }
        let serverKey = try ServerVerificationKey(bincode: payload.verificationKey)
        guard serverKey.address == signer else { throw .untrustedServer(address: serverKey.address.checksummed) }
        guard serverKey.publicKey.isValidSignature(response.signature, sha256Of: response.payload) else {
            throw .invalidResponseSignature
        }
        guard payload.version == ReencryptionResponsePayload.currentVersion else {
            throw .unsupportedResponseVersion(payload.version)
        }
        guard payload.partyId == 1 && payload.degree == 0 else {
            throw .unexpectedParty(partyId: payload.partyId, degree: payload.degree)
        }
        guard payload.fheType == request.handle.type else {
            throw .fheTypeMismatch(expected: request.handle.type, actual: payload.fheType)
        }
        let cipher: SigncryptionCipher
        do { cipher = try SigncryptionCipher(bincode: payload.signcryptedCiphertext) } catch {
            throw .malformedSigncryption(error.description)
        }
        let message = try Signcryption.unsigncrypt(cipher, clientAddress: request.userAddress, clientKey: encryptionKey,
                                                   serverKey: serverKey)
        let inner: SigncryptionPayload
        do { inner = try SigncryptionPayload(bincode: message) } catch {
            throw .malformedSigncryptionPayload(error.description)
        }
        guard ConstantTime.equal(inner.link, link) else { throw .innerLinkMismatch }
        guard inner.plaintext.fheType == payload.fheType else {
            throw .fheTypeMismatch(expected: payload.fheType, actual: inner.plaintext.fheType)
        }
        do { return try inner.plaintext.value } catch { throw .malformedSigncryptionPayload(error.description) }
    }
}
