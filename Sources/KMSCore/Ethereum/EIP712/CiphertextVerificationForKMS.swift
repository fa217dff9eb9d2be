/// The struct a KMS signs after verifying a ZK-proven input (fhEVM v0.6 KMSVerifier):
/// `CiphertextVerificationForKMS(address aclAddress,bytes32 hashOfCiphertext,address userAddress,address contractAddress)`
/// with `hashOfCiphertext` = keccak256 of the proven ciphertext list bytes, under the KMSVerifier domain.
public struct CiphertextVerificationForKMS: EIP712StructJSON, Equatable {
    /// The Solidity struct name.
    public static let typeName = "CiphertextVerificationForKMS"
    /// The members, in declaration order.
    public static let fields = [
        EIP712Field(name: "aclAddress", type: "address"),
        EIP712Field(name: "hashOfCiphertext", type: "bytes32"),
        EIP712Field(name: "userAddress", type: "address"),
        EIP712Field(name: "contractAddress", type: "address"),
    ]

    /// The ACL proxy of the host chain.
    public var aclAddress: EthereumAddress
    /// 32 bytes.
    public var hashOfCiphertext: [UInt8]
    /// The user who submitted the input.
    public var userAddress: EthereumAddress
    /// The contract the input is for.
    public var contractAddress: EthereumAddress

    /// - Throws: `EIP712Error.invalidValue` unless `hashOfCiphertext` is 32 bytes.
    public init(aclAddress: EthereumAddress, hashOfCiphertext: [UInt8], userAddress: EthereumAddress,
                contractAddress: EthereumAddress) throws(EIP712Error) {
        guard hashOfCiphertext.count == 32 else {
            throw .invalidValue(path: "hashOfCiphertext", reason: "expected 32 bytes, got \(hashOfCiphertext.count)")
        }
        self.aclAddress = aclAddress
        self.hashOfCiphertext = hashOfCiphertext
        self.userAddress = userAddress
        self.contractAddress = contractAddress
    }

    /// acl ‖ hashOfCiphertext ‖ user ‖ contract, one 32-byte word each.
    public var encodedMembers: [UInt8] {
        aclAddress.abiWord + hashOfCiphertext + userAddress.abiWord + contractAddress.abiWord
    }

    /// The message as typed-data JSON (addresses EIP-55, the hash as 0x-hex).
    package var json: JSONValue {
        .object([
            "aclAddress": .string(aclAddress.checksummed),
            "hashOfCiphertext": .string(Hex.encode(hashOfCiphertext, prefix: true)),
            "userAddress": .string(userAddress.checksummed),
            "contractAddress": .string(contractAddress.checksummed),
        ])
    }

    /// The full `eth_signTypedData_v4` document for this struct in `domain`.
    public func typedData(domain: EIP712Domain) throws(EIP712Error) -> EIP712TypedData {
        try typedDataDocument(domain: domain)
    }
}
