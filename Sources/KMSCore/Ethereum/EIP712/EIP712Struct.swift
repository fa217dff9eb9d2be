/// A Solidity struct with a fixed EIP-712 type, hashed without going through JSON.
///
/// Conformers provide the type string and their member encodings; the protocol supplies the
/// typehash, `structHash`, the signing `digest(domain:)`, a typed-data document (for tooling
/// and cross-checks with the general encoder), and signing.
///
/// ```swift
/// let result = DecryptionResult(aclAddress: acl, handles: handles, decryptedResult: bytes)
/// let sig = result.sign(with: kmsKey, domain: .kmsVerifier(chainId: 11155111, verifyingContract: kmsVerifier))
/// ```
public protocol EIP712Struct: Sendable {
    /// The struct's name, e.g. `DecryptionResult`.
    static var typeName: String { get }
    /// The members in declaration order.
    static var fields: [EIP712Field] { get }
    /// encodeData without the leading typehash: one 32-byte word per member.
    var encodedMembers: [UInt8] { get }
}

/// The library's own structs also know their message as a typed-data JSON object.
package protocol EIP712StructJSON: EIP712Struct {
    var json: JSONValue { get }
}

extension EIP712Struct {
    /// `Name(type1 name1,…)` (these structs reference no other struct type).
    package static var typeString: String {
        typeName + "(" + fields.map { "\($0.type) \($0.name)" }.joined(separator: ",") + ")"
    }

    /// keccak256(typeString).
    package static var typeHash: [UInt8] { Keccak256.hash(Array(typeString.utf8)) }

    /// hashStruct(self).
    package var structHash: [UInt8] {
        var h = Keccak256.Hasher()
        h.update(Self.typeHash)
        h.update(encodedMembers)
        return h.finalize()
    }

    /// keccak256(0x1901 ‖ domain.separator ‖ structHash).
    public func digest(domain: EIP712Domain) -> [UInt8] {
        var h = Keccak256.Hasher()
        h.update([0x19, 0x01])
        h.update(domain.separator)
        h.update(structHash)
        return h.finalize()
    }

    /// The 65-byte Ethereum signature (r ‖ s ‖ v, v ∈ {27, 28}) of `digest(domain:)`.
    public func sign(with key: Secp256k1PrivateKey, domain: EIP712Domain) -> [UInt8] {
        key.signEthereum(digest: digest(domain: domain))
    }

    /// The address that signed `signature65` over this struct in `domain`.
    public func recoverSigner(_ signature65: [UInt8], domain: EIP712Domain) throws(SignatureError) -> EthereumAddress {
        try Secp256k1PublicKey.recover(digest: digest(domain: domain), signature65: signature65).address
    }

}

extension EIP712StructJSON {
    /// The full `eth_signTypedData_v4` document for this struct in `domain`.
    package func typedDataDocument(domain: EIP712Domain) throws(EIP712Error) -> EIP712TypedData {
        try EIP712TypedData(types: ["EIP712Domain": domain.fields, Self.typeName: Self.fields],
                            primaryType: Self.typeName, domain: domain.json, message: json)
    }
}
