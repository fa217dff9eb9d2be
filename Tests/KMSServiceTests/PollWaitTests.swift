import Foundation
import GRPCCore
import KMSCore
import XCTest
@testable import KMSService

/// A poll of a running request waits (up to `ServiceLimits.pollWait`) for its outcome.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class PollWaitTests: XCTestCase {
    typealias F = ServiceFixture

    private func processor(_ fixture: F, pollWait: Duration) throws -> RequestProcessor {
        let kms = CentralKMS(keySet: F.keySet, signer: F.signer,
                             limits: ServiceLimits(queueCapacity: 4, workers: 1, pollWait: pollWait))
        return RequestProcessor(store: try RequestStore(directory: fixture.stateDirectory), kms: kms, logger: .init(label: "test"))
    }

    func testAPollOfARunningRequestAnswersOnceTheResultIsRecorded() async throws {
        let fixture = F()
        defer { fixture.remove() }
        // Long enough that only the completion can end the wait inside this test.
        let processor = try processor(fixture, pollWait: .seconds(600))
        let request = try F.decryption(id: 0x41, values: [try ClearValue(type: .euint8, 41)])
        let id = try XCTUnwrap(RequestID(F.requestID(0x41).requestID))
        try await processor.accept(kind: .decrypt, id: id, request: try request.serializedBytes())
        // The poll starts while no worker runs, then the workers start.
        let poll = Task { try await processor.result(kind: .decrypt, id: id) }
        try await Task.sleep(for: .milliseconds(50))
        let workers = Task { await processor.queue.run() }
        let bytes = try await poll.value
        let response = try Kms_DecryptionResponse(serializedBytes: bytes)
        XCTAssertEqual(try KMSPlaintext(bincode: [UInt8](response.payload.plaintexts[0])).value,
                       try ClearValue(type: .euint8, 41))
        processor.queue.finish()
        _ = await workers.value
    }

    func testWithoutAPollWaitARunningRequestIsUnavailableAtOnce() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let processor = try processor(fixture, pollWait: .zero)
        let request = try F.decryption(id: 0x42, values: [try ClearValue(type: .euint8, 42)])
        let id = try XCTUnwrap(RequestID(F.requestID(0x42).requestID))
        try await processor.accept(kind: .decrypt, id: id, request: try request.serializedBytes())
        await assertStatus(.unavailable) { try await processor.result(kind: .decrypt, id: id) }
    }

    func testAPollWaitEndsWithUnavailableWhenTheRequestStaysPending() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let processor = try processor(fixture, pollWait: .milliseconds(30))
        let id = try XCTUnwrap(RequestID(F.requestID(0x43).requestID))
        try await processor.accept(kind: .decrypt, id: id, request: [])
        await assertStatus(.unavailable) { try await processor.result(kind: .decrypt, id: id) }
        await assertStatus(.notFound) {
            try await processor.result(kind: .decrypt, id: try XCTUnwrap(RequestID(F.requestID(0x44).requestID)))
        }
    }
}
