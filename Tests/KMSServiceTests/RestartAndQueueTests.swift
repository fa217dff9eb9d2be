import Foundation
import GRDB
import GRPCCore
import KMSCore
import KMSTestSupport
import XCTest
@testable import KMSService

/// Durability across restarts (the SQLite request store) and the bounded queue.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class RestartAndQueueTests: XCTestCase {
    typealias F = ServiceFixture

    func testResultsAndUnfinishedRequestsSurviveARestart() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let finished = try F.decryption(id: 0x21, values: [try ClearValue(type: .euint8, 99)])
        let first = try await fixture.withServer { kms, _ in
            _ = try await kms.decrypt(finished)
            return try await pollResult { try await kms.getDecryptResult(F.requestID(0x21)) }
        }

        // Requests accepted but not finished when the server stopped: one that can be redone and
        // one whose stored bytes are no request at all.
        let unfinished = try F.decryption(id: 0x22, values: [try ClearValue(type: .euint32, 4_000_000)])
        do {
            let store = try RequestStore(directory: fixture.stateDirectory)
            let inserted = try await store.insert(kind: .decrypt, id: try XCTUnwrap(RequestID(F.requestID(0x22).requestID)),
                                                  request: try unfinished.serializedBytes())
            XCTAssertTrue(inserted)
            let corrupt = try await store.insert(kind: .decrypt, id: try XCTUnwrap(RequestID(F.requestID(0x23).requestID)),
                                                 request: [0xff, 0xff, 0xff])
            XCTAssertTrue(corrupt)
            let pendingCount = try await store.count(status: .pending)
            XCTAssertEqual(pendingCount, 2)
        }

        try await fixture.withServer { kms, _ in
            // The finished result is served again, byte for byte, and its id stays taken.
            let again = try await kms.getDecryptResult(F.requestID(0x21))
            XCTAssertEqual(again, first)
            await assertStatus(.alreadyExists) { try await kms.decrypt(finished) }
            // The unfinished one is redone; the corrupt one is reported failed.
            let redone = try await pollResult { try await kms.getDecryptResult(F.requestID(0x22)) }
            XCTAssertEqual(try KMSPlaintext(bincode: [UInt8](redone.payload.plaintexts[0])).value,
                           try ClearValue(type: .euint32, 4_000_000))
            await assertStatus(.internalError) { try await pollResult { try await kms.getDecryptResult(F.requestID(0x23)) } }
        }
        let store = try RequestStore(directory: fixture.stateDirectory)
        let finishedCount = try await store.count(status: .finished)
        let failedCount = try await store.count(status: .failed)
        let pendingCount = try await store.count(status: .pending)
        XCTAssertEqual([finishedCount, failedCount, pendingCount], [2, 1, 0])
    }

    func testAcceptedRequestIsRecordedBeforeItsWorkRuns() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let store = try RequestStore(directory: fixture.stateDirectory)
        let kms = CentralKMS(keySet: F.keySet, signer: F.signer, limits: ServiceLimits(queueCapacity: 2, workers: 1))
        let processor = RequestProcessor(store: store, kms: kms, logger: .init(label: "test"))
        // The workers are not running: accepted work waits in the queue.
        let request = try F.decryption(id: 0x31, values: [try ClearValue(type: .euint8, 1)])
        let id = try XCTUnwrap(RequestID(F.requestID(0x31).requestID))
        try await processor.accept(kind: .decrypt, id: id, request: try request.serializedBytes())
        let record = try await store.record(kind: .decrypt, id: id)
        XCTAssertEqual(record?.status, .pending)
        XCTAssertEqual(record?.request, try request.serializedBytes())
        await assertStatus(.unavailable) { try await processor.result(kind: .decrypt, id: id) }
    }

    func testAFullQueueRefusesWithResourceExhausted() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let store = try RequestStore(directory: fixture.stateDirectory)
        let kms = CentralKMS(keySet: F.keySet, signer: F.signer, limits: ServiceLimits(queueCapacity: 2, workers: 1))
        let processor = RequestProcessor(store: store, kms: kms, logger: .init(label: "test"))
        for n: UInt8 in 1...2 {
            let id = try XCTUnwrap(RequestID(F.requestID(n).requestID))
            try await processor.accept(kind: .decrypt, id: id, request: [])
        }
        let third = try XCTUnwrap(RequestID(F.requestID(3).requestID))
        await assertStatus(.resourceExhausted) { try await processor.accept(kind: .decrypt, id: third, request: []) }
        // Refused requests are not recorded, and a reused id frees its slot again.
        let refused = try await store.record(kind: .decrypt, id: third)
        XCTAssertNil(refused)
        let inFlight = processor.queue.count
        XCTAssertEqual(inFlight, 2)

        // Once the workers run, the queue drains and takes requests again.
        let workers = Task { await processor.queue.run() }
        for _ in 0..<400 where processor.queue.count > 0 { try await Task.sleep(for: .milliseconds(25)) }
        let drained = processor.queue.count
        XCTAssertEqual(drained, 0)
        try await processor.accept(kind: .decrypt, id: third, request: [])
        workers.cancel()
        _ = await workers.value
    }

    /// A run that fails before it listens (here: the store's request table cannot be read, so the
    /// requests to redo cannot be found) ends with that error, and `listeningPort` says so
    /// instead of waiting for a port that never comes.
    func testARunThatFailsBeforeListeningAnswersListeningPort() async throws {
        let fixture = F()
        defer { fixture.remove() }
        _ = try RequestStore(directory: fixture.stateDirectory)
        let database = try DatabaseQueue(path: fixture.stateDirectory.appendingPathComponent(RequestStore.fileName).path)
        try await database.write { db in
            try db.execute(sql: "DROP TABLE request")
            try db.execute(sql: "CREATE TABLE request (kind TEXT, id TEXT)")
        }
        try database.close()

        let server = try KMSServer(keySet: F.keySet, signer: F.signer, host: "127.0.0.1", port: 0,
                                   stateDirectory: fixture.stateDirectory)
        let running = Task { try await server.run() }
        let port = Task { try await server.listeningPort }
        let portResult = try await value(of: Task { () -> (any Error)? in
            do { _ = try await port.value; return nil } catch { return error }
        }, within: .seconds(30))
        let error = try XCTUnwrap(portResult, "listeningPort still waiting 30 s after the run failed")
        XCTAssertTrue(error is ServerNotListening, "\(String(describing: error))")
        XCTAssertTrue("\(String(describing: error))".contains("not listening"))
        let runResult = try await value(of: Task { () -> Bool in
            do { try await running.value; return false } catch { return true }
        }, within: .seconds(30))
        XCTAssertEqual(runResult, true, "the run did not fail")
        // Asked again after the end: answered at once.
        do {
            _ = try await server.listeningPort
            XCTFail("a port from a server that never listened")
        } catch {
            XCTAssertTrue(error is ServerNotListening)
        }
    }

    func testRequestIDValidation() {
        XCTAssertNotNil(RequestID(String(repeating: "0a", count: 20)))
        XCTAssertNil(RequestID(String(repeating: "0A", count: 20)))
        XCTAssertNil(RequestID("0x" + String(repeating: "0a", count: 19)))
        XCTAssertNil(RequestID(String(repeating: "0a", count: 32)))
        XCTAssertNil(RequestID(""))
        XCTAssertNil(RequestID(String(repeating: "é", count: 20)))
    }
}
