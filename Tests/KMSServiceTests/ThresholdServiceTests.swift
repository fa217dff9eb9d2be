import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import KMSCore
import KMSTestSupport
import XCTest
@testable import KMSService

/// The threshold core endpoint with n = 4, t = 1 parties as `kmsctl party serve` processes on
/// loopback: signed Decrypt (all four signatures checked as KMSVerifier checks them), Reencrypt
/// opened by the user's client, a killed party, a lying party (an in-test fake), and two parties
/// down.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class ThresholdServiceTests: XCTestCase {
    typealias C = ThresholdCluster

    /// Checks a decryption answer: the plaintexts, every party signature (internal and EIP-712)
    /// by the party it claims, and the KMSVerifier threshold over all of them.
    func checkSigned(_ response: Kms_DecryptionResponse, request: Kms_DecryptionRequest, values: [ClearValue],
                     signers expected: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(response.payload.plaintexts.map { [UInt8]($0) }, values.map { KMSPlaintext($0).bincode }, file: file, line: line)
        let answer = try XCTUnwrap(response.thresholdAnswer, "no threshold fields", file: file, line: line)
        XCTAssertEqual(answer.partyIds.map(Int.init), expected, file: file, line: line)
        XCTAssertEqual(answer.partyResponses.count, expected.count, file: file, line: line)
        // Tags 1–2 are the lowest agreeing party's own answer.
        XCTAssertEqual(answer.partyResponses.first?.signature, response.signature, file: file, line: line)
        let addresses = C.keys.addresses
        let domain = try EIP712Domain(proto: request.domain, field: "domain")
        let handles = try request.ciphertexts.map { try FheHandle(bytes: [UInt8]($0.externalHandle)) }
        let decryptedResult = DecryptedResultEncoder.encode(values)
        for (id, party) in zip(answer.partyIds.map(Int.init), answer.partyResponses) {
            let p = party.payload
            XCTAssertEqual(p.plaintexts, response.payload.plaintexts, file: file, line: line)
            let library = DecryptionResponse(
                signature: [UInt8](party.signature),
                payload: DecryptionResponsePayload(verificationKey: [UInt8](p.verificationKey), digest: [UInt8](p.digest),
                                                   plaintexts: p.plaintexts.map { [UInt8]($0) },
                                                   externalSignature: [UInt8](p.externalSignature)))
            XCTAssertNoThrow(try library.verify(trusted: [addresses[id - 1]]), "party \(id)", file: file, line: line)
            let one = try SignedDecryptionVerifier(signers: [addresses[id - 1]], aclAddress: ServiceFixture.acl, domain: domain)
            XCTAssertTrue(try one.verify(handles: handles, decryptedResult: decryptedResult, signatures: [[UInt8](p.externalSignature)]),
                          "party \(id)", file: file, line: line)
        }
        let kmsVerifier = try SignedDecryptionVerifier(signers: addresses, aclAddress: ServiceFixture.acl, domain: domain)
        XCTAssertTrue(try kmsVerifier.verify(handles: handles, decryptedResult: decryptedResult,
                                             signatures: answer.partyResponses.map { [UInt8]($0.payload.externalSignature) }),
                      file: file, line: line)
    }

    func testDecryptAndReencryptThroughFourPartyProcesses() async throws {
        let parties = try await C.startParties()
        defer { parties.forEach { $0.0.stop() } }
        let values = [try ClearValue(type: .euint8, 200), try ClearValue(type: .euint64, 9_000_000_001)]
        let request = try C.decryption(values)
        let secret = try ClearValue(type: .euint16, 51234)
        let reencryption = try UserReencryption(secret, handleByte: 0x42)
        let (response, reencrypted) = try await C.withCore(ports: parties.map(\.1)) { kms in
            (try await C.decrypt(request, kms), try await reencryption.run(kms))
        }
        try checkSigned(response, request: request, values: values, signers: [1, 2, 3, 4])
        let outcome = try XCTUnwrap(response.thresholdAnswer).outcome
        XCTAssertEqual(outcome.corruptedParties, [])
        XCTAssertEqual(outcome.missingParties, [])
        XCTAssertGreaterThan(outcome.timing.totalMicros, 0)
        print("threshold (4,1) debug decrypt of euint8+euint64: total \(outcome.timing.totalMicros) µs, partial round "
              + "\(outcome.timing.partialRoundMicros) µs (party compute \(outcome.timing.partialComputeMicros) µs), combine "
              + "\(outcome.timing.combineMicros) µs, sign round \(outcome.timing.signRoundMicros) µs (party compute "
              + "\(outcome.timing.signComputeMicros) µs)")

        // Reencryption: four party answers; the user's client combines them.
        let answer = try XCTUnwrap(reencrypted.thresholdAnswer)
        XCTAssertEqual(answer.partyResponses.map(\.payload.partyID), [1, 2, 3, 4])
        XCTAssertEqual(reencrypted.payload.partyID, 1)
        XCTAssertEqual(try reencryption.open(answer), secret)
    }

    /// The core counts party i's partials and answers only when signed by party i's key: a
    /// process at party 3's address signing with another key (here: the core expects another
    /// key) is named corrupted in both rounds of Decrypt and in Reencrypt.
    func testAnswersNotSignedByThePartysOwnKeyAreRefused() async throws {
        let parties = try await C.startParties()
        defer { parties.forEach { $0.0.stop() } }
        var expected = C.keys.addresses
        expected[2] = KMSSigner(key: try Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 0x77, count: 32))).address
        let values = [try ClearValue(type: .euint16, 4321)]
        let request = try C.decryption(values)
        let secret = try ClearValue(type: .euint8, 77)
        let reencryption = try UserReencryption(secret, handleByte: 0x43)
        let (response, reencrypted) = try await C.withCore(ports: parties.map(\.1), partySigners: expected) { kms in
            (try await C.decrypt(request, kms), try await reencryption.run(kms))
        }
        try checkSigned(response, request: request, values: values, signers: [1, 2, 4])
        let outcome = try XCTUnwrap(response.thresholdAnswer).outcome
        XCTAssertEqual(outcome.corruptedParties, [3])
        XCTAssertTrue(outcome.faults.first?.reason.contains("not signed by the party's key") == true, "\(outcome.faults)")
        let answer = try XCTUnwrap(reencrypted.thresholdAnswer)
        XCTAssertEqual(answer.partyResponses.map(\.payload.partyID), [1, 2, 4])
        XCTAssertEqual(answer.outcome.corruptedParties, [3])
        XCTAssertEqual(try reencryption.open(answer), secret)
    }

    func testAKilledPartyIsNamedMissingAndTheResultStillSigned() async throws {
        let parties = try await C.startParties()
        defer { parties.forEach { $0.0.stop() } }
        parties[1].0.kill()
        let values = [try ClearValue(type: .euint8, 7)]
        let request = try C.decryption(values)
        let response = try await C.withCore(ports: parties.map(\.1)) { kms in try await C.decrypt(request, kms) }
        try checkSigned(response, request: request, values: values, signers: [1, 3, 4])
        let outcome = try XCTUnwrap(response.thresholdAnswer).outcome
        XCTAssertEqual(outcome.missingParties, [2])
        XCTAssertEqual(outcome.corruptedParties, [])
        XCTAssertEqual(outcome.faults.first?.kind, "missing")
    }

    func testALyingPartyIsCorrectedAndNamedCorrupted() async throws {
        let values = [try ClearValue(type: .euint8, 99), try ClearValue(type: .euint32, 4_000_000_000)]
        let (request, response) = try await decryptWithParty4Faking(values, garbage: false)
        try checkSigned(response, request: request, values: values, signers: [1, 2, 3])
        let outcome = try XCTUnwrap(response.thresholdAnswer).outcome
        XCTAssertEqual(outcome.corruptedParties, [4])
        XCTAssertEqual(outcome.missingParties, [])
    }

    func testAPartyAnsweringGarbageIsNamedCorrupted() async throws {
        let values = [try ClearValue(type: .euint8, 3)]
        let (request, response) = try await decryptWithParty4Faking(values, garbage: true)
        try checkSigned(response, request: request, values: values, signers: [1, 2, 3])
        let outcome = try XCTUnwrap(response.thresholdAnswer).outcome
        XCTAssertEqual(outcome.corruptedParties, [4])
        XCTAssertTrue(outcome.faults.first?.reason.contains("unreadable") == true, "\(outcome.faults)")
    }

    /// Decrypts `values` with parties 1–3 as processes and party 4 a `LyingParty` in this process
    /// (lying values, or garbage with `garbage`).
    private func decryptWithParty4Faking(_ values: [ClearValue], garbage: Bool) async throws
        -> (Kms_DecryptionRequest, Kms_DecryptionResponse) {
        var started: [(PartyProcess, Int)] = []
        for id in 1...3 { started.append(try await C.startParty(id)) }
        defer { started.forEach { $0.0.stop() } }
        let liar = LyingParty(party: try ThresholdParty(partyDirectory: C.keys.party(4), signer: C.keys.signers[3],
                                                        partySigners: C.keys.addresses), garbage: garbage)
        let request = try C.decryption(values)
        let honest = started.map(\.1)
        let response = try await liar.serving { liarPort in
            try await C.withCore(ports: honest + [liarPort]) { kms in try await C.decrypt(request, kms) }
        }
        return (request, response)
    }

    func testASlowPartyIsCutOffByItsDeadlineAndNamedMissing() async throws {
        var started: [(PartyProcess, Int)] = []
        for id in 2...4 { started.append(try await C.startParty(id)) }
        defer { started.forEach { $0.0.stop() } }
        let slow = LyingParty(party: try ThresholdParty(partyDirectory: C.keys.party(1), signer: C.keys.signers[0],
                                                        partySigners: C.keys.addresses), delay: .seconds(20))
        let values = [try ClearValue(type: .euint8, 250)]
        let request = try C.decryption(values)
        let others = started.map(\.1)
        let (response, elapsed) = try await slow.serving { slowPort in
            try await C.withCore(ports: [slowPort] + others, partyTimeout: .seconds(6)) { kms in
                let start = ContinuousClock.now
                let response = try await C.decrypt(request, kms)
                return (response, ContinuousClock.now - start)
            }
        }
        XCTAssertLessThan(elapsed, .seconds(19))
        try checkSigned(response, request: request, values: values, signers: [2, 3, 4])
        let outcome = try XCTUnwrap(response.thresholdAnswer).outcome
        XCTAssertEqual(outcome.missingParties, [1])
        XCTAssertTrue(outcome.faults.first?.reason.contains("deadlineExceeded") == true, "\(outcome.faults)")
    }

    func testTwoPartiesDownFailsTheRequestNamingThem() async throws {
        let parties = try await C.startParties()
        defer { parties.forEach { $0.0.stop() } }
        parties[0].0.kill()
        parties[2].0.kill()
        let request = try C.decryption([try ClearValue(type: .euint8, 1)])
        try await C.withCore(ports: parties.map(\.1)) { kms in
            _ = try await kms.decrypt(request)
            do {
                _ = try await pollResult { try await kms.getDecryptResult(request.requestID) }
                XCTFail("decrypted with two parties down")
            } catch let error as RPCError {
                XCTAssertEqual(error.code, .internalError)
                XCTAssertTrue(error.message.contains("missing [1, 3]"), error.message)
            }
        }
    }
}

