import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import KMSCore
import XCTest
@testable import KMSService

/// Decrypt → GetDecryptResult over a real NIO HTTP/2 connection on 127.0.0.1.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class DecryptServiceTests: XCTestCase {
    typealias F = ServiceFixture

    func testDecryptThenPollReturnsTheSignedPlaintexts() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let values = [try ClearValue(type: .euint8, 42), try ClearValue(type: .ebool, 1), try ClearValue(type: .euint64, 123_456_789)]
        let request = try F.decryption(id: 1, values: values)
        let response = try await fixture.withServer { kms, _ in
            _ = try await kms.decrypt(request)
            return try await pollResult { try await kms.getDecryptResult(F.requestID(1)) }
        }
        let p = response.payload
        XCTAssertEqual(p.version, 1)
        XCTAssertEqual([UInt8](p.verificationKey), F.signer.verificationKey)
        XCTAssertEqual([UInt8](p.digest), RequestDigest.decryption(request))
        XCTAssertEqual(try p.plaintexts.map { try KMSPlaintext(bincode: [UInt8]($0)).value }, values)

        // The internal signature over bincode(payload), as the reference client checks it.
        let library = DecryptionResponse(
            signature: [UInt8](response.signature),
            payload: DecryptionResponsePayload(verificationKey: [UInt8](p.verificationKey), digest: [UInt8](p.digest),
                                               plaintexts: p.plaintexts.map { [UInt8]($0) },
                                               externalSignature: [UInt8](p.externalSignature)))
        XCTAssertNoThrow(try library.verify(trusted: [F.signer.address]))

        // The EIP-712 DecryptionResult signature KMSVerifier checks.
        XCTAssertTrue(p.hasExternalSignature)
        let handles = try request.ciphertexts.map { try FheHandle(bytes: [UInt8]($0.externalHandle)) }
        let message = DecryptionResult(aclAddress: F.acl, handles: handles,
                                       decryptedResult: DecryptedResultEncoder.encode(values))
        let domain = try EIP712Domain(proto: F.domain, field: "domain")
        XCTAssertEqual(try message.recoverSigner([UInt8](p.externalSignature), domain: domain), F.signer.address)
    }

    func testWithoutDomainOrACLThereIsNoExternalSignature() async throws {
        let fixture = F()
        defer { fixture.remove() }
        var request = try F.decryption(id: 2, values: [try ClearValue(type: .euint16, 515)])
        request.clearAclAddress()
        let sent = request
        let response = try await fixture.withServer { kms, _ in
            _ = try await kms.decrypt(sent)
            return try await pollResult { try await kms.getDecryptResult(F.requestID(2)) }
        }
        XCTAssertFalse(response.payload.hasExternalSignature)
        XCTAssertEqual(try KMSPlaintext(bincode: [UInt8](response.payload.plaintexts[0])).value,
                       try ClearValue(type: .euint16, 515))
    }

    func testMalformedRequestsGetTheirStatusAndTheServerStaysUp() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let good = try F.decryption(id: 3, values: [try ClearValue(type: .euint8, 7)])
        try await fixture.withServer { kms, client in
            for bad in ["", "0x" + String(repeating: "ab", count: 19), String(repeating: "AB", count: 20),
                        String(repeating: "ab", count: 19), String(repeating: "ab", count: 21),
                        String(repeating: "zz", count: 20)] {
                var r = good
                r.requestID.requestID = bad
                await assertStatus(.invalidArgument) { try await kms.decrypt(r) }
                await assertStatus(.invalidArgument) { try await kms.getDecryptResult(.with { $0.requestID = bad }) }
            }
            var r = good
            r.clearRequestID()
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }

            r = good
            r.version = 2
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }
            r.version = 0
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }

            r = good
            r.keyID = F.requestID(0xee)
            await assertStatus(.notFound) { try await kms.decrypt(r) }
            r.keyID.requestID = "not a key"
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }

            r = good
            r.ciphertexts = []
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }
            r = good
            r.ciphertexts[0].fheType = .UNRECOGNIZED(12)
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }
            r = good
            r.ciphertexts[0].externalHandle = Data([1, 2, 3])
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }
            r = good
            r.aclAddress = "0x1234"
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }
            r = good
            r.domain.chainID = Data()
            await assertStatus(.invalidArgument) { try await kms.decrypt(r) }

            // Unknown id, then a good request, then the same id again.
            await assertStatus(.notFound) { try await kms.getDecryptResult(F.requestID(3)) }
            _ = try await kms.decrypt(good)
            await assertStatus(.alreadyExists) { try await kms.decrypt(good) }
            _ = try await pollResult { try await kms.getDecryptResult(F.requestID(3)) }
            // Decrypt and Reencrypt have their own id spaces.
            await assertStatus(.notFound) { try await kms.getReencryptResult(F.requestID(3)) }

            // Not offered by a centralized KMS.
            await assertStatus(.unimplemented) { try await kms.crsGen(Kms_CrsGenRequest()) }
            await assertStatus(.unimplemented) { try await kms.keyGenPreproc(Kms_KeyGenPreprocRequest()) }

            // Health.
            let health = Grpc_Health_V1_Health.Client(wrapping: client)
            let status = try await health.check(.with { $0.service = "kms.CoreServiceEndpoint" })
            XCTAssertEqual(status.status, .serving)
            await assertStatus(.notFound) { try await health.check(.with { $0.service = "other" }) }
        }
    }

    func testGarbageCiphertextFailsWithInternal() async throws {
        let fixture = F()
        defer { fixture.remove() }
        var request = try F.decryption(id: 4, values: [try ClearValue(type: .euint8, 7), try ClearValue(type: .euint32, 9)])
        request.ciphertexts[1].ciphertext = Data("definitely not a ciphertext".utf8)
        var wrongType = try F.decryption(id: 5, values: [try ClearValue(type: .euint8, 7)])
        wrongType.ciphertexts[0].fheType = .euint16
        wrongType.ciphertexts[0].externalHandle = Data(F.handle(.euint16, 1))
        let requests = [request, wrongType]
        try await fixture.withServer { kms, client in
            for r in requests { _ = try await kms.decrypt(r) }
            for id: UInt8 in [4, 5] {
                do {
                    _ = try await pollResult { try await kms.getDecryptResult(F.requestID(id)) }
                    XCTFail("request \(id) should have failed")
                } catch let error as RPCError {
                    XCTAssertEqual(error.code, .internalError, error.message)
                    XCTAssertTrue(error.message.contains("ciphertexts["), error.message)
                }
            }
            let health = Grpc_Health_V1_Health.Client(wrapping: client)
            let status = try await health.check(.with { $0.service = "" })
            XCTAssertEqual(status.status, .serving)
        }
    }

    func testOversizedMessageIsRefused() async throws {
        let fixture = F()
        defer { fixture.remove() }
        var request = try F.decryption(id: 6, values: [try ClearValue(type: .euint8, 7)])
        request.ciphertexts[0].ciphertext = Data(count: 70_000)
        let big = request
        try await fixture.withServer(limits: ServiceLimits(maxRequestBytes: 64 * 1024)) { kms, _ in
            // The NIO transport resets the stream of an oversized message: the client sees UNAVAILABLE.
            await assertStatus(.unavailable) { try await kms.decrypt(big) }
            // Nothing was recorded, and the server goes on serving.
            await assertStatus(.notFound) { try await kms.getDecryptResult(F.requestID(6)) }
        }
    }
}
