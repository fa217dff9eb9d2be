/// An EIP-712 domain: the optional standard members `name`, `version`, `chainId` (uint256),
/// `verifyingContract` and `salt` (bytes32); the type string lists the present ones in that order.
///
/// ```swift
/// let domain = EIP712Domain.kmsVerifier(chainId: 11155111,
///     verifyingContract: try EthereumAddress(eip55: "0x9D6891A6240D6130c54ae243d8005063D05fE14b"))
/// domain.separator        // 32 bytes
/// ```
public struct EIP712Domain: Sendable, Hashable {
    public var name: String?
    public var version: String?
    /// The chain id as a 32-byte big-endian uint256 (nil when absent).
    public var chainId: [UInt8]?
    public var verifyingContract: EthereumAddress?
    /// 32 bytes when present.
    public var salt: [UInt8]?

    /// The standard members in canonical order.
    package static let standardFields = [
        EIP712Field(name: "name", type: "string"),
        EIP712Field(name: "version", type: "string"),
        EIP712Field(name: "chainId", type: "uint256"),
        EIP712Field(name: "verifyingContract", type: "address"),
        EIP712Field(name: "salt", type: "bytes32"),
    ]

    /// A domain with a chain id given as a 32-byte big-endian word.
    /// - Throws: `EIP712Error.invalidValue` if `chainId` or `salt` is not 32 bytes.
    public init(name: String?, version: String?, chainId: [UInt8]?, verifyingContract: EthereumAddress?,
                salt: [UInt8]? = nil) throws(EIP712Error) {
        if let c = chainId, c.count != 32 { throw .invalidValue(path: "domain.chainId", reason: "expected a 32-byte word") }
        if let s = salt, s.count != 32 { throw .invalidValue(path: "domain.salt", reason: "expected 32 bytes") }
        self.name = name
        self.version = version
        self.chainId = chainId
        self.verifyingContract = verifyingContract
        self.salt = salt
    }

    /// A domain with a chain id.
    public init(name: String?, version: String?, chainId: ChainID, verifyingContract: EthereumAddress?) {
        self.init(trusted: name, version, chainId.word, verifyingContract)
    }

    init(trusted name: String?, _ version: String?, _ chainId: [UInt8], _ verifyingContract: EthereumAddress?) {
        self.name = name
        self.version = version
        self.chainId = chainId
        self.verifyingContract = verifyingContract
        self.salt = nil
    }

    /// The KMSVerifier domain ("KMSVerifier", "1", chainId, KMSVerifier proxy), which signs
    /// `DecryptionResult` and `CiphertextVerificationForKMS`.
    public static func kmsVerifier(chainId: ChainID, verifyingContract: EthereumAddress) -> EIP712Domain {
        // A 32-byte word by construction.
        EIP712Domain(trusted: "KMSVerifier", "1", chainId.word, verifyingContract)
    }

    /// The user-authorisation domain of fhevmjs ("Authorization token", "1", chainId, dApp contract),
    /// which signs `Reencrypt`.
    public static func authorizationToken(chainId: UInt64, verifyingContract: EthereumAddress) -> EIP712Domain {
        EIP712Domain(trusted: "Authorization token", "1", ChainID(chainId).word, verifyingContract)
    }

    /// The members present, in canonical order.
    package var fields: [EIP712Field] {
        Self.standardFields.filter { f in
            switch f.name {
            case "name": name != nil
            case "version": version != nil
            case "chainId": chainId != nil
            case "verifyingContract": verifyingContract != nil
            default: salt != nil
            }
        }
    }

    /// `EIP712Domain(string name,…)` for the present members.
    package var typeString: String {
        "EIP712Domain(" + fields.map { "\($0.type) \($0.name)" }.joined(separator: ",") + ")"
    }

    /// keccak256(typeString).
    package var typeHash: [UInt8] { Keccak256.hash(Array(typeString.utf8)) }

    /// The domain separator hashStruct(EIP712Domain, self).
    package var separator: [UInt8] {
        var h = Keccak256.Hasher()
        h.update(typeHash)
        if let name { h.update(Keccak256.hash(Array(name.utf8))) }
        if let version { h.update(Keccak256.hash(Array(version.utf8))) }
        if let chainId { h.update(chainId) }
        if let verifyingContract { h.update(verifyingContract.abiWord) }
        if let salt { h.update(salt) }
        return h.finalize()
    }

    /// The domain as a typed-data JSON object (chainId as a JSON number below 2^53, the
    /// largest integer JSON readers keep exactly and the limit `ABIWord` accepts; as a decimal
    /// string up to 2^64 − 1, else 0x-hex; addresses EIP-55; salt 0x-hex).
    package var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let name { o["name"] = .string(name) }
        if let version { o["version"] = .string(version) }
        if let chainId {
            if chainId[0..<24].allSatisfy({ $0 == 0 }) {
                let v = chainId[24..<32].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                o["chainId"] = v < 1 << 53 ? .number(String(v)) : .string(String(v))
            } else {
                o["chainId"] = .string(Hex.encode(chainId, prefix: true))
            }
        }
        if let verifyingContract { o["verifyingContract"] = .string(verifyingContract.checksummed) }
        if let salt { o["salt"] = .string(Hex.encode(salt, prefix: true)) }
        return .object(o)
    }
}
