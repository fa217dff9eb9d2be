/// Import of tfhe-rs keys into a key store and export of key sets as tfhe-rs files.
///
/// An import is a `ClientKey`, optionally with its `CompactPublicKey` and its `ServerKey`. Each
/// file must parse to the last byte and belong to the client key: the public key's parameters
/// are the client key's and `b − a ⊛ rev(s)` is within the noise bound; the server key's shapes
/// are the parameters' and its key-switching key encrypts the client key's big key under its
/// small key (`TfheRsServerKeyCheck`). Without a public key, one is made from the client key (as
/// tfhe-rs's `CompactPublicKey::new`). The key set is stored natively plus the original files
/// under the roles `tfhe_rs_client_key` / `tfhe_rs_public_key` / `tfhe_rs_server_key`, with the
/// tfhe-rs layout and encoding in the manifest metadata. Export writes that layout and encoding
/// back (the originals, byte for byte), or, for keys generated here, the layout the parameter
/// set calls for.
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
    /// Role of the original tfhe-rs server key file in the key store.
    package static let serverKeyRole = "tfhe_rs_server_key"
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
    /// Whether the public key was made here from the client key (none was given).
    public let publicKeyDerived: Bool
    /// Whether a server key was given (and checked).
    public var hasServerKey: Bool { serverKeyBytes != nil }
    let clientKeyBytes: [UInt8]
    let publicKeyBytes: [UInt8]
    let serverKeyBytes: [UInt8]?

    /// Parses and checks a tfhe-rs `ClientKey`, with its `CompactPublicKey` or without one (a
    /// public key is then made from the client key, in the client key's layout and encoding),
    /// and optionally its `ServerKey`.
    /// - Parameter randomness: for the public key made when none is given.
    public init(clientKey: [UInt8], publicKey: [UInt8]? = nil, serverKey: [UInt8]? = nil, limits: TfheRsLimits = .key,
                randomness: TFHERandomness = .system()) throws(TfheRsError) {
        let ckFile = try TfheRsFile.decode(clientKey, expecting: .clientKey, limits: limits)
        guard case .clientKey(let tck) = ckFile.object else { throw .unexpectedObject(expected: "ClientKey", found: ckFile.object.type.typeName) }
        let ck = try ClientKey(tfheRs: tck)
        if let serverKey {
            let skFile = try TfheRsFile.decode(serverKey, expecting: .serverKey, layout: ckFile.versioned ? nil : ckFile.layout, limits: limits)
            guard case .serverKey(let sk) = skFile.object else { throw .unexpectedObject(expected: "ServerKey", found: skFile.object.type.typeName) }
            try Self.checkSameRelease(ckFile, skFile, what: "server key")
            try TfheRsServerKeyCheck.check(sk, belongsTo: ck)
        }
        guard let publicKey else {
            let pk = try TfheRsError.mismatching("public key") { () throws(TFHEError) in
                try KeyGeneration.generatePublicKey(ck, randomness: randomness)
            }
            let pkFile = TfheRsFile(object: .compactPublicKey(try TfheRsCompactPublicKey(pk, layout: ckFile.layout)), layout: ckFile.layout,
                                    safeSerialized: ckFile.header != nil, versioned: ckFile.versioned)
            self.init(ckFile: ckFile, tck: tck, keySet: try TfheRsError.mismatching("key pair") { () throws(TFHEError) in try KeySet(clientKey: ck, publicKey: pk) },
                      clientKey: clientKey, publicKey: try pkFile.encode(), derived: true, serverKey: serverKey)
            return
        }
        // Plain bincode carries no tags: read the public key with the client key's layout.
        let pkFile = try TfheRsFile.decode(publicKey, expecting: .compactPublicKey,
                                           layout: ckFile.versioned ? nil : ckFile.layout, limits: limits)
        guard case .compactPublicKey(let tpk) = pkFile.object else { throw .unexpectedObject(expected: "CompactPublicKey", found: pkFile.object.type.typeName) }
        try Self.checkSameRelease(ckFile, pkFile, what: "public key")
        let pk = try CompactPublicKey(tfheRs: tpk, parameters: ck.parameters)
        guard LweCompactPublicKeyEncryption.publicKeyMatches(pk.key, secret: ck.compactPublicKeySecret,
                                             noise: ck.parameters.effectiveCompactPublicKey.encryptionNoiseDistribution) else {
            throw .mismatch("the public key was not made from this client key (b − a⊛rev(s) exceeds the noise bound)")
        }
        self.init(ckFile: ckFile, tck: tck, keySet: try TfheRsError.mismatching("key pair") { () throws(TFHEError) in try KeySet(clientKey: ck, publicKey: pk) },
                  clientKey: clientKey, publicKey: publicKey, derived: false, serverKey: serverKey)
    }

    private init(ckFile: TfheRsFile, tck: TfheRsClientKey, keySet: KeySet, clientKey: [UInt8], publicKey: [UInt8],
                 derived: Bool, serverKey: [UInt8]?) {
        self.keySet = keySet
        layout = ckFile.layout
        safeSerialized = ckFile.header != nil
        versioned = ckFile.versioned
        parameterMatch = TfheRsParameterMatch(clientKey: tck)
        publicKeyDerived = derived
        clientKeyBytes = clientKey
        publicKeyBytes = publicKey
        serverKeyBytes = serverKey
    }

    /// Files of one import must come from one tfhe-rs release and encoding.
    private static func checkSameRelease(_ ck: TfheRsFile, _ other: TfheRsFile, what: String) throws(TfheRsError) {
        guard other.compatibleLayouts.contains(ck.layout), other.versioned == ck.versioned,
              (other.header == nil) == (ck.header == nil) else {
            throw .mismatch("the client key (\(ck.layout), \(ck.encodingDescription)) and the \(what) (\(other.compatibleLayouts), \(other.encodingDescription)) come from different tfhe-rs releases or encodings")
        }
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
        var files = [
            KeyStore.ExtraFile(role: Self.clientKeyRole, bytes: clientKeyBytes, isPrivate: true),
            KeyStore.ExtraFile(role: Self.publicKeyRole, bytes: publicKeyBytes, isPrivate: false),
        ]
        if let serverKeyBytes { files.append(KeyStore.ExtraFile(role: Self.serverKeyRole, bytes: serverKeyBytes, isPrivate: false)) }
        return try store.save(keySet, overwrite: overwrite, metadata: metadata, extraFiles: files)
    }
}