/// A party 4 that lies: its partial decryption is the real one with the share words altered
/// (still well formed, still signed by party 4's key) or, with `garbage`, bytes that are no
/// partial decryption; its signed answer claims other plaintexts. It lives only in the test
/// process.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct LyingParty: Swiftkms_Party_V1_ThresholdParty.SimpleServiceProtocol {
    let party: ThresholdParty
    /// Answer bytes that are no partial decryption at all instead of a well-formed lie.
    var garbage = false
    /// Answer nothing for this long instead (a slow party), then fail.
    var delay: Duration?

    func partialDecrypt(request: Swiftkms_Party_V1_PartialDecryptRequest,
                        context: ServerContext) async throws -> Swiftkms_Party_V1_PartialDecryptResponse {
        if let delay {
            try await Task.sleep(for: delay)
            throw RPCError(code: .unavailable, message: "too late")
        }
        var signed = try party.partialDecrypt(request.request)
        var bytes = [UInt8](signed.partial)
        if garbage { bytes = (0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 31) } }
        for i in (bytes.count - 64)..<bytes.count { bytes[i] ^= 0x5a }
        signed.partial = Data(bytes)
        signed.signature = Data(PartyMessages.signPartial(bytes, signer: party.signer))
        return .with { $0.partial = signed }
    }

    func signDecryption(request: Swiftkms_Party_V1_SignDecryptionRequest,
                        context: ServerContext) async throws -> Swiftkms_Party_V1_SignDecryptionResponse {
        var opening = try party.signDecryption(request.request, partials: request.partials)
        opening.response.payload.plaintexts = opening.response.payload.plaintexts.map { Data($0.reversed()) }
        return .with { $0.response = opening.response }
    }

    func reencrypt(request: Swiftkms_Party_V1_PartyReencryptRequest,
                   context: ServerContext) async throws -> Swiftkms_Party_V1_PartyReencryptResponse {
        throw RPCError(code: .unavailable, message: "not today")
    }

    func info(request: Swiftkms_Party_V1_PartyInfoRequest, context: ServerContext) async throws -> Swiftkms_Party_V1_PartyInfo {
        party.info
    }

    /// Serves on a free loopback port while `body` runs.
    func serving<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        let server = GRPCServer(transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext),
                                services: [self])
        let running = Task { try await server.serve() }
        defer { server.beginGracefulShutdown() }
        guard let port = try await server.listeningAddress?.ipv4?.port else {
            throw RPCError(code: .internalError, message: "the fake party does not listen")
        }
        let result = try await body(port)
        // Cancelled, not drained: a slow fake's calls must not hold the test.
        running.cancel()
        _ = try? await stopped(running)
        return result
    }
}

