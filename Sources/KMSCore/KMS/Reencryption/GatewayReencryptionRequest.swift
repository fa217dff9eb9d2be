/// The body fhevmjs POSTs to the gateway's `reencrypt` endpoint (fhevm.md §3.3):
/// `{"signature", "client_address", "enc_key", "ciphertext_handle", "eip712_verifying_contract"}`,
/// hex without `0x`, addresses as EIP-55 strings.
///
/// Addresses are kept as the strings received: the server checks their EIP-55 form when it
/// validates the request (`ReencryptionRequest.validate`).
///
/// ```swift
/// let request = try GatewayReencryptionRequest(json: Array(body.utf8))
/// request.ciphertextHandle.count     // 32
/// print(request.json)                // re-encodes, hex without 0x
/// ```
public struct GatewayReencryptionRequest: Sendable, Equatable {
    /// The user's 65-byte EIP-712 signature (r ‖ s ‖ v) of `Reencrypt(bytes publicKey)`.
    public var signature: [UInt8]
    /// The user's address (EIP-55 string).
    public var clientAddress: String
    /// The user's encryption key in its 40-byte bincode form (the bytes the user signed).
    public var encryptionKey: [UInt8]
    /// The 32-byte fhEVM ciphertext handle.
    public var ciphertextHandle: [UInt8]
    /// The dApp contract, verifying contract of the EIP-712 domain (EIP-55 string).
    public var verifyingContract: String

    /// Creates a request from its fields.
    public init(signature: [UInt8], clientAddress: String, encryptionKey: [UInt8], ciphertextHandle: [UInt8],
                verifyingContract: String) {
        self.signature = signature
        self.clientAddress = clientAddress
        self.encryptionKey = encryptionKey
        self.ciphertextHandle = ciphertextHandle
        self.verifyingContract = verifyingContract
    }

    /// Parses the JSON body. Hex may carry `0x`; the handle must be 32 bytes. Extra fields are ignored.
    /// - Throws: `ReencryptionError.malformedJSON`.
    public init(json: [UInt8]) throws(ReencryptionError) {
        let o = try GatewayJSON.object(json)
        signature = try GatewayJSON.hex(o, "signature")
        clientAddress = try GatewayJSON.string(o, "client_address")
        encryptionKey = try GatewayJSON.hex(o, "enc_key")
        ciphertextHandle = try GatewayJSON.hex(o, "ciphertext_handle", length: 32)
        verifyingContract = try GatewayJSON.string(o, "eip712_verifying_contract")
    }

    /// The JSON body, hex without `0x`, fields in fhevmjs order.
    public var json: String {
        GatewayJSON.encodeObject([
            ("signature", GatewayJSON.quote(Hex.encode(signature))),
            ("client_address", GatewayJSON.quote(clientAddress)),
            ("enc_key", GatewayJSON.quote(Hex.encode(encryptionKey))),
            ("ciphertext_handle", GatewayJSON.quote(Hex.encode(ciphertextHandle))),
            ("eip712_verifying_contract", GatewayJSON.quote(verifyingContract)),
        ])
    }
}
