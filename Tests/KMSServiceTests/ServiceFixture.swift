import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import KMSCore
import KMSTestSupport
import XCTest
@testable import KMSService

/// A key set of the insecure `test` parameters, a signer, and servers on 127.0.0.1 port 0 with a
/// state directory of the test's own.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct ServiceFixture: Sendable {
    static let keySet = try! KeySet.generate(.test, randomness: .seeded([UInt8](repeating: 0x5a, count: 16)))
    static let signer = KMSSigner(key: try! Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 0x11, count: 32)))
    static let acl = try! EthereumAddress(parsing: "0x339EcE85B9E11a3A3AA557582784a15d7F82AAf2")
    static let kmsVerifier = try! EthereumAddress(parsing: "0x208De73316E44722e16f6dDFF40881A3e4F86104")

    let stateDirectory: URL

    init() {
        stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kms-service-\(UUID().uuidString)")
    }

    func remove() { try? FileManager.default.removeItem(at: stateDirectory) }

    /// Runs a server on a free port, gives `body` a client of it, then shuts the server down.
    func withServer<T: Sendable>(limits: ServiceLimits = ServiceLimits(),
                                 _ body: @Sendable (Kms_CoreServiceEndpoint.Client<HTTP2ClientTransport.Posix>,
                                                    GRPCClient<HTTP2ClientTransport.Posix>) async throws -> T) async throws -> T {
        try await withServerPort(limits: limits) { port in
            try await withGRPCClient(
                transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
            ) { client in
                try await body(Kms_CoreServiceEndpoint.Client(wrapping: client), client)
            }
        }
    }

    /// Runs a server on a free port of 127.0.0.1, gives `body` the port, then shuts the server down.
    func withServerPort<T: Sendable>(limits: ServiceLimits = ServiceLimits(),
                                     _ body: @Sendable (Int) async throws -> T) async throws -> T {
        let server = try KMSServer(keySet: Self.keySet, signer: Self.signer, host: "127.0.0.1", port: 0,
                                   stateDirectory: stateDirectory, limits: limits)
        let running = Task { try await server.run() }
        do {
            let result = try await body(try await server.listeningPort)
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

    static func requestID(_ n: UInt8) -> Kms_RequestId {
        .with { $0.requestID = String(repeating: String(format: "%02x", n), count: 20) }
    }

    static var keyID: Kms_RequestId { .with { $0.requestID = keySet.keyID.hex } }

    /// A 32-byte handle of `type` (byte 30 = type code).
    static func handle(_ type: FheType, _ n: UInt8) -> [UInt8] {
        var h = [UInt8](repeating: n, count: 32)
        h[29] = 0
        h[30] = type.code
        h[31] = 0
        return h
    }

    /// A native ciphertext file of `value` under the fixture key.
    static func ciphertext(_ value: ClearValue) throws -> Data {
        let ct = keySet.clientKey.encrypt(value, randomness: try .seeded([UInt8](repeating: 3, count: 16)))
        return Data(try CiphertextFile(keyID: keySet.keyID, ciphertext: ct).encoded())
    }

    static var domain: Kms_Eip712DomainMsg {
        .with {
            $0.name = "KMSVerifier"
            $0.version = "1"
            var chain = [UInt8](repeating: 0, count: 32)
            chain[30] = 0x30
            chain[31] = 0x39   // 12345
            $0.chainID = Data(chain)
            $0.verifyingContract = kmsVerifier.checksummed
        }
    }

    /// A decryption of `values` with handles, the KMSVerifier domain and the ACL address.
    static func decryption(id: UInt8, values: [ClearValue]) throws -> Kms_DecryptionRequest {
        let cts = try values.enumerated().map { i, v in
            try Kms_TypedCiphertext.with {
                $0.ciphertext = try ciphertext(v)
                $0.fheType = v.type.proto
                $0.externalHandle = Data(handle(v.type, UInt8(i + 1)))
            }
        }
        return .with {
            $0.version = 1
            $0.ciphertexts = cts
            $0.keyID = keyID
            $0.domain = domain
            $0.aclAddress = acl.checksummed
            $0.requestID = requestID(id)
        }
    }
}

/// Awaits a server's run task after its shutdown was asked for, at most 60 s: a server that does
/// not stop fails the test instead of holding the test run.
func stopped(_ running: Task<Void, any Error>) async throws {
    guard try await value(of: running, within: .seconds(60)) != nil else {
        throw RPCError(code: .deadlineExceeded, message: "the server did not stop within 60 s of its shutdown")
    }
}

/// Polls until the answer is not UNAVAILABLE (at most about 20 s).
func pollResult<T: Sendable>(_ call: @Sendable () async throws -> T) async throws -> T {
    for _ in 0..<400 {
        do { return try await call() } catch let error as RPCError where error.code == .unavailable {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
    throw RPCError(code: .deadlineExceeded, message: "still running after 20 s")
}

/// Asserts that `call` fails with `code`.
func assertStatus<T>(_ code: RPCError.Code, _ call: () async throws -> T,
                     file: StaticString = #filePath, line: UInt = #line) async {
    do {
        _ = try await call()
        XCTFail("expected \(code), got a response", file: file, line: line)
    } catch let error as RPCError {
        XCTAssertEqual(error.code, code, "\(error.message)", file: file, line: line)
    } catch {
        XCTFail("expected \(code), got \(error)", file: file, line: line)
    }
}
