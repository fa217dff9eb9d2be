import Foundation
import GRDB

/// The durable record of accepted requests and their outcomes: one SQLite database (GRDB) in the
/// service's state directory. A request is written here before the service answers `Empty`, and
/// its response or failure when the work ends, so a restarted server still serves finished
/// results and finds the unfinished ones.
///
/// Table `request`: (kind, id) primary key, status, the request bytes, the response bytes or the
/// failure reason, acceptance and completion times. Write-ahead log with `synchronous = FULL`:
/// a committed row survives a crash or a power cut. Writes of concurrent requests are grouped
/// into one transaction (`GroupCommit`), so they share one fsync; reads run beside the writer.
/// Outcomes that a redo reproduces (decryption, reencryption) are committed without waiting for
/// the sync (`StoreWrite.mustReachDisk`); they reach the disk with the next accepted request.
final class RequestStore: Sendable {
    /// The database file inside the state directory.
    static let fileName = "requests.sqlite"

    private let db: DatabasePool
    private let writer: GroupCommit

    /// Opens (creating when absent) the store in `directory`.
    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var config = Configuration()
        config.label = "kms.requests"
        // Another connection's checkpoint or close can hold a lock for a moment (a restart, a
        // second reader): wait for it rather than fail the request at once.
        config.busyMode = .timeout(10)
        let pool = try DatabasePool(path: directory.appendingPathComponent(Self.fileName).path, configuration: config)
        // After the pool's own WAL setup, which chooses NORMAL (a commit could vanish in a power
        // cut): FULL syncs the log at every commit. The writer connection keeps the setting.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Self.migrator.migrate(pool)
        db = pool
        writer = GroupCommit { writes in
            let sync = writes.contains(where: \.mustReachDisk)
            return try await pool.writeWithoutTransaction { db in
                // The level is set for every batch and put back to FULL after an unsynced one.
                try db.execute(sql: sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
                var flags: [Bool] = []
                do {
                    try db.inTransaction {
                        flags = try writes.map { try Self.apply($0, db) }
                        return .commit
                    }
                } catch {
                    if !sync { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                    throw error
                }
                if !sync { try db.execute(sql: "PRAGMA synchronous = FULL") }
                return flags
            }
        }
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: requests") { db in
            try db.create(table: "request") { t in
                t.column("kind", .text).notNull()
                t.column("id", .text).notNull()
                t.column("status", .text).notNull()
                t.column("request", .blob).notNull()
                t.column("result", .blob)
                t.column("failure", .text)
                t.column("acceptedAt", .double).notNull()
                t.column("finishedAt", .double)
                t.primaryKey(["kind", "id"])
            }
            try db.create(index: "request_status", on: "request", columns: ["status"])
        }
        return m
    }

    /// Records a newly accepted request as pending.
    /// - Returns: false when a request of this kind with this id exists already (nothing written).
    func insert(kind: RequestKind, id: RequestID, request: [UInt8]) async throws -> Bool {
        try await writer.submit(.insert(kind, id, request: request))
    }

    /// Stores the response of a pending request.
    func finish(kind: RequestKind, id: RequestID, result: [UInt8]) async throws {
        _ = try await writer.submit(.finish(kind, id, result: result))
    }

    /// Marks a pending request failed with a reason (no key material or plaintext in it).
    func fail(kind: RequestKind, id: RequestID, reason: String) async throws {
        _ = try await writer.submit(.fail(kind, id, reason: reason))
    }

    /// One write inside a grouped transaction; true when it changed a row.
    private static func apply(_ write: StoreWrite, _ db: Database) throws -> Bool {
        let now = Date().timeIntervalSince1970
        switch write {
        // Prepared once per connection (the statement cache), not parsed per write.
        case let .insert(kind, id, request):
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO request (kind, id, status, request, acceptedAt) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [kind.rawValue, id.hex, RequestStatus.pending.rawValue, Data(request), now])
        case let .finish(kind, id, result):
            try db.cachedStatement(sql: """
                UPDATE request SET status = ?, result = ?, finishedAt = ? WHERE kind = ? AND id = ? AND status = ?
                """).execute(arguments: [RequestStatus.finished.rawValue, Data(result), now, kind.rawValue, id.hex,
                                         RequestStatus.pending.rawValue])
        case let .fail(kind, id, reason):
            try db.cachedStatement(sql: """
                UPDATE request SET status = ?, failure = ?, finishedAt = ? WHERE kind = ? AND id = ? AND status = ?
                """).execute(arguments: [RequestStatus.failed.rawValue, reason, now, kind.rawValue, id.hex,
                                         RequestStatus.pending.rawValue])
        }
        return db.changesCount > 0
    }

    /// The record of one request, or nil when none was accepted under that id.
    func record(kind: RequestKind, id: RequestID) async throws -> RequestRecord? {
        try await db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM request WHERE kind = ? AND id = ?",
                             arguments: [kind.rawValue, id.hex]).flatMap(Self.record)
        }
    }

    /// Where a request stands, without its request bytes (what a poll needs), or nil when none
    /// was accepted under that id.
    func outcome(kind: RequestKind, id: RequestID) async throws -> RequestRecord? {
        try await db.read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT kind, id, status, X'' AS request, result, failure FROM request WHERE kind = ? AND id = ?
                """), arguments: [kind.rawValue, id.hex]).flatMap(Self.record)
        }
    }

    /// Every pending request, oldest first (what a restarted server must redo).
    func pending() async throws -> [RequestRecord] {
        try await db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE status = ? ORDER BY acceptedAt",
                             arguments: [RequestStatus.pending.rawValue]).compactMap(Self.record)
        }
    }

    /// The writer's `PRAGMA synchronous` (2 = FULL) and `journal_mode`, for tests.
    func durability() async throws -> (synchronous: Int, journalMode: String) {
        try await db.writeWithoutTransaction { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1, try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "")
        }
    }

    /// Number of requests per status (for tests and health reporting).
    func count(status: RequestStatus) async throws -> Int {
        try await db.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE status = ?",
                             arguments: [status.rawValue]) ?? 0
        }
    }

    private static func record(_ row: Row) -> RequestRecord? {
        guard let kind = RequestKind(rawValue: row["kind"]), let id = RequestID(row["id"]),
              let status = RequestStatus(rawValue: row["status"]) else { return nil }
        let request: Data = row["request"]
        let result: Data? = row["result"]
        return RequestRecord(kind: kind, id: id, status: status, request: [UInt8](request),
                             result: result.map { [UInt8]($0) }, failure: row["failure"])
    }
}
