import GRPCCore
import KMSCore

/// The submission checks of V09 requests that need no secret: ids, versions, the key id, types,
/// handles, addresses and the user's reencryption signature. Centralized and threshold cores use
/// them when a request arrives, and threshold parties again on what the core forwards.
struct RequestChecks: Sendable {
    /// The request/response format version (`CURRENT_FORMAT_VERSION`).
    static let formatVersion: UInt32 = 1

    /// The key this KMS serves under its own id.
    let keyID: KeyID
    let limits: ServiceLimits
    /// Keys made by KeyGen calls, served under their request ids (centralized only).
    var generatedKeys: GeneratedKeys? = nil

    /// The submission checks of a decryption request; returns its id.
    func check(_ r: Kms_DecryptionRequest) throws(RPCError) -> RequestID {
        let id = try RequestID.parse(r.hasRequestID ? r.requestID : nil, field: "request_id")
        try checkVersion(r.version)
        _ = try checkKey(r.hasKeyID ? r.keyID : nil)
        guard !r.ciphertexts.isEmpty else { throw RPCError(code: .invalidArgument, message: "no ciphertexts") }
        guard r.ciphertexts.count <= limits.maxCiphertextsPerRequest else {
            throw RPCError(code: .invalidArgument,
                           message: "\(r.ciphertexts.count) ciphertexts (at most \(limits.maxCiphertextsPerRequest))")
        }
        for (i, c) in r.ciphertexts.enumerated() {
            let type = try FheType(proto: c.fheType, field: "ciphertexts[\(i)].fhe_type")
            guard !c.ciphertext.isEmpty else {
                throw RPCError(code: .invalidArgument, message: "ciphertexts[\(i)].ciphertext is empty")
            }
            if c.hasExternalHandle {
                let handle: FheHandle
                do { handle = try FheHandle(bytes: [UInt8](c.externalHandle)) } catch {
                    throw RPCError(code: .invalidArgument, message: "ciphertexts[\(i)].external_handle: \(error)")
                }
                guard handle.type == type else {
                    throw RPCError(code: .invalidArgument,
                                   message: "ciphertexts[\(i)]: handle type \(handle.type) but fhe_type \(type)")
                }
            }
        }
        if r.hasDomain { _ = try EIP712Domain(proto: r.domain, field: "domain") }
        if r.hasAclAddress { _ = try aclAddress(r.aclAddress) }
        return id
    }

    /// The submission checks of a reencryption request (the reference's `validate_reencrypt_req`,
    /// the user's EIP-712 signature included); returns its id and the library request.
    func check(_ r: Kms_ReencryptionRequest) throws(RPCError) -> (RequestID, ReencryptionRequest) {
        let id = try RequestID.parse(r.hasRequestID ? r.requestID : nil, field: "request_id")
        guard r.hasPayload else { throw RPCError(code: .invalidArgument, message: "payload is missing") }
        let p = r.payload
        try checkVersion(p.version)
        let keyID = try checkKey(p.hasKeyID ? p.keyID : nil)
        guard r.hasDomain else { throw RPCError(code: .invalidArgument, message: "domain is missing") }
        let request = ReencryptionRequest(
            version: p.version, signature: [UInt8](r.signature), clientAddress: p.clientAddress,
            encryptionKey: [UInt8](p.encKey), fheType: try FheType(proto: p.fheType, field: "payload.fhe_type"),
            keyID: keyID, ciphertext: p.hasCiphertext ? [UInt8](p.ciphertext) : nil,
            ciphertextDigest: [UInt8](p.ciphertextDigest), domain: try EIP712Domain(proto: r.domain, field: "domain"))
        do { _ = try request.validate() } catch {
            throw RPCError(code: .invalidArgument, message: "reencryption request refused: \(error)")
        }
        return (id, request)
    }

    // MARK: Shared checks

    private func checkVersion(_ version: UInt32) throws(RPCError) {
        guard version == Self.formatVersion else {
            throw RPCError(code: .invalidArgument, message: "version \(version) is not supported (expected \(Self.formatVersion))")
        }
    }

    /// The id of the key set a request names (a KeyGen request id names the generated key set).
    private func checkKey(_ message: Kms_RequestId?) throws(RPCError) -> KeyID {
        try resolveKey(message).keyID
    }

    /// The key a request's `key_id` names: the served key (`generated` nil) or a key set made by
    /// KeyGen under that request id.
    /// - Throws: INVALID_ARGUMENT for a malformed id, NOT_FOUND for an unknown key, INTERNAL
    ///   when a generated key set cannot be read.
    func resolveKey(_ message: Kms_RequestId?) throws(RPCError) -> (keyID: KeyID, generated: KeySet?) {
        let key = try RequestID.parse(message, field: "key_id")
        if key.hex == keyID.hex { return (keyID, nil) }
        let generated: KeySet?
        do { generated = try generatedKeys?.keySet(key) } catch {
            throw RPCError(code: .internalError, message: "key \(key) could not be loaded")
        }
        guard let generated else { throw RPCError(code: .notFound, message: "no key with id \(key)") }
        return (generated.keyID, generated)
    }

    func aclAddress(_ text: String) throws(RPCError) -> EthereumAddress {
        do { return try EthereumAddress(parsing: text) } catch {
            throw RPCError(code: .invalidArgument, message: "acl_address: \(error)")
        }
    }
}
