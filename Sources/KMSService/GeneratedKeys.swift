import Foundation
import KMSCore

/// Key sets made by the service's KeyGen calls: one key store per key under
/// `STATE/keys/<request id>` (the V09 key id is the KeyGen request id), loaded on first use and
/// kept in memory after.
final class GeneratedKeys: @unchecked Sendable {
    /// The directory of the key stores.
    let directory: URL
    private let lock = NSLock()
    private var loaded: [RequestID: KeySet] = [:]  // guarded by `lock`

    init(directory: URL) { self.directory = directory }

    /// The key store of key `id` (it may not exist yet).
    func store(_ id: RequestID) -> KeyStore { KeyStore(directory: directory.appendingPathComponent(id.hex)) }

    /// The key set of KeyGen `id`, or nil when there is none.
    /// - Throws: the store's error when the stored key set cannot be read.
    func keySet(_ id: RequestID) throws -> KeySet? {
        if let cached = lock.withLock({ loaded[id] }) { return cached }
        let store = store(id)
        guard store.exists else { return nil }
        let keys = try store.load()
        lock.withLock { loaded[id] = keys }
        return keys
    }
}
