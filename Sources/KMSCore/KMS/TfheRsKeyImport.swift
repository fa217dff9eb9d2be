/// Import of tfhe-rs key pairs into a key store and export of key sets as tfhe-rs files.
///
/// An imported pair is checked (both files parse to the last byte, the public key's parameters
/// are the client key's, and `b − a ⊛ rev(s)` is within the noise bound, so the public key
/// belongs to the client key); it is stored as a native key set plus the original files under
/// the roles `tfhe_rs_client_key` / `tfhe_rs_public_key`, with the tfhe-rs layout and encoding
/// in the manifest metadata. Export writes that layout and encoding back (the originals, byte for
/// byte), or, for keys generated here, the layout the parameter set calls for.
///
/// ```swift
/// let imported = try TfheRsKeyImport(clientKey: ckBytes, publicKey: pkBytes)
/// try imported.save(to: KeyStore(directory: dir))
/// let exported = try TfheRsKeyExport(store: KeyStore(directory: dir))       // recorded layout
/// exported.clientKey      // tfhe-rs ClientKey bytes (secret: store 0600)
/// ```
public struct TfheRsKeyImport: Sendable {
    /// Role of the original tfhe-rs client key file in the key store.
    package static let clientKeyRole = "tfhe_rs_client_key"
    /// Role of the original tfhe-rs public key file in the key store.
    package static let publicKeyRole = "tfhe_rs_public_key"
    /// Manifest metadata keys.
    package static let layoutKey = "tfhe_rs_layout"
    package static let releasesKey = "tfhe_rs_versions"
    package static let encodingKey = "tfhe_rs_encoding"
    package static let sourceKey = "imported_from"

    public let keySet: KeySet
    /// The layout of the imported pair (decided by the client key's version tags).
    public let layout: TfheRsLayout
    /// Whether the files were `safe_serialize` output (else headerless bincode).
    package let safeSerialized: Bool
    /// Whether the files were versioned bincode.
    package let versioned: Bool
    public let parameterMatch: TfheRsParameterMatch
    let clientKeyBytes: [UInt8]
    let publicKeyBytes: [UInt8]

    /// Parses and checks a tfhe-rs `ClientKey` + `CompactPublicKey` pair.
    public init(clientKey: [UInt8], publicKey: [UInt8], limits: TfheRsLimits = .key) throws(TfheRsError) {
        let ckFile = try TfheRsFile.decode(clientKey, expecting: .clientKey, limits: limits)
        guard case .clientKey(let tck) = ckFile.object else { throw .unexpectedObject(expected: "ClientKey", found: ckFile.object.type.typeName) }
        // Plain bincode carries no tags: read the public key with the client key's layout.
        let pkFile = try TfheRsFile.decode(publicKey, expecting: .compactPublicKey,
                                           layout: ckFile.versioned ? nil : ckFile.layout, limits: limits)
        guard case .compactPublicKey(let tpk) = pkFile.object else { throw .unexpectedObject(expected: "CompactPublicKey", found: pkFile.object.type.typeName) }
        guard pkFile.compatibleLayouts.contains(ckFile.layout), pkFile.versioned == ckFile.versioned,
              (pkFile.header == nil) == (ckFile.header == nil) else {
            throw .mismatch("the client key (\(ckFile.layout), \(ckFile.encodingDescription)) and the public key (\(pkFile.compatibleLayouts), \(pkFile.encodingDescription)) come from different tfhe-rs releases or encodings")
        }
        let ck = try ClientKey(tfheRs: tck)
        let pk = try CompactPublicKey(tfheRs: tpk, parameters: ck.parameters)
        guard LweCompactPublicKeyEncryption.publicKeyMatches(pk.key, secret: ck.compactPublicKeySecret,
                                             noise: ck.parameters.effectiveCompactPublicKey.encryptionNoiseDistribution) else {
            throw .mismatch("the public key was not made from this client key (b − a⊛rev(s) exceeds the noise bound)")
        }
        keySet = try TfheRsError.mismatching("key pair") { () throws(TFHEError) in try KeySet(clientKey: ck, publicKey: pk) }
        layout = ckFile.layout
        safeSerialized = ckFile.header != nil
        versioned = ckFile.versioned
        parameterMatch = TfheRsParameterMatch(clientKey: tck)
        clientKeyBytes = clientKey
        publicKeyBytes = publicKey
    }

    /// The manifest metadata recorded with the key set.
    package var metadata: [String: String] {
        [Self.sourceKey: "tfhe-rs",
         Self.layoutKey: layout.version,
         Self.releasesKey: layout.releases,
         Self.encodingKey: TfheRsKeyExport.Encoding(safeSerialized: safeSerialized, versioned: versioned).rawValue]
    }

    /// Stores the key set, the original files and the metadata.
    @discardableResult
    public func save(to store: KeyStore, overwrite: Bool = false) throws(StorageError) -> KeyManifest {
        try store.save(keySet, overwrite: overwrite, metadata: metadata, extraFiles: [
            KeyStore.ExtraFile(role: Self.clientKeyRole, bytes: clientKeyBytes, isPrivate: true),
            KeyStore.ExtraFile(role: Self.publicKeyRole, bytes: publicKeyBytes, isPrivate: false),
        ])
    }
}
