import Foundation

/// Threshold keys in the key store. The dealer writes a public directory — the compact public
/// key, the server key, the noise-squashing key and the threshold facts (`threshold_info`),
/// under the same key id a centralized key set of these keys would have, and no secret — and one
/// directory per party holding that party's `ThresholdKeyShare` (role `threshold_share`, 0600)
/// beside the same facts.
///
/// ```swift
/// let party = KeyStore(directory: dir.appendingPathComponent("party-1"))
/// let share = try party.loadThresholdShare()
/// let info = try KeyStore(directory: dir).loadThresholdInfo()
/// ```
extension KeyStore {
    /// Role of a party's key share.
    package static let thresholdShareRole = "threshold_share"
    /// Role of the public threshold facts (JSON).
    package static let thresholdInfoRole = "threshold_info"

    /// The directory of party `id` inside a dealer's output directory: `party-<id>`.
    public static func partyDirectory(_ id: Int, in directory: URL) -> URL {
        directory.appendingPathComponent("party-\(id)")
    }

    /// Stores one party's share (0600) and the public facts, refusing to replace a key set
    /// unless `overwrite`.
    @discardableResult
    public func save(share: ThresholdKeyShare, parameters: ParameterSet, overwrite: Bool = false) throws(StorageError) -> KeyManifest {
        try write(keyID: share.keyID, parameters: parameters,
                  files: [ExtraFile(role: Self.thresholdShareRole, bytes: share.bytes, isPrivate: true),
                          try Self.thresholdInfoFile(share.info)],
                  overwrite: overwrite)
    }

    /// Loads this directory's party share.
    /// - Throws: `StorageError` when the directory holds no share, a file was altered, or the
    ///   share is not of the manifest's key.
    public func loadThresholdShare() throws(StorageError) -> ThresholdKeyShare {
        let m = try manifest()
        let bytes = try readFile(role: Self.thresholdShareRole, manifest: m)
        let share: ThresholdKeyShare
        do { share = try ThresholdKeyShare(bytes: bytes) } catch {
            throw .corrupted(path: directory.appendingPathComponent(m.files[Self.thresholdShareRole]?.path ?? "").path, reason: error.description)
        }
        guard share.keyID == m.keyID else {
            throw .corrupted(path: directory.path, reason: "the key share is of key \(share.keyID), the manifest names \(m.keyID)")
        }
        return share
    }

    /// Loads the threshold facts (n, t, D, key id, block moduli).
    public func loadThresholdInfo() throws(StorageError) -> ThresholdKeyInfo {
        let m = try manifest()
        let bytes = try readFile(role: Self.thresholdInfoRole, manifest: m)
        let info: ThresholdKeyInfo
        do { info = try JSONDecoder().decode(ThresholdKeyInfo.self, from: Data(bytes)) } catch {
            throw .corrupted(path: directory.appendingPathComponent(m.files[Self.thresholdInfoRole]?.path ?? "").path,
                             reason: "not valid threshold facts")
        }
        guard info.keyID == m.keyID else {
            throw .corrupted(path: directory.path, reason: "the threshold facts are of key \(info.keyID), the manifest names \(m.keyID)")
        }
        return info
    }

    static func thresholdInfoFile(_ info: ThresholdKeyInfo) throws(StorageError) -> ExtraFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let json = try? encoder.encode(info) else { throw .io(path: "threshold_info", reason: "cannot encode") }
        return ExtraFile(role: thresholdInfoRole, bytes: [UInt8](json) + [0x0a], isPrivate: false, fileExtension: "json")
    }
}
