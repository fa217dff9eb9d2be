import Foundation
import KMSCore

/// The signed V09 answer to a decryption request once its values are known, for the centralized
/// KMS and for each threshold party: plaintexts as bincode `Plaintext`s, digest = SHA3-256 of the
/// request's bincode, the EIP-712 `DecryptionResult` signature when the request has a domain and
/// an ACL address, all signed by `signer`.
enum DecryptionSigning {
    static func response(to r: Kms_DecryptionRequest, values: [ClearValue], signer: KMSSigner) throws -> Kms_DecryptionResponse {
        var external: [UInt8]?
        if let (message, domain) = try externalMessage(r, values: values) {
            if message.handles.count == values.count {
                // Every value has its handle: the library also checks each value's type against its handle's.
                external = try SignedDecryption.sign(plaintexts: values, handles: message.handles, signer: signer,
                                                     aclAddress: message.aclAddress, domain: domain).signature
            } else {
                external = message.sign(with: signer.key, domain: domain)
            }
        }
        let payload = DecryptionResponsePayload(verificationKey: signer.verificationKey,
                                                digest: RequestDigest.decryption(r),
                                                plaintexts: values.map { KMSPlaintext($0).bincode },
                                                externalSignature: external)
        return Kms_DecryptionResponse(payload.signed(with: signer.key))
    }

    /// The EIP-712 `DecryptionResult` a KMS signs for `r` once its values are known, and its
    /// domain; nil when the request has no domain or no ACL address. `handlesList` holds the
    /// handles present, in request order; `decryptedResult` every value.
    /// - Throws: `RPCError` for a malformed domain, `ServiceFailure` for a malformed ACL address
    ///   or handle.
    static func externalMessage(_ r: Kms_DecryptionRequest, values: [ClearValue]) throws -> (DecryptionResult, EIP712Domain)? {
        guard r.hasDomain, r.hasAclAddress else { return nil }
        let domain = try EIP712Domain(proto: r.domain, field: "domain")
        let acl: EthereumAddress
        do { acl = try EthereumAddress(parsing: r.aclAddress) } catch { throw ServiceFailure("acl_address: \(error)") }
        let handles = try r.ciphertexts.filter(\.hasExternalHandle).map { try FheHandle(bytes: [UInt8]($0.externalHandle)) }
        return (DecryptionResult(aclAddress: acl, handles: handles, decryptedResult: DecryptedResultEncoder.encode(values)), domain)
    }
}
