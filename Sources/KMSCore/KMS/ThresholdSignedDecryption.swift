/// A threshold public decryption as the relayer hands it to
/// `GatewayContract.fulfillRequest(requestID, decryptedCts, signatures)`: the values, the ABI
/// `decryptedResult`, and one EIP-712 `DecryptionResult` signature per party that opened the
/// same result, so KMSVerifier's (n − 1)/3 + 1 threshold is met. Also names the parties that
/// lied or stayed silent.
public struct ThresholdSignedDecryptionResult: Sendable, Equatable, Encodable {
    /// Clear values in request order.
    public let plaintexts: [ClearValue]
    /// The handles, in request order.
    public let handles: [FheHandle]
    /// ABI-encoded plaintexts.
    public let decryptedResult: [UInt8]
    /// 65-byte signatures, one per signer, in `signers` order.
    public let signatures: [[UInt8]]
    /// The parties' signing addresses.
    public let signers: [EthereumAddress]
    /// Parties whose partial decryptions were wrong or did not fit (from the opening).
    public let corruptedParties: [Int]
    /// Parties that sent no partial decryption.
    public let missingParties: [Int]

    private enum CodingKeys: String, CodingKey {
        case plaintexts, decryptedResult = "decrypted_result", signatures, signers
        case corruptedParties = "corrupted_parties", missingParties = "missing_parties"
    }

    /// `{"plaintexts":[…],"decrypted_result":"0x…","signatures":["0x…",…],"signers":["0x…",…],
    /// "corrupted_parties":[…],"missing_parties":[…]}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(plaintexts, forKey: .plaintexts)
        try c.encode(Hex.encode(decryptedResult, prefix: true), forKey: .decryptedResult)
        try c.encode(signatures.map { Hex.encode($0, prefix: true) }, forKey: .signatures)
        try c.encode(signers.map(\.checksummed), forKey: .signers)
        try c.encode(corruptedParties, forKey: .corruptedParties)
        try c.encode(missingParties, forKey: .missingParties)
    }

    /// The `Encodable` form as compact JSON text with sorted keys.
    public var json: String { JSONText.encode(self) }
}

/// Signing of threshold decryptions: every party signs the `DecryptionResult` it opened, and a
/// collector merges the parties' results into one answer.
///
/// ```swift
/// let opening = try ThresholdCombiner.combine(partials, key: info, session: session)
/// let result = try ThresholdSignedDecryption.sign(opening, handles: handles, signers: partySigners,
///                                                  aclAddress: acl, domain: domain)
/// ```
public enum ThresholdSignedDecryption {
    /// Each of `signers` (the parties' KMS keys) signs the opened values.
    /// - Throws: `SignatureError.inconsistentResponse` when the values do not fit the handles,
    ///   no signer is given or a signer repeats.
    public static func sign(_ opening: ThresholdDecryptionOpening, handles: [FheHandle], signers: [KMSSigner],
                            aclAddress: EthereumAddress, domain: EIP712Domain,
                            passSignaturesToCaller: Bool = false) throws(SignatureError) -> ThresholdSignedDecryptionResult {
        guard !signers.isEmpty else { throw .inconsistentResponse("no party signer") }
        let results = try signers.map { (s: KMSSigner) throws(SignatureError) in
            try SignedDecryption.sign(plaintexts: opening.values, handles: handles, signer: s, aclAddress: aclAddress,
                                      domain: domain, passSignaturesToCaller: passSignaturesToCaller)
        }
        return try merge(results, corruptedParties: opening.corruptedParties, missingParties: opening.missingParties, domain: domain)
    }

    /// Merges the parties' individually signed results. All must sign the same handles and
    /// `decryptedResult` under `domain`, each signature must recover to its stated signer, and
    /// signers must be distinct.
    /// - Throws: `SignatureError.inconsistentResponse` naming the first result that differs or
    ///   repeats a signer; the recovery errors of a bad signature.
    public static func merge(_ results: [SignedDecryptionResult], corruptedParties: [Int] = [], missingParties: [Int] = [],
                             domain: EIP712Domain) throws(SignatureError) -> ThresholdSignedDecryptionResult {
        guard let first = results.first else { throw .inconsistentResponse("no signed result") }
        var seen = Set<EthereumAddress>()
        for (i, r) in results.enumerated() {
            guard r.message == first.message, r.plaintexts == first.plaintexts else {
                throw .inconsistentResponse("result \(i) signs another decryption than result 0")
            }
            guard try r.message.recoverSigner(r.signature, domain: domain) == r.signer else {
                throw .inconsistentResponse("result \(i)'s signature is not its signer's")
            }
            guard seen.insert(r.signer).inserted else { throw .inconsistentResponse("signer \(r.signer.checksummed) signed twice") }
        }
        return ThresholdSignedDecryptionResult(plaintexts: first.plaintexts, handles: first.handles,
                                               decryptedResult: first.decryptedResult, signatures: results.map(\.signature),
                                               signers: results.map(\.signer), corruptedParties: corruptedParties,
                                               missingParties: missingParties)
    }
}
