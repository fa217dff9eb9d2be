import Foundation
import KMSPrimitives

/// The light client's memory on disk: the most recent verified light blocks, one JSON file per
/// height (`<height>.json`, the `DirectoryProvider` layout), written atomically (temporary file,
/// `fsync`, rename) so a crash never leaves a torn block. A restarted client resumes from
/// `latest()`.
///
/// ```swift
/// let store = try LightClientStore(directory: URL(fileURLWithPath: "state/light"))
/// try store.save(verifiedBlock)
/// let resumeFrom = try store.latest()       // highest stored height, or nil when empty
/// ```
public struct LightClientStore: Sendable {
    /// The directory holding the blocks.
    public let directory: URL
    /// How many of the most recent blocks are kept (older ones are pruned after each save).
    public let retain: Int

    /// Opens (creating if needed, mode 0700) a store in `directory`.
    public init(directory: URL, retain: Int = 16) throws(StorageError) {
        try SecureFile.makeDirectory(directory, permissions: 0o700)
        self.directory = directory
        self.retain = max(1, retain)
    }

    private var files: DirectoryProvider { DirectoryProvider(directory: directory) }

    /// Stored heights, ascending.
    public func heights() throws(StorageError) -> [Int64] {
        do {
            return try files.heights()
        } catch {
            throw .io(path: directory.path, reason: "cannot list the store")
        }
    }

    /// Saves a verified block (replacing any block stored at its height) and prunes old ones.
    public func save(_ block: LightBlock) throws(StorageError) {
        let url = directory.appendingPathComponent(DirectoryProvider.fileName(for: block.height))
        try SecureFile.write(ChainJSON.encode(block), to: url, permissions: 0o600, overwrite: true)
        let stored = try heights()
        for h in stored.dropLast(retain) {
            let old = directory.appendingPathComponent(DirectoryProvider.fileName(for: h))
            do { try FileManager.default.removeItem(at: old) } catch { throw .io(path: old.path, reason: "cannot prune") }
        }
    }

    /// The block stored at `height`, if any.
    public func block(at height: Int64) throws(StorageError) -> LightBlock? {
        do {
            return try files.read(height: height)
        } catch .notFound {
            return nil
        } catch {
            throw .corrupted(path: directory.appendingPathComponent(DirectoryProvider.fileName(for: height)).path,
                             reason: error.description)
        }
    }

    /// The highest stored block, or `nil` for an empty store.
    public func latest() throws(StorageError) -> LightBlock? {
        guard let h = try heights().last else { return nil }
        return try block(at: h)
    }
}
