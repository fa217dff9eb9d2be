/// One threshold party answering reencryption requests (kms `threshold_kms.rs` reencryption,
/// kms.md §3.4–3.5, §4.5): it validates the request as a centralized KMS does, switches and
/// squashes the ciphertext with the public keys, computes its noise-flooded shares of every
/// block (the session is bound to the request's link, so the same request always gets the same
/// shares) and signcrypts them to the user as `bincode(Vec<ResiduePoly<Z128, D>>)` with its
/// party id and degree t. The user combines 2t + 1 such answers (`ReencryptionClient`).
///
/// ```swift
/// let party = try ThresholdReencryptor(share: share, signer: partySigner, serverKey: serverKey, squashingKey: squashingKey)
/// let response = try party.reencrypt(request)      // this party's element of the gateway response
/// ```
public struct ThresholdReencryptor: Sendable {
    public let share: ThresholdKeyShare
    public let signer: KMSSigner
    public let serverKey: ServerKey
    public let squashingKey: NoiseSquashingKey
    private let responder: Reencryptor

    /// - Throws: `ReencryptionError.partyIdOutOfRange` when the share's party cannot answer
    ///   (t = 0), `.decryptionFailed` when the share does not fit the squashing key.
    public init(share: ThresholdKeyShare, signer: KMSSigner, serverKey: ServerKey,
                squashingKey: NoiseSquashingKey) throws(ReencryptionError) {
        guard share.squashingLweDimension == squashingKey.parameters.lweDimension.value,
              share.messageModulus == squashingKey.parameters.messageModulus else {
            throw .decryptionFailed("the key share does not belong to this noise-squashing key")
        }
        self.share = share
        self.signer = signer
        self.serverKey = serverKey
        self.squashingKey = squashingKey
        self.responder = try Reencryptor(keyID: share.keyID, decryptor: PartyShareOnly(parameters: serverKey.parameters), signer: signer,
                                         partyId: UInt32(share.partyID), degree: UInt32(share.parameters.threshold))
    }

    /// Answers one request with a fresh ephemeral key and nonce.
    /// - Throws: `.unknownKeyId`, the request's `validate()` errors, `.decryptionFailed` when the
    ///   ciphertext cannot be read or squashed, `.fheTypeMismatch`.
    public func reencrypt(_ request: ReencryptionRequest) throws(ReencryptionError) -> ReencryptionResponse {
        guard request.keyID == share.keyID else { throw .unknownKeyId(request.keyID.hex) }
        let checked = try request.validate()
        let reader = CiphertextReader(keyID: share.keyID, parameters: serverKey.parameters)
        let squashed: SwitchAndSquashedCiphertext
        do {
            let ct = try reader.readOne(checked.ciphertext)
            guard ct.type == request.fheType else { throw ReencryptionError.fheTypeMismatch(expected: request.fheType, actual: ct.type) }
            squashed = try squashingKey.switchAndSquash(ct, serverKey: serverKey)
        } catch let e as ReencryptionError {
            throw e
        } catch {
            throw .decryptionFailed("\(error)")
        }
        return try respond(squashed: squashed, to: checked, request: request)
    }

    /// The answer for an already switched-and-squashed ciphertext (tests, and parties that
    /// receive the squashed value from a peer).
    package func respond(squashed: SwitchAndSquashedCiphertext, to checked: ReencryptionRequest.Validated,
                         request: ReencryptionRequest) throws(ReencryptionError) -> ReencryptionResponse {
        guard squashed.type == request.fheType else { throw .fheTypeMismatch(expected: request.fheType, actual: squashed.type) }
        let partial: ThresholdPartialDecryption
        do { partial = try share.partialDecrypt([squashed], session: ThresholdSessionID(digestOf: checked.link)) } catch {
            throw .decryptionFailed(error.description)
        }
        let value = partial.values[0]
        switch share.parameters.ringDegree {
        case .four:
            return try responder.respond(shares: value.elements(GaloisRing128Degree4.self), fheType: request.fheType,
                                         to: checked, ciphertextDigest: request.ciphertextDigest)
        case .eight:
            return try responder.respond(shares: value.elements(GaloisRing128Degree8.self), fheType: request.fheType,
                                         to: checked, ciphertextDigest: request.ciphertextDigest)
        }
    }
}

/// The decryptor slot of a threshold party's `Reencryptor`: one party holds shares only, and a
/// threshold `Reencryptor` never asks it for a clear value.
private struct PartyShareOnly: FheDecryptor {
    let parameters: ParameterSet
    func decrypt(_ ciphertext: FheCiphertext) throws -> ClearValue {
        throw ReencryptionError.thresholdPartyHasNoClearValue
    }
}
