import Foundation

/// A key-store directory: `manifest.json` plus one file per role, named after the key id.
///
/// - Secret files are created `0600`, the directory `0700`; every write is atomic.
/// - An existing key set is never replaced unless `overwrite` is set; replacement writes the new
///   files first, then swaps the manifest atomically, then removes the old files — a crash at any
///   point leaves one complete key set.
/// - Loading checks every file's SHA3-256 against the manifest (constant-time) and the key id
///   against the public key, and reports tampering by file.
///
/// ```swift
/// let store = KeyStore(directory: URL(fileURLWithPath: "/var/lib/kms/keys"))
/// try store.save(try KeySet.generate(.default))
/// let keys = try store.load()
/// ```
public struct KeyStore: Sendable {
    /// Roles of the two files every key set has.
    package static let clientKeyRole = "client_key"
    /// Role of the compact public key file.
    package static let publicKeyRole = "public_key"
    /// Name of the manifest file.
    package static let manifestName = "manifest.json"

    /// An additional file to store with a key set (e.g. the original tfhe-rs encodings).
    package struct ExtraFile: Sendable {
        /// Role name (lowercase letters, digits, `_`); also the file-name prefix.
        package var role: String
        /// The file content.
        package var bytes: [UInt8]
        /// Whether the file is secret (written 0600, else 0644).
        package var isPrivate: Bool
        /// File-name extension (without dot).
        package var fileExtension: String

        /// A file to store beside the key set.
        package init(role: String, bytes: [UInt8], isPrivate: Bool, fileExtension: String = "bin") {
            self.role = role
            self.bytes = bytes
            self.isPrivate = isPrivate
            self.fileExtension = fileExtension
        }
    }

    /// The key-store directory.
    public let directory: URL

    /// A store in `directory` (nothing is read or created until used).
    public init(directory: URL) {
        self.directory = directory
    }

    private var manifestURL: URL { directory.appendingPathComponent(Self.manifestName) }

    /// Whether the directory already holds a key set.
    public var exists: Bool { FileManager.default.fileExists(atPath: manifestURL.path) }

    /// Stores `keySet` with free `metadata`, refusing to replace an existing key set unless `overwrite`.
    @discardableResult
    public func save(_ keySet: KeySet, overwrite: Bool = false, metadata: [String: String] = [:]) throws(StorageError) -> KeyManifest {
        try save(keySet, overwrite: overwrite, metadata: metadata, extraFiles: [], created: Date())
    }

    /// `save` with extra files (e.g. the original tfhe-rs files of an import) and a creation date.
    @discardableResult
    package func save(_ keySet: KeySet, overwrite: Bool = false, metadata: [String: String] = [:],
                      extraFiles: [ExtraFile], created: Date = Date()) throws(StorageError) -> KeyManifest {
        let files = [ExtraFile(role: Self.clientKeyRole, bytes: KeyFileCoding.encode(keySet.clientKey), isPrivate: true),
                     ExtraFile(role: Self.publicKeyRole, bytes: KeyFileCoding.encode(keySet.publicKey), isPrivate: false)]
        return try write(keyID: keySet.keyID, parameters: keySet.parameters, files: files + extraFiles, overwrite: overwrite,
                         metadata: metadata, created: created)
    }

