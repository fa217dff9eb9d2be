/// What a KMS returns for a gateway decryption request: the clear values, the ABI
/// `decryptedResult` bytes and the KMS's 65-byte EIP-712 `DecryptionResult` signature: exactly the
/// `decryptedCts` and one element of `signatures` the relayer passes to
/// `GatewayContract.fulfillRequest(requestID, decryptedCts, signatures)`.
public struct SignedDecryptionResult: Sendable, Equatable, Encodable {
    /// Clear values in request order.
    public let plaintexts: [ClearValue]
    /// The handles, in request order (signed as `handlesList`).
    public let handles: [FheHandle]
    /// ABI-encoded plaintexts (`DecryptedResultEncoder`).
    public let decryptedResult: [UInt8]
    /// 65 bytes `r ‖ s ‖ v` (v ∈ {27, 28}, low-s) over the `DecryptionResult` digest.
    public let signature: [UInt8]
    /// The signer's address.
    public let signer: EthereumAddress
    /// The signed struct.
    public let message: DecryptionResult

    private enum CodingKeys: String, CodingKey {
        case plaintexts, decryptedResult = "decrypted_result", signature, signer
    }

    /// Encodes `{"plaintexts":[{"type":"euint8","value":"42"},…],"decrypted_result":"0x…",
    /// "signature":"0x…","signer":"0x…"}` (values in `ValueFormat` output form, hex with `0x`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(plaintexts, forKey: .plaintexts)
        try c.encode(Hex.encode(decryptedResult, prefix: true), forKey: .decryptedResult)
        try c.encode(Hex.encode(signature, prefix: true), forKey: .signature)
        try c.encode(signer.checksummed, forKey: .signer)
    }

    /// The `Encodable` form as compact JSON text with sorted keys.
    public var json: String { JSONText.encode(self) }

    /// The KMS-internal response carrying this result (plaintexts as bincode `Plaintext`s, the
    /// EIP-712 signature as `external_signature`), signed with SHA-256/ECDSA by `signer`.
    package func internalResponse(signer: KMSSigner, requestDigest: [UInt8]) -> DecryptionResponse {
        DecryptionResponsePayload(verificationKey: signer.verificationKey, digest: requestDigest,
                                  plaintexts: plaintexts.map { KMSPlaintext($0).bincode },
                                  externalSignature: signature).signed(with: signer.key)
    }
}

/// Signed decryption for fhEVM: decrypts ciphertexts (or takes already-decrypted values), encodes
/// them as `decryptedResult`, and signs `DecryptionResult(aclAddress, handlesList, decryptedResult)`
/// under the KMSVerifier domain.
///
/// ```swift
/// let domain = EIP712Domain.kmsVerifier(chainId: 11155111, verifyingContract: kmsVerifier)
/// let result = try SignedDecryption.decryptAndSign(ciphertexts: cts, handles: handles,
///     decryptor: clientKey, signer: signer, aclAddress: acl, domain: domain)
/// print(result.json)
/// ```
public enum SignedDecryption {
    /// Signs already-decrypted values. Each value's type must equal its handle's type byte.
    /// - Throws: `SignatureError.inconsistentResponse` on a count or type mismatch, or an empty request.
    public static func sign(plaintexts: [ClearValue], handles: [FheHandle], signer: KMSSigner,
                            aclAddress: EthereumAddress, domain: EIP712Domain,
                            passSignaturesToCaller: Bool = false) throws(SignatureError) -> SignedDecryptionResult {
        guard !handles.isEmpty else { throw .inconsistentResponse("no ciphertext to decrypt") }
        guard plaintexts.count == handles.count else {
            throw .inconsistentResponse("\(plaintexts.count) plaintexts for \(handles.count) handles")
        }
        for (i, (p, h)) in zip(plaintexts, handles).enumerated() where p.type != h.type {
            throw .inconsistentResponse("value \(i) is \(p.type) but handle \(i) is \(h.type)")
        }
        let encoded = DecryptedResultEncoder.encode(plaintexts, passSignaturesToCaller: passSignaturesToCaller)
        let message = DecryptionResult(aclAddress: aclAddress, handles: handles, decryptedResult: encoded)
        return SignedDecryptionResult(plaintexts: plaintexts, handles: handles, decryptedResult: encoded,
                                      signature: message.sign(with: signer.key, domain: domain),
                                      signer: signer.address, message: message)
    }

    /// Decrypts `ciphertexts` with `decryptor` (a client key, or threshold parties behind the same
    /// protocol) and signs the result. `ciphertexts[i]` pairs with `handles[i]`; its type must be
    /// the handle's type.
    public static func decryptAndSign(ciphertexts: [FheCiphertext], handles: [FheHandle], decryptor: some FheDecryptor,
                                      signer: KMSSigner, aclAddress: EthereumAddress, domain: EIP712Domain,
                                      passSignaturesToCaller: Bool = false) throws -> SignedDecryptionResult {
        guard ciphertexts.count == handles.count else {
            throw SignatureError.inconsistentResponse("\(ciphertexts.count) ciphertexts for \(handles.count) handles")
        }
        for (i, (c, h)) in zip(ciphertexts, handles).enumerated() where c.type != h.type {
            throw SignatureError.inconsistentResponse("ciphertext \(i) is \(c.type) but handle \(i) is \(h.type)")
        }
        let values = try ciphertexts.map { try decryptor.decrypt($0) }
        return try sign(plaintexts: values, handles: handles, signer: signer, aclAddress: aclAddress,
                        domain: domain, passSignaturesToCaller: passSignaturesToCaller)
    }
}
