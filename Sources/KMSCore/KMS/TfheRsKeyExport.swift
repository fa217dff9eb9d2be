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
    /// The tfhe-rs `ServerKey`, when the key set has one and the layout can hold it (1.0 on):
    /// an imported key's original bytes, or the stored key re-encoded for the asked layout.
    public let serverKey: [UInt8]?
    public let layout: TfheRsLayout
    public let encoding: Encoding

    /// Exports the key set of `store`.
    /// - Parameters:
    ///   - store: the key store holding the key set.
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
        if manifest.files[TfheRsKeyImport.serverKeyRole] != nil {
            let original = try store.readFile(role: TfheRsKeyImport.serverKeyRole, manifest: manifest)
            if l == recordedLayout, e == recordedEncoding {
                serverKey = original
            } else {
                let file = try TfheRsFile.decode(original, expecting: .serverKey, layout: recordedEncoding == .plain ? recordedLayout : nil)
                serverKey = try TfheRsFile(object: file.object, layout: l, safeSerialized: e == .safeSerialize,
                                           versioned: e != .plain).encode()
            }
        } else if manifest.files[KeyStore.serverKeyRole] != nil, l >= .v1_0 {
            // Generated here and stored in tfhe-rs's format: re-encoded in the asked layout.
            let stored = try store.readFile(role: KeyStore.serverKeyRole, manifest: manifest)
            let file = try TfheRsFile.decode(stored, expecting: .serverKey, limits: .key)
            serverKey = try TfheRsFile(object: file.object, layout: l, safeSerialized: e == .safeSerialize,
                                       versioned: e != .plain).encode()
        } else {
            // No server key, or a layout before 1.0, which cannot hold one.
            serverKey = nil
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
    package static func recordedFormat(of manifest: KeyManifest, parameters: ParameterSet) -> (layout: TfheRsLayout, encoding: Encoding) {
        let layout = manifest.metadata[TfheRsKeyImport.layoutKey].flatMap { TfheRsLayout(release: $0) } ?? .preferred(for: parameters)
        let encoding = manifest.metadata[TfheRsKeyImport.encodingKey].flatMap { Encoding(rawValue: $0) } ?? .safeSerialize
        return (layout, encoding)
    }
}
