import Foundation
import GRPCCore
import KMSCore
import SwiftProtobuf

/// The centralized KMS behind the service: one key set and one signing identity. It checks
/// requests at submission (`check…`, cheap: ids, versions, key id, types, addresses, the user's
/// signature) and does the work later (`decrypt`, `reencrypt`: read, decrypt, sign), through the
/// library's signed-response code.
struct CentralKMS: Sendable {
    /// The request/response format version (`CURRENT_FORMAT_VERSION`).
    static let formatVersion: UInt32 = RequestChecks.formatVersion

    let keySet: KeySet
    let signer: KMSSigner
    let limits: ServiceLimits

    // MARK: Decryption

    /// The submission checks (ids, version, key id, types, addresses), shared with threshold mode.
    var checks: RequestChecks { RequestChecks(keyID: keySet.keyID, limits: limits) }

    /// The submission checks of a decryption request; returns its id.
    func check(_ r: Kms_DecryptionRequest) throws(RPCError) -> RequestID { try checks.check(r) }

    /// Decrypts and signs: plaintexts as bincode `Plaintext`s, digest = SHA3-256 of the request's
    /// bincode, the EIP-712 `DecryptionResult` signature when the request has a domain and an ACL
    /// address, all signed by the KMS key.
    func decrypt(_ r: Kms_DecryptionRequest) throws -> Kms_DecryptionResponse {
        _ = try check(r)
        let reader = CiphertextReader(keys: keySet)
        var values: [ClearValue] = []
        for (i, c) in r.ciphertexts.enumerated() {
            let type = try FheType(proto: c.fheType, field: "ciphertexts[\(i)].fhe_type")
            let ct: FheCiphertext
            do { ct = try reader.readOne([UInt8](c.ciphertext), as: type) } catch {
                throw ServiceFailure("ciphertexts[\(i)]: \(error)")
            }
            guard ct.type == type else { throw ServiceFailure("ciphertexts[\(i)] holds an \(ct.type), not an \(type)") }
            do { values.append(try keySet.clientKey.decrypt(ct)) } catch {
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
        let kms = Reencryptor(keyID: keySet.keyID, decryptor: keySet.clientKey, signer: signer)
        do {
            return try Kms_ReencryptionResponse(try kms.reencrypt(request))
        } catch {
            throw ServiceFailure("reencryption failed: \(error)")
        }
    }
}

/// Why accepted work failed: the text stored and returned (INTERNAL) on poll. It names fields and
/// library errors, never key material or plaintexts.
struct ServiceFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
