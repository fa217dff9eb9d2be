/// The struct a KMS signs for a published FHE public key (V09 KeyGen `external_signature`):
/// `FhePubKey(bytes pubkey)`, where `pubkey` is the 32-byte SHA3-256 digest of the
/// safe-serialized tfhe-rs `CompactPublicKey`, not the key itself.
///
/// ```swift
/// let signature = FhePubKey(pubkey: digest32).sign(with: signer.key, domain: domain)
/// ```
public struct FhePubKey: EIP712StructJSON, Equatable {
    /// The Solidity struct name.
    public static let typeName = "FhePubKey"
    /// The single member, `bytes pubkey`.
    public static let fields = [EIP712Field(name: "pubkey", type: "bytes")]

    /// The signed bytes (the key file's SHA3-256 digest).
    public var pubkey: [UInt8]

    /// The struct for `pubkey`.
    public init(pubkey: [UInt8]) { self.pubkey = pubkey }

    /// keccak256(pubkey).
    public var encodedMembers: [UInt8] { Keccak256.hash(pubkey) }

    package var json: JSONValue { .object(["pubkey": .string(Hex.encode(pubkey, prefix: true))]) }
}
