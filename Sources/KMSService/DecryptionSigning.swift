import Foundation
import KMSCore

/// The signed V09 answer to a decryption request once its values are known, for the centralized
/// KMS and for each threshold party: plaintexts as bincode `Plaintext`s, digest = SHA3-256 of the
/// request's bincode, the EIP-712 `DecryptionResult` signature when the request has a domain and
/// an ACL address, all signed by `signer`.
enum DecryptionSigning {
    static func response(to r: Kms_DecryptionRequest, values: [ClearValue], signer: KMSSigner) throws -> Kms_DecryptionResponse {
        var external: [UInt8]?
        if r.hasDomain, r.hasAclAddress {
            let domain = try EIP712Domain(proto: r.domain, field: "domain")
            let acl: EthereumAddress
            do { acl = try EthereumAddress(parsing: r.aclAddress) } catch { throw ServiceFailure("acl_address: \(error)") }
            // handlesList holds the handles present, in request order; decryptedResult every value.
            let handles = try r.ciphertexts.filter(\.hasExternalHandle).map { try FheHandle(bytes: [UInt8]($0.externalHandle)) }
            if handles.count == values.count {
                external = try SignedDecryption.sign(plaintexts: values, handles: handles, signer: signer,
                                                     aclAddress: acl, domain: domain).signature
            } else {
                let message = DecryptionResult(aclAddress: acl, handles: handles,
                                               decryptedResult: DecryptedResultEncoder.encode(values))
                external = message.sign(with: signer.key, domain: domain)
            }
        }
        let payload = DecryptionResponsePayload(verificationKey: signer.verificationKey,
                                                digest: RequestDigest.decryption(r),
                                                plaintexts: values.map { KMSPlaintext($0).bincode },
                                                externalSignature: external)
        return Kms_DecryptionResponse(payload.signed(with: signer.key))
    }
}
