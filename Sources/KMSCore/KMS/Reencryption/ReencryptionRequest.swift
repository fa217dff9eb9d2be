/// A reencryption request as the KMS core receives it (proto `ReencryptionRequest` with its
/// `ReencryptionRequestPayload` and `Eip712DomainMsg`; kms.md §3.3): the user's signature and
/// address, the user's encryption key, the value's type, the key id, the ciphertext and its digest,
/// and the user's EIP-712 domain.
///
/// `validate()` performs the reference KMS's checks and returns what the server needs to answer.
///
/// ```swift
/// let request = try ReencryptionRequest(gateway: body, ciphertext: ctBytes, keyID: keys.keyID, chainId: 9000)
/// let checked = try request.validate()      // link, parsed keys and addresses
/// ```
public struct ReencryptionRequest: Sendable, Equatable {
    /// The only request version (`CURRENT_FORMAT_VERSION`).
    public static let currentVersion: UInt32 = 1

    /// Payload format version (must be 1).
    public var version: UInt32
    /// The user's 65-byte EIP-712 signature r ‖ s ‖ v of `Reencrypt{publicKey: encryptionKey}`.
    public var signature: [UInt8]
    /// The user's address as sent (must be checksummed EIP-55).
    public var clientAddress: String
    /// The user's encryption key, 40-byte bincode form, exactly the bytes signed.
    public var encryptionKey: [UInt8]
    /// Type of the encrypted value (from the handle's byte 30).
    public var fheType: FheType
    /// Id of the key set the ciphertext is encrypted under.
    public var keyID: KeyID
    /// The ciphertext bytes (the KMS requires them).
    public var ciphertext: [UInt8]?
    /// SHA3-256 of `ciphertext`, as computed by the gateway.
    public var ciphertextDigest: [UInt8]
    /// The user's EIP-712 domain ("Authorization token", "1", chainId, dApp contract).
    public var domain: EIP712Domain

    /// Creates a request from its fields.
    public init(version: UInt32 = Self.currentVersion, signature: [UInt8], clientAddress: String, encryptionKey: [UInt8],
                fheType: FheType, keyID: KeyID, ciphertext: [UInt8]?, ciphertextDigest: [UInt8], domain: EIP712Domain) {
        self.version = version
        self.signature = signature
        self.clientAddress = clientAddress
        self.encryptionKey = encryptionKey
        self.fheType = fheType
        self.keyID = keyID
        self.ciphertext = ciphertext
        self.ciphertextDigest = ciphertextDigest
        self.domain = domain
    }

    /// Builds the request the gateway would send to the KMS for a user's gateway request: the
    /// type from the handle, `ciphertextDigest` = SHA3-256(ciphertext), and the domain
    /// ("Authorization token", "1", `chainId`, verifying contract).
    /// - Throws: `.invalidHandle` for a handle with an unknown type byte, `.invalidVerifyingContract`
    ///   for a contract address that is not checksummed EIP-55.
    public init(gateway: GatewayReencryptionRequest, ciphertext: [UInt8], keyID: KeyID, chainId: UInt64) throws(ReencryptionError) {
        let handle: FheHandle
        do { handle = try FheHandle(bytes: gateway.ciphertextHandle) } catch { throw .invalidHandle(error.description) }
        let contract: EthereumAddress
        do {
            contract = try EthereumAddress(eip55: gateway.verifyingContract)
        } catch {
            throw .invalidVerifyingContract(error.description)
        }
        self.init(signature: gateway.signature, clientAddress: gateway.clientAddress, encryptionKey: gateway.encryptionKey,
                  fheType: handle.type, keyID: keyID, ciphertext: ciphertext, ciphertextDigest: SHA3.hash256(ciphertext),
                  domain: .authorizationToken(chainId: chainId, verifyingContract: contract))
    }

    /// A request that passed `validate()`.
    package struct Validated: Sendable, Equatable {
        /// The user's address.
        package let clientAddress: EthereumAddress
        /// The user's encryption key.
        package let clientKey: BoxPublicKey
        /// The 64-byte link (EIP-712 digest ‖ ciphertext digest).
        package let link: [UInt8]
        /// The ciphertext bytes (digest checked).
        package let ciphertext: [UInt8]
    }

    /// The reference KMS's checks (kms `validate_reencrypt_req` / `verify_reencryption_eip712`), in order:
    /// version 1; client address checksummed EIP-55; domain with a chain id and a verifying
    /// contract; client ≠ verifying contract; a 65-byte low-s signature (v 27/28, or 0/1 as the
    /// KMS also accepts) recovering to the client address; ciphertext present with
    /// SHA3-256(ciphertext) = `ciphertextDigest`; `encryptionKey` a 40-byte bincode key.
    /// The key id is checked by the `Reencryptor`, which knows its keys.
    /// - Throws: one `ReencryptionError` case per failed check.
    package func validate() throws(ReencryptionError) -> Validated {
        guard version == Self.currentVersion else { throw .unsupportedRequestVersion(version) }
        let client: EthereumAddress
        do { client = try EthereumAddress(eip55: clientAddress) } catch { throw .invalidClientAddress(error.description) }
        guard let contract = domain.verifyingContract else { throw .invalidDomain("no verifying contract") }
        guard domain.chainId != nil else { throw .invalidDomain("no chain id") }
        guard client != contract else { throw .clientIsVerifyingContract }

        guard signature.count == 65 else {
            throw .malformedUserSignature("expected 65 bytes (r ‖ s ‖ v), got \(signature.count)")
        }
        var sig = signature
        if sig[64] < 2 { sig[64] += 27 }   // the KMS accepts v ∈ {0, 1} as well as {27, 28}
        let recovered: EthereumAddress
        do {
            recovered = try Reencrypt(publicKey: encryptionKey).recoverSigner(sig, domain: domain)
        } catch .highS {
            throw .highSUserSignature
        } catch {
            throw .malformedUserSignature(error.description)
        }
        guard recovered == client else {
            throw .userSignatureMismatch(recovered: recovered.checksummed, expected: client.checksummed)
        }

        guard let ciphertext else { throw .missingCiphertext }
        guard ConstantTime.equal(SHA3.hash256(ciphertext), ciphertextDigest) else { throw .ciphertextDigestMismatch }
        let key: BoxPublicKey
        do { key = try BoxPublicKey(bincode: encryptionKey) } catch { throw .invalidEncryptionKey(error.description) }
        let link = ReencryptionLink.compute(encryptionKey: encryptionKey, domain: domain, ciphertextDigest: ciphertextDigest)
        return Validated(clientAddress: client, clientKey: key, link: link, ciphertext: ciphertext)
    }
}
