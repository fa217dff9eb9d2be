/// The struct a KMS signs for a published FHE server key (V09 KeyGen `external_signature`):
/// `FheServerKey(bytes server_key)`, where `server_key` is the 32-byte SHA3-256 digest of the
/// safe-serialized tfhe-rs `ServerKey`, not the key itself.
///
/// ```swift
/// let signature = FheServerKey(serverKey: digest32).sign(with: signer.key, domain: domain)
/// ```
public struct FheServerKey: EIP712StructJSON, Equatable {
    /// The Solidity struct name.
    public static let typeName = "FheServerKey"
    /// The single member, `bytes server_key`.
    public static let fields = [EIP712Field(name: "server_key", type: "bytes")]

    /// The signed bytes (the key file's SHA3-256 digest).
    public var serverKey: [UInt8]

    /// The struct for `serverKey`.
    public init(serverKey: [UInt8]) { self.serverKey = serverKey }

    /// keccak256(server_key).
    public var encodedMembers: [UInt8] { Keccak256.hash(serverKey) }

    package var json: JSONValue { .object(["server_key": .string(Hex.encode(serverKey, prefix: true))]) }
}
