import Foundation
import KMSTestSupport
import GRPCCore
import GRPCNIOTransportHTTP2
import KMSCore
import XCTest
@testable import KMSService

/// A (4, 1) threshold key set of the insecure `test` parameters made once per test run, the four
/// parties' signing keys, and helpers that start `kmsctl party serve` processes and an in-process
/// threshold core on loopback.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
enum ThresholdCluster {
    struct Keys: Sendable {
        let directory: URL
        let info: ThresholdKeyInfo
        let signers: [KMSSigner]
        let signerFiles: [URL]
        var addresses: [EthereumAddress] { signers.map(\.address) }
        var partySignersArgument: String { addresses.map(\.checksummed).joined(separator: ",") }
        func party(_ id: Int) -> URL { KeyStore.partyDirectory(id, in: directory) }
    }

    /// Made once per test process and removed when it exits.
    static let keyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kms-threshold-\(UUID().uuidString)")

    static let keys: Keys = {
        let dir = keyDirectory
        atexit { try? FileManager.default.removeItem(at: ThresholdCluster.keyDirectory) }
        let info = try! ThresholdKeyGeneration.generate(
            .test, threshold: try! ThresholdParameters(parties: 4, threshold: 1, ringDegree: .eight), directory: dir,
            randomness: try! .seeded([UInt8](repeating: 0x44, count: 16)))
        let signers = (1...4).map { i in KMSSigner(key: try! Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: UInt8(0x20 + i), count: 32))) }
        let files = (1...4).map { dir.appendingPathComponent("signer-\($0).key") }
        for (s, f) in zip(signers, files) { try! s.save(to: f) }
        return Keys(directory: dir, info: info, signers: signers, signerFiles: files)
    }()

    /// The `kmsctl` binary beside the test bundle.
    static var kmsctl: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("kmsctl")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("kmsctl")
    }

    /// Starts `kmsctl party serve` for party `id` on a free port; returns the process and port.
    static func startParty(_ id: Int, tls: [String] = []) async throws -> (PartyProcess, Int) {
        let process = try PartyProcess(["party", "serve", "--party", keys.party(id).path, "--signer", keys.signerFiles[id - 1].path,
                                        "--party-signers", keys.partySignersArgument, "--listen", "127.0.0.1:0"] + tls)
        let line = await process.firstLine()
        guard let line, line.hasPrefix("listening on 127.0.0.1:"), let port = Int(line.dropFirst("listening on 127.0.0.1:".count)) else {
            process.stop()
            throw RPCError(code: .internalError, message: "party \(id) did not start: \(line ?? "(no line)"); \(process.stderr)")
        }
        return (process, port)
    }

    /// Starts the four parties at once.
    static func startParties(tls: [String] = []) async throws -> [(PartyProcess, Int)] {
        try await withThrowingTaskGroup(of: (Int, PartyProcess, Int).self) { group in
            for id in 1...4 { group.addTask { let (p, port) = try await startParty(id, tls: tls); return (id, p, port) } }
            var out: [Int: (PartyProcess, Int)] = [:]
            for try await (id, p, port) in group { out[id] = (p, port) }
            return (1...4).map { out[$0]! }
        }
    }

    /// Runs an in-process threshold core over `ports` (party-id order), gives `body` a client.
    static func withCore<T: Sendable>(ports: [Int], tls: PartyTLS? = nil, partyTimeout: Duration = .seconds(20),
                                      partySigners: [EthereumAddress] = keys.addresses,
                                      _ body: @Sendable (Kms_CoreServiceEndpoint.Client<HTTP2ClientTransport.Posix>) async throws -> T) async throws -> T {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kms-threshold-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let configuration = ThresholdCoreConfiguration(publicKeys: keys.directory,
                                                       parties: ports.map { ServiceAddress(host: "127.0.0.1", port: $0) },
                                                       partySigners: partySigners, tls: tls, partyTimeout: partyTimeout)
        let server = try KMSServer(threshold: configuration, host: "127.0.0.1", port: 0, stateDirectory: state)
        let running = Task { try await server.run() }
        do {
            let port = try await server.listeningPort
            let result = try await withGRPCClient(
                transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
            ) { client in try await body(Kms_CoreServiceEndpoint.Client(wrapping: client)) }
            server.shutDown()
            try await stopped(running)
            return result
        } catch {
            server.shutDown()
            _ = try? await stopped(running)
            throw error
        }
    }

    // MARK: Requests

    /// A native ciphertext of `value` under the threshold public key.
    static func ciphertext(_ value: ClearValue) throws -> [UInt8] {
        let (keyID, publicKey) = try KeyStore(directory: keys.directory).loadPublicKey()
        return try CiphertextFile(keyID: keyID, ciphertext: publicKey.encrypt(value)).encoded()
    }

    /// A signed decryption of `values` (handles, the KMSVerifier domain, the ACL address).
    static func decryption(_ values: [ClearValue]) throws -> Kms_DecryptionRequest {
        let inputs = try values.enumerated().map { i, v in
            DecryptionInput(type: v.type, ciphertext: try ciphertext(v), handle: try FheHandle(bytes: ServiceFixture.handle(v.type, UInt8(i + 1))))
        }
        let domain = try EIP712Domain(proto: ServiceFixture.domain, field: "domain")
        return ServiceRequests.decryption(id: ServiceRequests.randomRequestID(), key: keys.info.keyID, ciphertexts: inputs,
                                          domain: domain, aclAddress: ServiceFixture.acl)
    }

    /// Decrypt then poll.
    static func decrypt(_ request: Kms_DecryptionRequest,
                        _ kms: Kms_CoreServiceEndpoint.Client<HTTP2ClientTransport.Posix>) async throws -> Kms_DecryptionResponse {
        _ = try await kms.decrypt(request)
        return try await pollResult { try await kms.getDecryptResult(request.requestID) }
    }
}

/// A `kmsctl party serve` process.
typealias PartyProcess = ChildProcess

extension ChildProcess {
    /// Starts `kmsctl` with `arguments`.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    convenience init(_ arguments: [String]) throws { try self.init(ThresholdCluster.kmsctl, arguments) }
}
