import Foundation
import GRPCCore
import KMSCore
import XCTest
@testable import KMSService

/// The in-memory board of this process's requests, and polls answered from it or, for what it
/// no longer holds, from the store.
final class OutcomeBoardTests: XCTestCase {
    typealias F = ServiceFixture

    private func key(_ n: UInt8, _ kind: RequestKind = .decrypt) throws -> OutcomeBoard.Key {
        .init(kind: kind, id: try XCTUnwrap(RequestID(F.requestID(n).requestID)))
    }

    func testARegisteredRequestIsPendingAndItsIdCannotBeRegisteredAgain() throws {
        let board = OutcomeBoard(retained: 8)
        let k = try key(1)
        XCTAssertEqual(board.lookup(k), .unknown)
        XCTAssertTrue(board.register(k))
        XCTAssertFalse(board.register(k))
        XCTAssertEqual(board.lookup(k), .pending)
        // The same id for another kind of request is another request.
        XCTAssertTrue(board.register(try key(1, .reencrypt)))
        board.complete(k, .finished([7]))
        XCTAssertFalse(board.register(k), "a finished id stays taken")
        XCTAssertEqual(board.lookup(k), .done(.finished([7])))
    }

    func testWaitersAreWokenWithTheOutcome() async throws {
        let board = OutcomeBoard(retained: 8)
        let k = try key(2)
        XCTAssertTrue(board.register(k))
        let waiters = (0..<3).map { _ in Task { await board.wait(k, upTo: .seconds(600)) } }
        try await Task.sleep(for: .milliseconds(30))
        board.complete(k, .failed("no"))
        for w in waiters {
            let seen = await w.value
            XCTAssertEqual(seen, .done(.failed("no")))
        }
    }

    func testAWaitEndsPendingAfterItsTimeoutAndAtOnceWithoutOne() async throws {
        let board = OutcomeBoard(retained: 8)
        let k = try key(3)
        XCTAssertTrue(board.register(k))
        let start = ContinuousClock.now
        let waited = await board.wait(k, upTo: .milliseconds(40))
        XCTAssertEqual(waited, .pending)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(35))
        let immediate = await board.wait(k, upTo: .zero)
        XCTAssertEqual(immediate, .pending)
        let unknown = await board.wait(try key(4), upTo: .seconds(600))
        XCTAssertEqual(unknown, .unknown, "an id not on the board does not wait")
        // A late completion after a timed-out wait still lands.
        board.complete(k, .finished([1]))
        XCTAssertEqual(board.lookup(k), .done(.finished([1])))
    }

    func testAWithdrawnRequestSendsItsWaitersToTheStore() async throws {
        let board = OutcomeBoard(retained: 8)
        let k = try key(5)
        XCTAssertTrue(board.register(k))
        let waiter = Task { await board.wait(k, upTo: .seconds(600)) }
        try await Task.sleep(for: .milliseconds(30))
        board.withdraw(k)
        let seen = await waiter.value
        XCTAssertEqual(seen, .unknown)
        XCTAssertTrue(board.register(k), "a withdrawn id is free again")
    }

    func testOnlyTheNewestOutcomesAreKept() throws {
        let board = OutcomeBoard(retained: 3)
        let keys = try (10..<20).map { try key(UInt8($0)) }
        for (i, k) in keys.enumerated() {
            XCTAssertTrue(board.register(k))
            board.complete(k, .finished([UInt8(i)]))
        }
        for (i, k) in keys.enumerated() {
            XCTAssertEqual(board.lookup(k), i >= 7 ? .done(.finished([UInt8(i)])) : .unknown, "key \(i)")
        }
        // A byte budget: outcomes of 40 bytes, at most 100 bytes kept → the newest two; an outcome
        // larger than the whole budget is not kept at all.
        let small = OutcomeBoard(retained: 100, retainedBytes: 100)
        for (i, k) in keys.enumerated() {
            XCTAssertTrue(small.register(k))
            small.complete(k, .finished([UInt8](repeating: UInt8(i), count: 40)))
        }
        for (i, k) in keys.enumerated() {
            XCTAssertEqual(small.lookup(k) == .unknown, i < 8, "key \(i)")
        }
        let big = try key(31)
        XCTAssertTrue(small.register(big))
        small.complete(big, .finished([UInt8](repeating: 0, count: 101)))
        XCTAssertEqual(small.lookup(big), .unknown)
        XCTAssertNotEqual(small.lookup(keys[9]), .unknown, "a refused large outcome evicts nothing")
        let none = OutcomeBoard(retained: 0)
        let k = try key(30)
        XCTAssertTrue(none.register(k))
        none.complete(k, .finished([]))
        XCTAssertEqual(none.lookup(k), .unknown)
    }

    /// Outcomes the board has dropped, and ids used before a restart, are answered from the store.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func testPollsOfRequestsNoLongerOnTheBoardAreAnsweredFromTheStore() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let limits = ServiceLimits(queueCapacity: 8, workers: 1, pollWait: .seconds(60), retainedOutcomes: 1)
        let store = try RequestStore(directory: fixture.stateDirectory)
        let processor = RequestProcessor(store: store, kms: CentralKMS(keySet: F.keySet, signer: F.signer, limits: limits),
                                         logger: .init(label: "test"))
        let workers = Task { await processor.queue.run() }
        var ids: [RequestID] = []
        for n in UInt8(0x51)...0x53 {
            let request = try F.decryption(id: n, values: [try ClearValue(type: .euint8, UInt64(n))])
            let id = try XCTUnwrap(RequestID(F.requestID(n).requestID))
            try await processor.accept(kind: .decrypt, id: id, request: try request.serializedBytes())
            _ = try await processor.result(kind: .decrypt, id: id)
            ids.append(id)
        }
        // Only the last outcome is still in memory; the first two come from the store.
        for (n, id) in zip(UInt8(0x51)...0x53, ids) {
            let response = try Kms_DecryptionResponse(serializedBytes: try await processor.result(kind: .decrypt, id: id))
            XCTAssertEqual(try KMSPlaintext(bincode: [UInt8](response.payload.plaintexts[0])).value,
                           try ClearValue(type: .euint8, UInt64(n)))
        }
        // A reused id is refused whether its request is on the board or only in the store.
        for id in ids {
            await assertStatus(.alreadyExists) { try await processor.accept(kind: .decrypt, id: id, request: []) }
        }
        processor.queue.finish()
        _ = await workers.value
    }
}