    /// Writes the files of one key (any roles, each at most once) and then its manifest.
    package func write(keyID: KeyID, parameters: ParameterSet, files given: [ExtraFile], overwrite: Bool = false,
                       metadata: [String: String] = [:], created: Date = Date()) throws(StorageError) -> KeyManifest {
        let old: KeyManifest? = exists ? try manifest() : nil
        if old != nil && !overwrite { throw .alreadyExists(path: manifestURL.path) }
        try SecureFile.makeDirectory(directory, permissions: 0o700)
        var files: [ExtraFile] = []
        for f in given {
            guard Self.isValidRole(f.role), !files.contains(where: { $0.role == f.role }) else {
                throw .corrupted(path: directory.path, reason: "invalid or duplicate file role '\(f.role)'")
            }
            guard Self.isValidRole(f.fileExtension), f.fileExtension.utf8.count <= 16 else {
                throw .corrupted(path: directory.path, reason: "invalid file extension '\(f.fileExtension)'")
            }
            files.append(f)
        }
        var entries = [String: KeyManifest.FileEntry]()
        for f in files {
            let name = "\(f.role)-\(keyID.hex).\(f.fileExtension)"
            let url = directory.appendingPathComponent(name)
            try SecureFile.write(f.bytes, to: url, permissions: f.isPrivate ? 0o600 : 0o644, overwrite: overwrite)
            entries[f.role] = .init(path: name, sha3_256: Hex.encode(SHA3.hash256(f.bytes)), private: f.isPrivate)
        }
        let m = KeyManifest(format: KeyManifest.formatName, version: KeyManifest.currentVersion, keyID: keyID,
                            parameters: parameters.name, tfheRsParameters: parameters.tfheRsName,
                            created: Self.rfc3339(created), files: entries, metadata: metadata)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json: Data
        do { json = try encoder.encode(m) } catch { throw .io(path: manifestURL.path, reason: "cannot encode manifest") }
        try SecureFile.write([UInt8](json) + [0x0a], to: manifestURL, permissions: 0o644, overwrite: old != nil)
        // The new set is in place; remove files only the old set used.
        if let old {
            let keep = Set(entries.values.map(\.path))
            for e in old.files.values where !keep.contains(e.path) && Self.isPlainFileName(e.path) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(e.path))
            }
        }
        return m
    }

    /// Reads and validates `manifest.json`.
    public func manifest() throws(StorageError) -> KeyManifest {
        let bytes = try SecureFile.read(manifestURL)
        let m: KeyManifest
        do {
            m = try JSONDecoder().decode(KeyManifest.self, from: Data(bytes))
        } catch {
            throw .corrupted(path: manifestURL.path, reason: "not a valid key-set manifest")
        }
        guard m.format == KeyManifest.formatName else {
            throw .corrupted(path: manifestURL.path, reason: "format is '\(m.format)', expected '\(KeyManifest.formatName)'")
        }
        guard m.version == KeyManifest.currentVersion else {
            throw .corrupted(path: manifestURL.path, reason: "unsupported manifest version \(m.version)")
        }
        for e in m.files.values where !Self.isPlainFileName(e.path) {
            throw .corrupted(path: manifestURL.path, reason: "file path '\(e.path)' leaves the key directory")
        }
        return m
    }

    /// Reads the file of `role`, verifying its digest against the manifest.
    package func readFile(role: String, manifest given: KeyManifest? = nil) throws(StorageError) -> [UInt8] {
        let m: KeyManifest
        if let given { m = given } else { m = try manifest() }
        guard let e = m.files[role] else { throw .corrupted(path: manifestURL.path, reason: "no '\(role)' file listed") }
        let url = directory.appendingPathComponent(e.path)
        let bytes = try SecureFile.read(url)
        guard let expected = try? Hex.decode(e.sha3_256, length: 32),
              ConstantTime.equal(SHA3.hash256(bytes), expected) else {
            throw .digestMismatch(path: url.path)
        }
        return bytes
    }

    /// Reads the tfhe-rs file of `role` (digest-checked, bounded by the key limits), expecting an
    /// object of `type`, and hands it with its layout to `take`.
    /// - Throws: `StorageError.notFound` when the key set has no such file, `.corrupted` naming
    ///   the file when it is not the object `take` wants.
    package func decodeStored<T>(role: String, expecting type: TfheRsObjectType,
                                 _ take: (TfheRsObject, TfheRsLayout) throws(TfheRsError) -> T) throws(StorageError) -> T {
        let m = try manifest()
        guard let entry = m.files[role] else {
            throw .notFound(path: directory.appendingPathComponent("\(role)-\(m.keyID.hex).bin").path)
        }
        let bytes = try readFile(role: role, manifest: m)
        do throws(TfheRsError) {
            let file = try TfheRsFile.decode(bytes, expecting: type, limits: .key)
            guard file.object.type == type else {
                throw TfheRsError.unexpectedObject(expected: type.typeName, found: file.object.type.typeName)
            }
            return try take(file.object, file.layout)
        } catch {
            throw .corrupted(path: directory.appendingPathComponent(entry.path).path, reason: error.description)
        }
    }

    /// Loads the whole key set (client key included).
    public func load() throws(StorageError) -> KeySet {
        let m = try manifest()
        let pk = try loadPublicKey(manifest: m)
        let ckBytes = try readFile(role: Self.clientKeyRole, manifest: m)
        let ck: ClientKey
        do { ck = try KeyFileCoding.decodeClientKey(ckBytes) } catch {
            throw .corrupted(path: path(m, Self.clientKeyRole), reason: error.description)
        }
        do {
            return try KeySet(clientKey: ck, publicKey: pk)
        } catch {
            throw .corrupted(path: directory.path, reason: "client key and public key do not belong together")
        }
    }

    /// Loads only the public key (encryption needs nothing else), with the key id.
    public func loadPublicKey() throws(StorageError) -> (keyID: KeyID, publicKey: CompactPublicKey) {
        let m = try manifest()
        return (m.keyID, try loadPublicKey(manifest: m))
    }

    private func loadPublicKey(manifest m: KeyManifest) throws(StorageError) -> CompactPublicKey {
        let bytes = try readFile(role: Self.publicKeyRole, manifest: m)
        guard KeyID(digestOf: bytes) == m.keyID else {
            throw .corrupted(path: manifestURL.path, reason: "key id does not match the public key")
        }
        do { return try KeyFileCoding.decodeCompactPublicKey(bytes) } catch {
            throw .corrupted(path: path(m, Self.publicKeyRole), reason: error.description)
        }
    }

    private func path(_ m: KeyManifest, _ role: String) -> String {
        directory.appendingPathComponent(m.files[role]?.path ?? role).path
    }

    static func isValidRole(_ r: String) -> Bool {
        !r.isEmpty && r.utf8.count <= 64 && r.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f }
    }

    static func isPlainFileName(_ p: String) -> Bool {
        !p.isEmpty && !p.contains("/") && p != "." && p != ".." && !p.hasPrefix(".")
    }

    static func rfc3339(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
