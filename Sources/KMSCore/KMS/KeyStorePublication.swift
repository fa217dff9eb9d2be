/// The public key material of a stored key set as it is published (tfhe-rs files), and its
/// signed handles: what a V09 KMS answers to `GetKeyGenResult`.
///
/// ```swift
/// let store = KeyStore(directory: URL(fileURLWithPath: "keys"))
/// for handle in try store.signedHandles(signer: signer, domain: domain) {
///     print(handle.type.rawValue, handle.handle)
/// }
/// ```
extension KeyStore {
    /// The published files: the tfhe-rs `CompactPublicKey` in the key set's recorded layout and
    /// encoding (safe-serialized unless imported otherwise), and the tfhe-rs `ServerKey` file as
    /// stored, when the key set has one.
    public func publishedFiles() throws -> [PublicDataType: [UInt8]] {
        let m = try manifest()
        let keys = try load()
        let format = TfheRsKeyExport.recordedFormat(of: m, parameters: keys.parameters)
        var files: [PublicDataType: [UInt8]] = [:]
        if m.files[TfheRsKeyImport.publicKeyRole] != nil, format.encoding == .safeSerialize {
            files[.publicKey] = try readFile(role: TfheRsKeyImport.publicKeyRole, manifest: m)
        } else {
            files[.publicKey] = try TfheRsKeyExport.encode(keys, layout: format.layout, encoding: .safeSerialize).publicKey
        }
        for role in [Self.serverKeyRole, TfheRsKeyImport.serverKeyRole] where m.files[role] != nil {
            files[.serverKey] = try readFile(role: role, manifest: m)
            break
        }
        return files
    }

    /// The signed handle of every published file, public key first.
    public func signedHandles(signer: KMSSigner, domain: EIP712Domain?) throws -> [SignedPublicDataHandle] {
        let files = try publishedFiles()
        return PublicDataType.allCases.compactMap { type in
            files[type].map { SignedPublicDataHandle(type, of: $0, signer: signer, domain: domain) }
        }
    }
}
