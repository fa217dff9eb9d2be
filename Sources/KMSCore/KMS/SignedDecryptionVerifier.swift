/// Checks KMS signatures over a decryption result the way fhEVM v0.6 `KMSVerifier`
/// (`verifyDecryptionEIP712KMSSignatures`) does:
///
/// 1. no signatures → error; fewer than the threshold → error;
/// 2. each signature, in order, must be a valid 65-byte OpenZeppelin signature (v ∈ {27, 28},
///    low-s) recovering to a registered signer, else error;
/// 3. distinct signers are counted; success as soon as the count reaches
///    `threshold = (n − 1) / 3 + 1` (later signatures are not inspected);
/// 4. `false` if the list ends below the threshold (duplicates).
///
/// ```swift
/// let verifier = try SignedDecryptionVerifier(signers: registered, aclAddress: acl, domain: domain)
/// let ok = try verifier.verify(handles: handles, decryptedResult: bytes, signatures: sigs)
/// ```
public struct SignedDecryptionVerifier: Sendable {
    /// The registered signers (KMSVerifier `getSigners()`).
    public let signers: [EthereumAddress]
    /// The ACL proxy the signed `DecryptionResult` must name.
    public let aclAddress: EthereumAddress
    /// The KMSVerifier EIP-712 domain.
    public let domain: EIP712Domain

    /// - Throws: `SignatureError.inconsistentResponse` for an empty or duplicated signer list.
    public init(signers: [EthereumAddress], aclAddress: EthereumAddress, domain: EIP712Domain) throws(SignatureError) {
        guard !signers.isEmpty else { throw .inconsistentResponse("no registered signer") }
        guard Set(signers).count == signers.count else { throw .inconsistentResponse("duplicate registered signer") }
        self.signers = signers
        self.aclAddress = aclAddress
        self.domain = domain
    }

    /// KMSVerifier's automatic threshold for n signers: (n − 1) / 3 + 1.
    public static func threshold(signerCount n: Int) -> Int { (n - 1) / 3 + 1 }

    /// The threshold for the registered signers.
    public var threshold: Int { Self.threshold(signerCount: signers.count) }

    /// Verifies `signatures` over `DecryptionResult(aclAddress, handles, decryptedResult)`.
    /// - Returns: true once `threshold` distinct registered signers are seen; false if the list
    ///   ends before that.
    /// - Throws: what KMSVerifier reverts on (empty list, too few signatures, malformed or
    ///   high-s signature, unknown signer).
    public func verify(handles: [FheHandle], decryptedResult: [UInt8], signatures: [[UInt8]]) throws(SignatureError) -> Bool {
        guard !signatures.isEmpty else { throw .inconsistentResponse("no signatures provided") }
        guard signatures.count >= threshold else { throw .thresholdNotReached(valid: signatures.count, threshold: threshold) }
        let digest = DecryptionResult(aclAddress: aclAddress, handles: handles, decryptedResult: decryptedResult)
            .digest(domain: domain)
        let registered = Set(signers)
        var seen = Set<EthereumAddress>()
        for sig in signatures {
            let who = try Secp256k1PublicKey.recover(digest: digest, signature65: sig).address
            guard registered.contains(who) else { throw .unknownSigner(who) }
            seen.insert(who)
            if seen.count >= threshold { return true }
        }
        return false
    }

    /// Verifies a set of results for the same request (one per KMS party), as the relayer would
    /// forward them: all must carry the same `decryptedResult`.
    public func verify(_ results: [SignedDecryptionResult]) throws(SignatureError) -> Bool {
        guard let first = results.first else { throw .inconsistentResponse("no signatures provided") }
        for r in results where r.decryptedResult != first.decryptedResult || r.handles != first.handles {
            throw .inconsistentResponse("parties disagree on the decrypted result")
        }
        return try verify(handles: first.handles, decryptedResult: first.decryptedResult, signatures: results.map(\.signature))
    }
}
