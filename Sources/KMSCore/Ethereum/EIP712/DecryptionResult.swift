/// The struct a KMS signs for a gateway decryption (fhEVM v0.6 KMSVerifier):
/// `DecryptionResult(address aclAddress,uint256[] handlesList,bytes decryptedResult)`,
/// signed under the KMSVerifier domain and relayed to `GatewayContract.fulfillRequest`.
///
/// ```swift
/// let r = DecryptionResult(aclAddress: acl, handles: handles,
///                          decryptedResult: try DecryptedResultEncoder.encode(values))
/// let sig = r.sign(with: key, domain: .kmsVerifier(chainId: 11155111, verifyingContract: verifier))
/// ```
public struct DecryptionResult: EIP712StructJSON, Equatable {
    /// The Solidity struct name.
    public static let typeName = "DecryptionResult"
    /// The members, in declaration order.
    public static let fields = [
        EIP712Field(name: "aclAddress", type: "address"),
        EIP712Field(name: "handlesList", type: "uint256[]"),
        EIP712Field(name: "decryptedResult", type: "bytes"),
    ]

    /// The ACL proxy of the host chain.
    public var aclAddress: EthereumAddress
    /// The requested handles, in request order.
    public var handles: [FheHandle]
    /// The ABI-encoded plaintexts (`DecryptedResultEncoder`).
    public var decryptedResult: [UInt8]

    /// The struct for one decryption request.
    public init(aclAddress: EthereumAddress, handles: [FheHandle], decryptedResult: [UInt8]) {
        self.aclAddress = aclAddress
        self.handles = handles
        self.decryptedResult = decryptedResult
    }

    /// acl word ‖ keccak256(handles, 32 bytes each) ‖ keccak256(decryptedResult).
    public var encodedMembers: [UInt8] {
        var handlesHash = Keccak256.Hasher()
        for h in handles { handlesHash.update(h.bytes) }
        return aclAddress.abiWord + handlesHash.finalize() + Keccak256.hash(decryptedResult)
    }

    /// The message as typed-data JSON (handles and bytes as 0x-hex).
    package var json: JSONValue {
        .object([
            "aclAddress": .string(aclAddress.checksummed),
            "handlesList": .array(handles.map { .string($0.hex) }),
            "decryptedResult": .string(Hex.encode(decryptedResult, prefix: true)),
        ])
    }

    /// The full `eth_signTypedData_v4` document for this struct in `domain`.
    public func typedData(domain: EIP712Domain) throws(EIP712Error) -> EIP712TypedData {
        try typedDataDocument(domain: domain)
    }
}
