import KMSCore

extension CiphertextReader {
    /// The ciphertexts of a decryption request in request order, each checked to hold its stated
    /// `fhe_type` (what the centralized KMS decrypts and a threshold party squashes).
    /// - Throws: `RPCError` (INVALID_ARGUMENT) for an unknown type; `ServiceFailure` naming the
    ///   ciphertext that cannot be read or holds another type.
    func ciphertexts(of r: Kms_DecryptionRequest) throws -> [FheCiphertext] {
        try r.ciphertexts.enumerated().map { i, c in
            let type = try FheType(proto: c.fheType, field: "ciphertexts[\(i)].fhe_type")
            let ct: FheCiphertext
            do { ct = try readOne([UInt8](c.ciphertext), as: type) } catch {
                throw ServiceFailure("ciphertexts[\(i)]: \(error)")
            }
            guard ct.type == type else { throw ServiceFailure("ciphertexts[\(i)] holds an \(ct.type), not an \(type)") }
            return ct
        }
    }
}
