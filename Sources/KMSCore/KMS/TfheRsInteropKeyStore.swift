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
    public static let clientKeyRole = "tfhe_rs_client_key"
    /// Role of the original tfhe-rs public key file in the key store.
    public static let publicKeyRole = "tfhe_rs_public_key"
    /// Manifest metadata keys.
    public static let layoutKey = "tfhe_rs_layout"
    public static let releasesKey = "tfhe_rs_versions"
    public static let encodingKey = "tfhe_rs_encoding"
    public static let sourceKey = "imported_from"

    public let keySet: KeySet
    /// The layout of the imported pair (decided by the client key's version tags).
    public let layout: TfheRsLayout
    /// Whether the files were `safe_serialize` output (else headerless bincode).
    public let safeSerialized: Bool
    /// Whether the files were versioned bincode.
    public let versioned: Bool
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
        guard TfheRsInterop.publicKeyMatches(pk.key, secret: ck.compactPublicKeySecret,
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
    public var metadata: [String: String] {
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

/// A key set written as tfhe-rs files.
public struct TfheRsKeyExport: Sendable {
    /// How the files are encoded.
    public enum Encoding: String, Sendable, CaseIterable {
        /// `safe_serialize` (header "0.5" + versioned bincode): what tfhe-rs ≥ 0.8 and fhevmjs ≥ 0.6 read.
        case safeSerialize = "safe_serialize"
        /// Versioned bincode without header (`bincode::serialize(&x.versionize())`).
        case versioned = "versioned"
        /// Plain bincode without header (the wasm/C-API `serialize()`).
        case plain = "plain"

        init(safeSerialized: Bool, versioned: Bool) {
            self = safeSerialized ? .safeSerialize : (versioned ? .versioned : .plain)
        }
    }

    /// The tfhe-rs `ClientKey` (secret: write it 0600).
    public let clientKey: [UInt8]
    /// The tfhe-rs `CompactPublicKey`.
    public let publicKey: [UInt8]
    public let layout: TfheRsLayout
    public let encoding: Encoding

    /// Exports the key set of `store`.
    /// - Parameters:
    ///   - layout: the tfhe-rs layout; by default the one the key set was imported with, else
    ///     `TfheRsLayout.preferred(for:)` of its parameters.
    ///   - encoding: by default the imported encoding, else `safe_serialize`.
    public init(store: KeyStore, layout: TfheRsLayout? = nil, encoding: Encoding? = nil) throws {
        let manifest = try store.manifest()
        let keys = try store.load()
        let recordedLayout = manifest.metadata[TfheRsKeyImport.layoutKey].flatMap { TfheRsLayout(release: $0) }
        let recordedEncoding = manifest.metadata[TfheRsKeyImport.encodingKey].flatMap { Encoding(rawValue: $0) }
        let l = layout ?? recordedLayout ?? .preferred(for: keys.parameters)
        let e = encoding ?? recordedEncoding ?? .safeSerialize
        // The originals, when they are exactly what is asked for (digests checked by the store).
        if l == recordedLayout, e == recordedEncoding,
           manifest.files[TfheRsKeyImport.clientKeyRole] != nil, manifest.files[TfheRsKeyImport.publicKeyRole] != nil {
            clientKey = try store.readFile(role: TfheRsKeyImport.clientKeyRole, manifest: manifest)
            publicKey = try store.readFile(role: TfheRsKeyImport.publicKeyRole, manifest: manifest)
        } else {
            (clientKey, publicKey) = try Self.encode(keys, layout: l, encoding: e)
        }
        self.layout = l
        self.encoding = e
    }

    /// Encodes a key set as tfhe-rs files.
    public static func encode(_ keys: KeySet, layout: TfheRsLayout, encoding: Encoding) throws(TfheRsError) -> (clientKey: [UInt8], publicKey: [UInt8]) {
        let safe = encoding == .safeSerialize
        let versioned = encoding != .plain
        let ck = try TfheRsFile(object: .clientKey(TfheRsClientKey(keys.clientKey, layout: layout)), layout: layout,
                                safeSerialized: safe, versioned: versioned).encode()
        let pk = try TfheRsFile(object: .compactPublicKey(TfheRsCompactPublicKey(keys.publicKey, layout: layout)), layout: layout,
                                safeSerialized: safe, versioned: versioned).encode()
        return (ck, pk)
    }
}

extension TfheRsKeyExport {
    /// The tfhe-rs layout and encoding a key set uses: those recorded at import, else the
    /// parameter set's preferred layout, `safe_serialize`.
    public static func recordedFormat(of manifest: KeyManifest, parameters: ParameterSet) -> (layout: TfheRsLayout, encoding: Encoding) {
        let layout = manifest.metadata[TfheRsKeyImport.layoutKey].flatMap { TfheRsLayout(release: $0) } ?? .preferred(for: parameters)
        let encoding = manifest.metadata[TfheRsKeyImport.encodingKey].flatMap { Encoding(rawValue: $0) } ?? .safeSerialize
        return (layout, encoding)
    }
}

extension TfheRsInterop {
    /// Encrypts `value` under a serialized tfhe-rs `CompactPublicKey` as a `CompactCiphertextList`,
    /// written with the key's encoding and layout (or `layout`).
    public static func encrypt(_ value: ClearValue, publicKeyBytes: [UInt8], packed: Bool = false,
                               layout: TfheRsLayout? = nil, randomness: TFHERandomness = .system()) throws(TfheRsError) -> [UInt8] {
        let file = try TfheRsFile.decode(publicKeyBytes, expecting: .compactPublicKey, layout: layout, limits: .key)
        guard case .compactPublicKey(let pk) = file.object else { throw .unexpectedObject(expected: "CompactPublicKey", found: file.object.type.typeName) }
        let l = layout ?? file.layout
        let list = try TfheRsCompactCiphertextList.encrypt([value], publicKey: pk, packed: packed, layout: l, randomness: randomness)
        return try TfheRsFile(object: .compactCiphertextList(list), layout: l, safeSerialized: file.header != nil,
                              versioned: file.versioned).encode()
    }

    /// Encrypts `value` under our compact public key as a tfhe-rs `CompactCiphertextList`.
    public static func encrypt(_ value: ClearValue, publicKey: CompactPublicKey, packed: Bool = false,
                               layout: TfheRsLayout, encoding: TfheRsKeyExport.Encoding = .safeSerialize,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> [UInt8] {
        let pk = try TfheRsCompactPublicKey(publicKey, layout: layout)
        let list = try TfheRsCompactCiphertextList.encrypt([value], publicKey: pk, packed: packed, layout: layout, randomness: randomness)
        return try TfheRsFile(object: .compactCiphertextList(list), layout: layout, safeSerialized: encoding == .safeSerialize,
                              versioned: encoding != .plain).encode()
    }

    /// Encrypts `value` with the client key as a tfhe-rs `FheUint`/`FheBool`.
    public static func encrypt(_ value: ClearValue, clientKey: ClientKey, layout: TfheRsLayout,
                               encoding: TfheRsKeyExport.Encoding = .safeSerialize,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> [UInt8] {
        let object = try TfheRsObject(clientKey.encrypt(value, randomness: randomness), parameters: clientKey.parameters, layout: layout)
        return try TfheRsFile(object: object, layout: layout, safeSerialized: encoding == .safeSerialize,
                              versioned: encoding != .plain).encode()
    }
}

extension ClientKey {
    /// The client key in a serialized tfhe-rs `ClientKey` (any supported encoding).
    public init(tfheRsBytes bytes: [UInt8], limits: TfheRsLimits = .key) throws(TfheRsError) {
        let file = try TfheRsFile.decode(bytes, expecting: .clientKey, limits: limits)
        guard case .clientKey(let k) = file.object else { throw .unexpectedObject(expected: "ClientKey", found: file.object.type.typeName) }
        try self.init(tfheRs: k)
    }

    /// Decrypts a serialized tfhe-rs ciphertext object (`FheUint`, `FheBool`, seeded compressed
    /// forms, `CompactCiphertextList`, `CompressedCiphertextList`): one value per entry.
    /// Untrusted input: fhEVM's 16 MiB ciphertext limit applies by default.
    public func decrypt(tfheRsBytes bytes: [UInt8], limits: TfheRsLimits = .ciphertext) throws(TfheRsError) -> [ClearValue] {
        try decrypt(tfheRs: TfheRsFile.decode(bytes, limits: limits).object)
    }
}
