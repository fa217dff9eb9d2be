/// The struct a user signs to authorise a reencryption (fhevmjs v0.6 `createEIP712`):
/// `Reencrypt(bytes publicKey)` under the "Authorization token" domain of the dApp contract.
/// `publicKey` is the 40-byte bincode of the user's X25519 key (`2000000000000000` ‖ 32 bytes).
///
/// ```swift
/// let digest = Reencrypt(publicKey: encKey40).digest(domain: .authorizationToken(chainId: 9000, verifyingContract: dapp))
/// let user = try Secp256k1PublicKey.recover(digest: digest, signature65: sig).address
/// ```
public struct Reencrypt: EIP712StructJSON, Equatable {
    /// The Solidity struct name.
    public static let typeName = "Reencrypt"
    /// The single member, `bytes publicKey`.
    public static let fields = [EIP712Field(name: "publicKey", type: "bytes")]

    /// The signed `publicKey` bytes (the 40-byte bincode X25519 key in fhevmjs).
    public var publicKey: [UInt8]

    /// The struct for `publicKey`.
    public init(publicKey: [UInt8]) { self.publicKey = publicKey }

    /// keccak256(publicKey).
    public var encodedMembers: [UInt8] { Keccak256.hash(publicKey) }

    /// The message as typed-data JSON (0x-hex bytes).
    package var json: JSONValue { .object(["publicKey": .string(Hex.encode(publicKey, prefix: true))]) }

    /// The full `eth_signTypedData_v4` document for this struct in `domain`.
    public func typedData(domain: EIP712Domain) throws(EIP712Error) -> EIP712TypedData {
        try typedDataDocument(domain: domain)
    }
}
