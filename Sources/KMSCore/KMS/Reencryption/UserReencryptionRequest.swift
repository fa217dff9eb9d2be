/// A user's reencryption request as the client remembers it (fhevmjs `reencrypt` arguments): the
/// handle, the user's address and encryption key, the dApp contract and chain id that form the
/// EIP-712 domain, and the user's signature of `Reencrypt{publicKey}`.
///
/// It turns into the gateway POST body (`gatewayRequest`) and is what `ReencryptionClient`
/// checks the gateway's response against.
///
/// ```swift
/// let request = UserReencryptionRequest.sign(handle: handle, encryptionKey: userBoxKey.publicKey,
///                                            contract: dapp, chainId: 9000, wallet: ethKey)
/// print(request.gatewayRequest.json)     // POST {gateway}reencrypt
/// ```
public struct UserReencryptionRequest: Sendable, Equatable {
    /// The ciphertext handle being reencrypted.
    public var handle: FheHandle
    /// The user's Ethereum address.
    public var userAddress: EthereumAddress
    /// The user's encryption key (sent as its 40-byte bincode form).
    public var encryptionKey: BoxPublicKey
    /// The dApp contract (EIP-712 verifying contract).
    public var contract: EthereumAddress
    /// The host chain id.
    public var chainId: UInt64
    /// The user's 65-byte EIP-712 signature r ‖ s ‖ v.
    public var signature: [UInt8]

    /// Creates a request from its parts (e.g. a signature obtained from a wallet).
    public init(handle: FheHandle, userAddress: EthereumAddress, encryptionKey: BoxPublicKey, contract: EthereumAddress,
                chainId: UInt64, signature: [UInt8]) {
        self.handle = handle
        self.userAddress = userAddress
        self.encryptionKey = encryptionKey
        self.contract = contract
        self.chainId = chainId
        self.signature = signature
    }

    /// Signs `Reencrypt{publicKey: encryptionKey.bincode}` with the user's Ethereum key
    /// (what a wallet's `eth_signTypedData_v4` returns: low-s, v ∈ {27, 28}).
    public static func sign(handle: FheHandle, encryptionKey: BoxPublicKey, contract: EthereumAddress, chainId: UInt64,
                            wallet: Secp256k1PrivateKey) -> UserReencryptionRequest {
        let domain = EIP712Domain.authorizationToken(chainId: chainId, verifyingContract: contract)
        let signature = Reencrypt(publicKey: encryptionKey.bincode).sign(with: wallet, domain: domain)
        return UserReencryptionRequest(handle: handle, userAddress: wallet.address, encryptionKey: encryptionKey,
                                       contract: contract, chainId: chainId, signature: signature)
    }

    /// Reads back a gateway POST body (e.g. a saved request) for a known chain id.
    /// Addresses must be checksummed EIP-55, as the gateway requires.
    /// - Throws: `.invalidClientAddress`, `.invalidVerifyingContract`, `.invalidEncryptionKey`, `.invalidHandle`.
    public init(gateway: GatewayReencryptionRequest, chainId: UInt64) throws(ReencryptionError) {
        do { handle = try FheHandle(bytes: gateway.ciphertextHandle) } catch { throw .invalidHandle(error.description) }
        do { userAddress = try EthereumAddress(eip55: gateway.clientAddress) } catch { throw .invalidClientAddress(error.description) }
        do { contract = try EthereumAddress(eip55: gateway.verifyingContract) } catch {
            throw .invalidVerifyingContract(error.description)
        }
        do { encryptionKey = try BoxPublicKey(bincode: gateway.encryptionKey) } catch {
            throw .invalidEncryptionKey(error.description)
        }
        self.chainId = chainId
        signature = gateway.signature
    }

    /// The EIP-712 domain ("Authorization token", "1", chainId, contract).
    public var domain: EIP712Domain { .authorizationToken(chainId: chainId, verifyingContract: contract) }

    /// The gateway POST body: hex without `0x`, addresses EIP-55.
    public var gatewayRequest: GatewayReencryptionRequest {
        GatewayReencryptionRequest(signature: signature, clientAddress: userAddress.checksummed,
                                   encryptionKey: encryptionKey.bincode, ciphertextHandle: handle.bytes,
                                   verifyingContract: contract.checksummed)
    }

    /// The link a response must carry, given the gateway's ciphertext digest.
    package func link(ciphertextDigest: [UInt8]) -> [UInt8] {
        ReencryptionLink.compute(encryptionKey: encryptionKey.bincode, domain: domain, ciphertextDigest: ciphertextDigest)
    }
}
