import Foundation
import GRPCCore
import KMSCore
import XCTest
@testable import KMSService

/// Reencrypt → GetReencryptResult over gRPC, end to end: the user's request signed as fhevmjs
/// signs it, sent as the gateway sends it, and the answer opened by `ReencryptionClient`.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class ReencryptServiceTests: XCTestCase {
    typealias F = ServiceFixture

    /// The fhevm gateway-relayer test wallet and a dApp contract on chain 9000.
    static let wallet = try! Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 0x7e, count: 32))
    static let contract = try! EthereumAddress(parsing: "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce")

    /// A user request for a handle of `type`, with the ciphertext the gateway fetched for it.
    static func userRequest(_ type: FheType, boxKey: BoxSecretKey, value: ClearValue)
        throws -> (UserReencryptionRequest, ReencryptionRequest) {
        let user = UserReencryptionRequest.sign(handle: try FheHandle(bytes: F.handle(type, 0x42)),
                                                encryptionKey: boxKey.publicKey, contract: contract, chainId: 9000,
                                                wallet: wallet)
        let kms = try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: [UInt8](try F.ciphertext(value)),
                                          keyID: F.keySet.keyID, chainId: user.chainId)
        return (user, kms)
    }

    func testReencryptThenPollOpensWithTheUserKey() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let boxKey = BoxSecretKey.generate()
        let values = [try ClearValue(type: .euint8, 77), try ClearValue(type: .euint64, 9_000_000_001),
                      try ClearValue(type: .ebool, 1)]
        let cases = try values.map { v in try Self.userRequest(v.type, boxKey: boxKey, value: v) }
        let ids = cases.map { _ in ServiceRequests.randomRequestID() }
        let responses = try await fixture.withServer { kms, _ in
            for (id, (_, request)) in zip(ids, cases) {
                _ = try await kms.reencrypt(ServiceRequests.reencryption(id: id, request))
            }
            var answers: [Kms_ReencryptionResponse] = []
            for id in ids { answers.append(try await pollResult { try await kms.getReencryptResult(id) }) }
            return answers
        }
        let client = ReencryptionClient(encryptionKey: boxKey, trustedSigners: [F.signer.address])
        for ((user, request), (response, value)) in zip(cases, zip(responses, values)) {
            XCTAssertEqual(response.payload.fheType, value.type.proto)
            let library = try ReencryptionResponse(proto: response, ciphertextDigest: request.ciphertextDigest)
            XCTAssertEqual(try client.decrypt([library], for: user), value)
            // Another user's key cannot open it.
            let stranger = ReencryptionClient(encryptionKey: .generate(), trustedSigners: [F.signer.address])
            XCTAssertThrowsError(try stranger.decrypt([library], for: user))
        }
    }

    func testABadUserSignatureIsRefusedAtSubmission() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let value = try ClearValue(type: .euint8, 5)
        var (_, request) = try Self.userRequest(.euint8, boxKey: .generate(), value: value)
        request.signature[10] ^= 1
        let sent = ServiceRequests.reencryption(id: ServiceRequests.randomRequestID(), request)
        try await fixture.withServer { kms, _ in
            await assertStatus(.invalidArgument) { try await kms.reencrypt(sent) }
            await assertStatus(.notFound) { try await kms.getReencryptResult(sent.requestID) }
        }
    }
}
