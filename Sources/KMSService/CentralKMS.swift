import Foundation
import GRPCCore
import KMSCore
import SwiftProtobuf

/// The centralized KMS behind the service: one key set and one signing identity. It checks
/// requests at submission (`check…`, cheap: ids, versions, key id, types, addresses, the user's
/// signature) and does the work later (`decrypt`, `reencrypt`: read, decrypt, sign), through the
/// library's signed-response code.
struct CentralKMS: Sendable {
    /// The key set served under its own key id.
    let keySet: KeySet
    let signer: KMSSigner
    let limits: ServiceLimits
    /// Key sets made by KeyGen calls (nil: KeyGen is not offered).
    var generatedKeys: GeneratedKeys? = nil

    // MARK: Decryption

    /// The submission checks (ids, version, key id, types, addresses), shared with threshold mode.
    var checks: RequestChecks { RequestChecks(keyID: keySet.keyID, limits: limits, generatedKeys: generatedKeys) }

    /// The submission checks of a decryption request; returns its id.
    func check(_ r: Kms_DecryptionRequest) throws(RPCError) -> RequestID { try checks.check(r) }

    /// Decrypts and signs: plaintexts as bincode `Plaintext`s, digest = SHA3-256 of the request's
    /// bincode, the EIP-712 `DecryptionResult` signature when the request has a domain and an ACL
    /// address, all signed by the KMS key.
    func decrypt(_ r: Kms_DecryptionRequest) throws -> Kms_DecryptionResponse {
        _ = try check(r)
        let keySet = try key(r.keyID)
        let ciphertexts = try CiphertextReader(keys: keySet).ciphertexts(of: r)
        let values = try ciphertexts.enumerated().map { i, ct in
            do { return try keySet.clientKey.decrypt(ct) } catch {
                throw ServiceFailure("ciphertexts[\(i)]: decryption failed: \(error)")
            }
        }
        return try DecryptionSigning.response(to: r, values: values, signer: signer)
    }

    // MARK: Reencryption

    /// The submission checks of a reencryption request (the user's EIP-712 signature included);
    /// returns its id and the library request.
    func check(_ r: Kms_ReencryptionRequest) throws(RPCError) -> (RequestID, ReencryptionRequest) { try checks.check(r) }

    /// Decrypts and signcrypts for the user, and signs the response payload.
    func reencrypt(_ r: Kms_ReencryptionRequest) throws -> Kms_ReencryptionResponse {
        let (_, request) = try check(r)
        let keySet = try key(r.payload.keyID)
        let kms = Reencryptor(keyID: keySet.keyID, decryptor: keySet.clientKey, signer: signer)
        do {
            return try Kms_ReencryptionResponse(try kms.reencrypt(request))
        } catch {
            throw ServiceFailure("reencryption failed: \(error)")
        }
    }

    // MARK: Key generation

    /// The submission checks of a key generation (centralized: `preproc_id` is checked when
    /// present, not used); returns its id, which becomes the key id.
    func check(_ r: Kms_KeyGenRequest) throws(RPCError) -> RequestID {
        guard generatedKeys != nil else { throw RPCError(code: .unimplemented, message: "this KMS does not generate keys") }
        let id = try RequestID.parse(r.hasRequestID ? r.requestID : nil, field: "request_id")
        _ = try parameters(r.params)
        if r.hasPreprocID { _ = try RequestID.parse(r.preprocID, field: "preproc_id") }
        if r.hasDomain { _ = try EIP712Domain(proto: r.domain, field: "domain") }
        guard id.hex != keySet.keyID.hex else {
            throw RPCError(code: .alreadyExists, message: "a key with id \(id) exists already")
        }
        return id
    }

    /// Generates a key set with its server key (or takes the one a previous run of this request
    /// stored before a restart) and signs the handles of its public key and server key.
    func keyGen(_ r: Kms_KeyGenRequest) throws -> Kms_KeyGenResult {
        let id = try check(r)
        guard let generatedKeys else { throw ServiceFailure("this KMS does not generate keys") }
        let store = generatedKeys.store(id)
        if !store.exists {
            let keys = try KeySet.generate(try parameters(r.params))
            do { try store.save(keys, generatingServerKeyWith: .system()) } catch {
                throw ServiceFailure("the key set could not be stored: \(error)")
            }
        }
        let domain = r.hasDomain ? try EIP712Domain(proto: r.domain, field: "domain") : nil
        var result = Kms_KeyGenResult()
        result.requestID = .with { $0.requestID = id.hex }
        for handle in try store.signedHandles(signer: signer, domain: domain) {
            result.keyResults[handle.type.rawValue] = .with {
                $0.keyHandle = handle.handle
                $0.signature = Data(handle.signature)
                $0.externalSignature = Data(handle.externalSignature)
            }
        }
        return result
    }

    /// `ParamChoice`: test (insecure, for tests) or default (the fhEVM set).
    private func parameters(_ choice: Kms_ParamChoice) throws(RPCError) -> ParameterSet {
        switch choice {
        case .test: return .test
        case .default: return .default
        case .UNRECOGNIZED(let n): throw RPCError(code: .invalidArgument, message: "params is not a ParamChoice: \(n)")
        }
    }

    // MARK: Keys

    /// The key set a request names: the served one, or one made by KeyGen under that id.
    private func key(_ message: Kms_RequestId?) throws(RPCError) -> KeySet {
        try checks.resolveKey(message).generated ?? keySet
    }
}

/// Why accepted work failed: the text stored and returned (INTERNAL) on poll. It names fields and
/// library errors, never key material or plaintexts.
struct ServiceFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
