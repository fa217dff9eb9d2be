import Foundation

/// The server key in the key store: stored as a tfhe-rs `ServerKey` file (`safe_serialize`,
/// versioned), the format tfhe-rs and the fhEVM coprocessor load, under the role `server_key`
/// for keys generated here; an imported tfhe-rs server key keeps its original file under
/// `tfhe_rs_server_key`. Either loads as a `ServerKey` for `FheEvaluator`.
///
/// ```swift
/// let keys = try KeySet.generate(.default)
/// let serverKey = try ServerKey.generate(for: keys.clientKey)
/// try store.save(keys, serverKey: serverKey)
/// let again = try store.loadServerKey()
/// ```
extension KeyStore {
    /// Role of a server key generated here.
    package static let serverKeyRole = "server_key"

    /// The tfhe-rs layout a generated server key is written in: 1.0 (read by tfhe-rs 1.0 and
    /// later), or 1.4 for the centered-mean modulus switch, which 1.0 cannot express.
    package static func serverKeyLayout(_ parameters: ParameterSet) -> TfheRsLayout {
        if case .centeredMeanNoiseReduction = parameters.compute.modulusSwitchType { return .v1_4 }
        return .v1_0
    }

    /// The tfhe-rs `ServerKey` file of `serverKey`. The converted object lives only until it is
    /// encoded (peak: the key, its converted copy, then the copy and the bytes).
    package static func serverKeyFile(_ serverKey: consuming ServerKey) throws(StorageError) -> [UInt8] {
        let layout = serverKeyLayout(serverKey.parameters)
        let object: TfheRsObject
        // The initializer takes the key (owned): it is released once converted.
        do { object = .serverKey(try TfheRsServerKey(serverKey, layout: layout)) } catch {
            throw .corrupted(path: "server key", reason: error.description)
        }
        do { return try TfheRsFile(object: object, layout: layout).encode() } catch {
            throw .corrupted(path: "server key", reason: error.description)
        }
    }

    /// Stores `keySet` with its server key, refusing to replace an existing key set unless
    /// `overwrite`.
    /// - Throws: `StorageError.corrupted` if the server key was not made for this key set's parameters.
    @discardableResult
    public func save(_ keySet: KeySet, serverKey: ServerKey, overwrite: Bool = false,
                     metadata: [String: String] = [:]) throws(StorageError) -> KeyManifest {
        guard serverKey.parameters == keySet.parameters else {
            throw .corrupted(path: directory.path, reason: "the server key's parameters are not the key set's")
        }
        let file = ExtraFile(role: Self.serverKeyRole, bytes: try Self.serverKeyFile(serverKey), isPrivate: false)
        return try save(keySet, overwrite: overwrite, metadata: metadata, extraFiles: [file])
    }

    /// Whether the key set has a server key (generated here or imported from tfhe-rs).
    public var hasServerKey: Bool {
        guard let m = try? manifest() else { return false }
        return m.files[Self.serverKeyRole] != nil || m.files[TfheRsKeyImport.serverKeyRole] != nil
    }

    /// Loads the server key (digest-checked like every key file) for the stored parameters.
    public func loadServerKey() throws(StorageError) -> ServerKey {
        let m = try manifest()
        let role = m.files[Self.serverKeyRole] != nil ? Self.serverKeyRole : TfheRsKeyImport.serverKeyRole
        guard m.files[role] != nil else {
            throw .notFound(path: directory.appendingPathComponent("\(Self.serverKeyRole)-\(m.keyID.hex).bin").path)
        }
        let bytes = try readFile(role: role, manifest: m)
        let parameters = try loadPublicKey().publicKey.parameters
        do throws(TfheRsError) {
            let file = try TfheRsFile.decode(bytes, expecting: .serverKey, layout: recordedPlainLayout(m), limits: .key)
            guard case .serverKey(let sk) = file.object else {
                throw TfheRsError.unexpectedObject(expected: "ServerKey", found: file.object.type.typeName)
            }
            return try ServerKey(tfheRs: sk, parameters: parameters)
        } catch {
            throw .corrupted(path: directory.appendingPathComponent(m.files[role]?.path ?? role).path, reason: error.description)
        }
    }

    /// For imported plain-bincode files, the layout recorded at import (plain data has no tags).
    private func recordedPlainLayout(_ m: KeyManifest) -> TfheRsLayout? {
        guard m.metadata[TfheRsKeyImport.encodingKey].flatMap({ TfheRsKeyExport.Encoding(rawValue: $0) }) == .plain else { return nil }
        return m.metadata[TfheRsKeyImport.layoutKey].flatMap { TfheRsLayout(release: $0) }
    }
}
