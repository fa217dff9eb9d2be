import Foundation
import GRPCCore
import KMSCore
import KMSTestSupport
import XCTest
@testable import KMSService

/// Mutual TLS between the threshold core and `kmsctl party serve` processes, with certificates
/// made by `openssl` at test time: a core whose certificate chains to the parties' CA decrypts;
/// a core with a certificate of another CA reaches no party; parties pinned to the core's
/// certificate refuse a caller with another certificate of the same CA (e.g. a party's).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class ThresholdTLSTests: XCTestCase {
    typealias C = ThresholdCluster

    /// Runs openssl; false when it is not installed or fails. One that does not end within
    /// 2 minutes is killed and fails the test (never read as "not installed").
    @discardableResult
    static func openssl(_ arguments: [String], in dir: URL) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard process.waitForExit(within: .seconds(120)) else {
            process.killAndWait()
            throw TestFailure.record("openssl \(arguments.first ?? "") did not end within 2 minutes")
        }
        return process.terminationStatus == 0
    }

    /// A CA (`NAME-ca.pem`) and a certificate it signs (`NAME.pem`, `NAME.key`) for 127.0.0.1.
    static func makeCertificates(_ name: String, in dir: URL) throws -> Bool {
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        guard try openssl(["req", "-x509"] + ec + ["-keyout", "\(name)-ca.key", "-out", "\(name)-ca.pem", "-days", "1",
                                                   "-subj", "/CN=\(name) test CA"], in: dir) else { return false }
        return try makeLeaf(name, ca: name, in: dir)
    }

    /// Another certificate (`NAME.pem`, `NAME.key`) signed by CA `ca` (`ca-ca.pem`).
    static func makeLeaf(_ name: String, ca: String, in dir: URL) throws -> Bool {
        let ext = dir.appendingPathComponent("\(name).ext")
        try "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n".write(to: ext, atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        return try openssl(["req"] + ec + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name) node"], in: dir)
            && openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "\(ca)-ca.pem", "-CAkey", "\(ca)-ca.key",
                        "-CAcreateserial", "-out", "\(name).pem", "-days", "1", "-extfile", "\(name).ext"], in: dir)
    }

    func testMutualTLSCoreAndPartiesAndARogueCertificateIsRefused() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kms-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard try Self.openssl(["version"], in: dir) else { throw XCTSkip("openssl is not installed") }
        XCTAssertTrue(try Self.makeCertificates("kms", in: dir))
        XCTAssertTrue(try Self.makeCertificates("rogue", in: dir))
        let path = { (name: String) in dir.appendingPathComponent(name).path }

        let parties = try await C.startParties(tls: ["--tls-cert", path("kms.pem"), "--tls-key", path("kms.key"), "--tls-ca", path("kms-ca.pem")])
        defer { parties.forEach { $0.0.stop() } }
        let values = [try ClearValue(type: .euint8, 42)]
        let request = try C.decryption(values)
        let good = PartyTLS(certificatePath: path("kms.pem"), privateKeyPath: path("kms.key"), trustRootsPath: path("kms-ca.pem"))
        let response = try await C.withCore(ports: parties.map(\.1), tls: good) { kms in try await C.decrypt(request, kms) }
        XCTAssertEqual(response.payload.plaintexts.map { [UInt8]($0) }, values.map { KMSPlaintext($0).bincode })
        XCTAssertEqual(response.thresholdAnswer?.partyIds, [1, 2, 3, 4])

        // A core with another CA's certificate (and trusting only that CA): no party takes it.
        let rogue = PartyTLS(certificatePath: path("rogue.pem"), privateKeyPath: path("rogue.key"), trustRootsPath: path("kms-ca.pem"))
        let refused = try C.decryption(values)
        try await C.withCore(ports: parties.map(\.1), tls: rogue, partyTimeout: .seconds(5)) { kms in
            _ = try await kms.decrypt(refused)
            await assertStatus(.internalError) { try await pollResult { try await kms.getDecryptResult(refused.requestID) } }
        }
    }

    func testPartiesPinnedToTheCoreCertificateRefuseAnotherCertificateOfTheSameCA() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kms-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard try Self.openssl(["version"], in: dir) else { throw XCTSkip("openssl is not installed") }
        XCTAssertTrue(try Self.makeCertificates("kms", in: dir))
        XCTAssertTrue(try Self.makeLeaf("core", ca: "kms", in: dir))
        let path = { (name: String) in dir.appendingPathComponent(name).path }

        // The parties present kms.pem and serve only a caller presenting core.pem.
        let parties = try await C.startParties(tls: ["--tls-cert", path("kms.pem"), "--tls-key", path("kms.key"), "--tls-ca", path("kms-ca.pem"),
                                                     "--tls-core-cert", path("core.pem")])
        defer { parties.forEach { $0.0.stop() } }
        let values = [try ClearValue(type: .euint8, 17)]
        let core = PartyTLS(certificatePath: path("core.pem"), privateKeyPath: path("core.key"), trustRootsPath: path("kms-ca.pem"))
        let request = try C.decryption(values)
        let response = try await C.withCore(ports: parties.map(\.1), tls: core) { kms in try await C.decrypt(request, kms) }
        XCTAssertEqual(response.payload.plaintexts.map { [UInt8]($0) }, values.map { KMSPlaintext($0).bincode })

        // A caller with a party's certificate (same CA) is refused by every party.
        let party = PartyTLS(certificatePath: path("kms.pem"), privateKeyPath: path("kms.key"), trustRootsPath: path("kms-ca.pem"))
        let refused = try C.decryption(values)
        try await C.withCore(ports: parties.map(\.1), tls: party, partyTimeout: .seconds(5)) { kms in
            _ = try await kms.decrypt(refused)
            do {
                _ = try await pollResult { try await kms.getDecryptResult(refused.requestID) }
                XCTFail("a caller with a party's certificate was served")
            } catch let error as RPCError {
                XCTAssertEqual(error.code, .internalError)
                XCTAssertTrue(error.message.contains("permissionDenied") || error.message.contains("its core's certificate"),
                              error.message)
            }
        }
    }
}
