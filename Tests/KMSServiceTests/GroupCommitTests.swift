import Foundation
import XCTest
@testable import KMSService

/// Grouped commits of the request store: concurrent writes share transactions, each caller gets
/// its own flag, a failed transaction fails every write in it, and what was committed is on disk.
final class GroupCommitTests: XCTestCase {
    /// Counts transactions and answers "inserted" for ids not seen before.
    actor FakeDatabase {
        var transactions: [[StoreWrite]] = []
        var seen = Set<String>()
        var failNext = false

        func commit(_ writes: [StoreWrite]) async throws -> [Bool] {
            if failNext {
                failNext = false
                throw CocoaError(.fileWriteUnknown)
            }
            transactions.append(writes)
            try await Task.sleep(for: .milliseconds(2))  // a commit takes time; writes pile up meanwhile
            return writes.map { write in
                guard case let .insert(_, id, _) = write else { return true }
                return seen.insert(id.hex).inserted
            }
        }

        func setFailNext() { failNext = true }
    }

    static func id(_ n: Int) -> RequestID { RequestID(String(format: "%040x", n))! }

    func testConcurrentWritesShareTransactionsAndKeepTheirOwnFlags() async throws {
        let database = FakeDatabase()
        let commit = GroupCommit(maxBatch: 16) { try await database.commit($0) }
        // 200 inserts, ids 0..<100 each twice: exactly one of each pair is new.
        let flags = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for n in 0..<200 {
                group.addTask { (n % 100, try await commit.submit(.insert(.decrypt, Self.id(n % 100), request: [1]))) }
            }
            var flags: [Int: [Bool]] = [:]
            for try await (id, flag) in group { flags[id, default: []].append(flag) }
            return flags
        }
        XCTAssertEqual(flags.count, 100)
        for (_, pair) in flags { XCTAssertEqual(Set(pair), [false, true]); XCTAssertEqual(pair.count, 2) }
        let transactions = await database.transactions
        XCTAssertEqual(transactions.map(\.count).reduce(0, +), 200)
        XCTAssertLessThan(transactions.count, 200, "concurrent writes were not grouped")
        XCTAssertLessThanOrEqual(transactions.map(\.count).max() ?? 0, 16, "a batch exceeded maxBatch")
    }

    func testAFailedTransactionFailsItsWritesAndTheNextOneRuns() async throws {
        let database = FakeDatabase()
        await database.setFailNext()
        let commit = GroupCommit { try await database.commit($0) }
        do {
            _ = try await commit.submit(.fail(.decrypt, Self.id(1), reason: "x"))
            XCTFail("the failed transaction's write succeeded")
        } catch {}
        let flag = try await commit.submit(.insert(.decrypt, Self.id(2), request: []))
        XCTAssertTrue(flag)
    }

    func testConcurrentAcceptsAreAllOnDiskAfterReopening() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kms-group-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let store = try RequestStore(directory: directory)
            let inserted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<64 { group.addTask { try await store.insert(kind: .decrypt, id: Self.id(n), request: [UInt8(n)]) } }
                // A reused id in the same burst is refused.
                group.addTask { try await store.insert(kind: .decrypt, id: Self.id(0), request: [9]) }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            XCTAssertEqual(inserted, 64)
            try await store.finish(kind: .decrypt, id: Self.id(3), result: [7, 7])
            try await store.fail(kind: .decrypt, id: Self.id(4), reason: "garbage")
        }
        let reopened = try RequestStore(directory: directory)
        // Every commit is synced to the write-ahead log.
        let durability = try await reopened.durability()
        XCTAssertEqual(durability.synchronous, 2)
        XCTAssertEqual(durability.journalMode, "wal")
        let pending = try await reopened.count(status: .pending)
        let finished = try await reopened.record(kind: .decrypt, id: Self.id(3))
        let failed = try await reopened.record(kind: .decrypt, id: Self.id(4))
        XCTAssertEqual(pending, 62)
        XCTAssertEqual(finished?.result, [7, 7])
        XCTAssertEqual(failed?.failure, "garbage")
        // An outcome is written once: a finished request cannot be failed afterwards.
        try await reopened.fail(kind: .decrypt, id: Self.id(3), reason: "late")
        let still = try await reopened.record(kind: .decrypt, id: Self.id(3))
        XCTAssertEqual(still?.status, .finished)
    }

    /// Accepted requests and KeyGen outcomes are synced before their callers resume; decryption
    /// and reencryption outcomes, which a redo reproduces, are not.
    func testWhatMustReachTheDiskBeforeItIsAnswered() {
        for kind in RequestKind.allCases {
            XCTAssertTrue(StoreWrite.insert(kind, Self.id(1), request: []).mustReachDisk)
        }
        XCTAssertFalse(StoreWrite.finish(.decrypt, Self.id(1), result: []).mustReachDisk)
        XCTAssertFalse(StoreWrite.fail(.decrypt, Self.id(1), reason: "").mustReachDisk)
        XCTAssertFalse(StoreWrite.finish(.reencrypt, Self.id(1), result: []).mustReachDisk)
        XCTAssertTrue(StoreWrite.finish(.keyGen, Self.id(1), result: []).mustReachDisk)
        XCTAssertTrue(StoreWrite.fail(.keyGen, Self.id(1), reason: "").mustReachDisk)
    }

    /// After an unsynced outcome commit the writer is back at FULL, and the outcome is stored.
    func testAnUnsyncedOutcomeCommitLeavesTheWriterAtFull() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try RequestStore(directory: directory)
        let inserted = try await store.insert(kind: .decrypt, id: Self.id(9), request: [1])
        XCTAssertTrue(inserted)
        try await store.finish(kind: .decrypt, id: Self.id(9), result: [2])
        let durability = try await store.durability()
        XCTAssertEqual(durability.synchronous, 2)
        let reopened = try RequestStore(directory: directory)
        let record = try await reopened.record(kind: .decrypt, id: Self.id(9))
        XCTAssertEqual(record?.result, [2])
    }
}
