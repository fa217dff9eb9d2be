import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import KMSCore
import KMSService
import KMSTestSupport
import XCTest

/// `kmsctl serve` as a process: listens on the port it prints, answers Decrypt and
/// GetDecryptResult from the generated Swift client, exits 0 on SIGTERM, and loses no accepted
/// request when killed under load.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class ServeCLITests: XCTestCase {
    func testServeAnswersDecryptThenExitsOnSIGTERM() async throws {
        let (dir, keys, keyID, ct, signerFile, signer) = try setUpKeys(value: 42)

        let server = try ServerProcess(["serve", "--keys", keys, "--signer", signerFile, "--listen", "127.0.0.1:0",
                                        "--state", dir.appendingPathComponent("state").path])
        defer { server.stop() }
        let line = await server.firstLine()
        guard let line, line.hasPrefix("listening on 127.0.0.1:"), let port = Int(line.dropFirst("listening on 127.0.0.1:".count)),
              port > 0 else {
            return XCTFail("unexpected first line \(line ?? "(none)"); stderr: \(server.stderr)")
        }

        let id = ServiceRequests.randomRequestID()
        let request = ServiceRequests.decryption(
            id: id, key: keyID,
            ciphertexts: [DecryptionInput(type: .euint8, ciphertext: [UInt8](try Data(contentsOf: URL(fileURLWithPath: ct))))])
        let response = try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
        ) { client in
            let kms = Kms_CoreServiceEndpoint.Client(wrapping: client)
            _ = try await kms.decrypt(request)
            for _ in 0..<400 {
                do { return try await kms.getDecryptResult(id) } catch let error as RPCError where error.code == .unavailable {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            throw RPCError(code: .deadlineExceeded, message: "no result after 20 s")
        }
        XCTAssertEqual(response.payload.plaintexts.map { [UInt8]($0) }, [KMSPlaintext(try ClearValue(type: .euint8, 42)).bincode])
        let library = DecryptionResponse(
            signature: [UInt8](response.signature),
            payload: DecryptionResponsePayload(verificationKey: [UInt8](response.payload.verificationKey),
                                               digest: [UInt8](response.payload.digest),
                                               plaintexts: response.payload.plaintexts.map { [UInt8]($0) },
                                               externalSignature: nil))
        XCTAssertNoThrow(try library.verify(trusted: [signer]))

        // The load generator against the same server: every level answered, and the transport
        // floor measured at the same levels.
        let bench = try CLI.run(["bench", "grpc", "--target", "127.0.0.1:\(port)", "--keys", keys, "--signer", signerFile,
                                 "--clients", "1,3", "--requests", "6", "--in-process-runs", "2"])
        XCTAssertEqual(bench.status, 0, bench.stderr)
        let report = try JSONDecoder().decode(GRPCBenchReport.self, from: Data(bench.stdout.utf8))
        XCTAssertEqual(report.levels.map(\.clients), [1, 3])
        XCTAssertEqual(report.levels.map(\.errors), [0, 0])
        XCTAssertEqual(report.levels.map(\.latency.count), [6, 6])
        XCTAssertEqual(report.transportFloor.map(\.clients), [1, 3])
        XCTAssertEqual(report.transportFloor.map(\.latency.count), [6, 6])
        XCTAssertTrue(report.transportFloor.allSatisfy { $0.throughputPerSecond > 0 })
        XCTAssertEqual(report.inProcess?.count, 2)

        let status = await server.terminate()
        XCTAssertEqual(status, 0, server.stderr)
    }
}

extension ServeCLITests {
    /// A `test` key set without server key, an euint8 `value` encrypted under it and a signer,
    /// all made by kmsctl in a fresh directory.
    func setUpKeys(value: Int) throws -> (dir: URL, keys: String, keyID: KeyID, ciphertext: String, signerFile: String,
                                          signer: EthereumAddress) {
        let dir = try CLI.temporaryDirectory(self)
        let keys = dir.appendingPathComponent("keys").path
        let kg = try CLI.run(["keygen", "--params", "test", "--no-server-key", "--out", keys])
        XCTAssertEqual(kg.status, 0, kg.stderr)
        let keyID = try KeyID(hex: kg.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let ct = dir.appendingPathComponent("ct.bin").path
        let e = try CLI.run(["encrypt", "--keys", keys, "--type", "euint8", "--value", "\(value)", "--out", ct])
        XCTAssertEqual(e.status, 0, e.stderr)
        let signerFile = dir.appendingPathComponent("signer.key").path
        let s = try CLI.run(["signer", "new", "--out", signerFile])
        XCTAssertEqual(s.status, 0, s.stderr)
        return (dir, keys, keyID, ct, signerFile, try EthereumAddress(parsing: s.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// SIGKILL while 64 clients submit: every request answered `Empty` before the kill is
    /// answered after a restart on the same state directory, with the right plaintext.
    func testKilledUnderLoadLosesNoAcceptedRequest() async throws {
        let (dir, keys, keyID, ct, signerFile, _) = try setUpKeys(value: 77)
        let ciphertext = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ct)))
        let state = dir.appendingPathComponent("state").path
        let arguments = ["serve", "--keys", keys, "--signer", signerFile, "--listen", "127.0.0.1:0", "--state", state,
                         "--queue-capacity", "1024"]

        func start() async throws -> (ServerProcess, Int) {
            let server = try ServerProcess(arguments)
            let line = await server.firstLine()
            guard let line, let port = Int(line.dropFirst("listening on 127.0.0.1:".count)), port > 0 else {
                server.stop()
                throw XCTSkip("server did not start: \(line ?? "(none)")")
            }
            return (server, port)
        }

        actor Accepted {
            var ids: [Kms_RequestId] = []
            func add(_ id: Kms_RequestId) -> Int { ids.append(id); return ids.count }
        }
        let accepted = Accepted()
        let (first, port) = try await start()
        try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
        ) { client in
            let kms = Kms_CoreServiceEndpoint.Client(wrapping: client)
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        for _ in 0..<20 {
                            let id = ServiceRequests.randomRequestID()
                            let request = ServiceRequests.decryption(
                                id: id, key: keyID, ciphertexts: [DecryptionInput(type: .euint8, ciphertext: ciphertext)])
                            do { _ = try await kms.decrypt(request) } catch { return }   // refused or cut off: not accepted
                            // The kill lands while submissions are still arriving.
                            if await accepted.add(id) == 300 { first.stop() }
                        }
                    }
                }
            }
        }
        first.stop()
        let ids = await accepted.ids
        XCTAssertGreaterThanOrEqual(ids.count, 300)

        let (second, port2) = try await start()
        defer { second.stop() }
        let expected = [KMSPlaintext(try ClearValue(type: .euint8, 77)).bincode]
        try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port2), transportSecurity: .plaintext)
        ) { client in
            let kms = Kms_CoreServiceEndpoint.Client(wrapping: client)
            for id in ids {
                var answered = false
                for _ in 0..<400 where !answered {
                    do {
                        let response = try await kms.getDecryptResult(id)
                        XCTAssertEqual(response.payload.plaintexts.map { [UInt8]($0) }, expected)
                        answered = true
                    } catch let error as RPCError where error.code == .unavailable {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                XCTAssertTrue(answered, "request \(id.requestID) accepted before the kill was not answered")
            }
        }
        let status = await second.terminate()
        XCTAssertEqual(status, 0, second.stderr)
    }
}

/// A `kmsctl serve` process.
typealias ServerProcess = ChildProcess

extension ChildProcess {
    /// Starts `kmsctl` with `arguments`.
    convenience init(_ arguments: [String]) throws { try self.init(CLI.binary, arguments) }
}
