/// A signed `DecryptionResponsePayload` (kms V09 `DecryptionResponse { signature, payload }`).
public struct DecryptionResponse: Sendable, Equatable {
    /// 64-byte `r ‖ s` over SHA-256(bincode(payload)).
    public var signature: [UInt8]
    /// The signed payload.
    package var payload: DecryptionResponsePayload

    /// A response from its parts (see `DecryptionResponsePayload.signed(with:)`).
    package init(signature: [UInt8], payload: DecryptionResponsePayload) {
        self.signature = signature
        self.payload = payload
    }

    /// Checks the internal signature against the key the payload names (low-s only) and that the
    /// key's address is `trusted`, as the reference client does.
    public func verify(trusted: Set<EthereumAddress>) throws(SignatureError) {
        let key = try payload.signerKey()
        guard trusted.contains(key.address) else { throw .unknownSigner(key.address) }
        guard key.isValidSignature(signature, sha256Of: payload.bincode) else {
            throw .inconsistentResponse("internal signature does not verify")
        }
    }
}