/// A user's signed reencryption request for `secret` under the threshold key, sent through a
/// core and opened by the user's client from all the parties' answers.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct UserReencryption: Sendable {
    let boxKey = BoxSecretKey.generate()
    let user: UserReencryptionRequest
    let request: ReencryptionRequest
    let id = ServiceRequests.randomRequestID()

    init(_ secret: ClearValue, handleByte: UInt8) throws {
        user = UserReencryptionRequest.sign(handle: try FheHandle(bytes: ServiceFixture.handle(secret.type, handleByte)),
                                            encryptionKey: boxKey.publicKey, contract: ReencryptServiceTests.contract,
                                            chainId: 9000, wallet: ReencryptServiceTests.wallet)
        request = try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: try ThresholdCluster.ciphertext(secret),
                                          keyID: ThresholdCluster.keys.info.keyID, chainId: user.chainId)
    }

    /// Submits the request and polls its result.
    func run(_ kms: Kms_CoreServiceEndpoint.Client<HTTP2ClientTransport.Posix>) async throws -> Kms_ReencryptionResponse {
        _ = try await kms.reencrypt(ServiceRequests.reencryption(id: id, request))
        return try await pollResult { try await kms.getReencryptResult(id) }
    }

    /// The value, from every party's answer, as the user's client opens it.
    func open(_ answer: Swiftkms_Party_V1_ThresholdReencryptionResponse) throws -> ClearValue {
        let library = try answer.partyResponses.map { try ReencryptionResponse(proto: $0, ciphertextDigest: request.ciphertextDigest) }
        return try ReencryptionClient(encryptionKey: boxKey, trustedSigners: ThresholdCluster.keys.addresses).decrypt(library, for: user)
    }
}
