import Foundation
import KMSCore
import KMSTestSupport
import XCTest
@testable import KMSService

/// A client that is not ours: `Scripts/grpc_python_client.py` (Python grpcio, stubs generated at
/// test time from `Protos/`) decrypts an euint8 and checks the plaintext bytes, and gets
/// INVALID_ARGUMENT for a malformed request id.
///
/// Its venv (PyPI grpcio + grpcio-tools) is made once in `~/.cache/swiftkms-grpc-python`. Without
/// python3, venv or PyPI the test skips saying why; with `SWIFTKMS_REQUIRE_GRPC_PYTHON=1` (CI) it fails.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class PythonClientTests: XCTestCase {
    typealias F = ServiceFixture

    static var script: URL { SharedVectors.packageRoot.appendingPathComponent("Scripts/grpc_python_client.py") }
    static var required: Bool { ProcessInfo.processInfo.environment["SWIFTKMS_REQUIRE_GRPC_PYTHON"] == "1" }

    func testPythonGRPCClientDecryptsAnEuint8() async throws {
        let setup = try? await PythonScript.run(Self.script, ["setup"])
        guard let setup, setup.status == 0 else {
            let why = "Python grpcio is unavailable here (python3, venv or PyPI): \(setup?.stderr.suffix(400) ?? "no python3")"
            if Self.required { return XCTFail(why) }
            throw XCTSkip(why)
        }
        let fixture = F()
        defer { fixture.remove() }
        let value = try ClearValue(type: .euint8, 201)
        let ciphertext = fixture.stateDirectory.appendingPathComponent("euint8.ct")
        try FileManager.default.createDirectory(at: fixture.stateDirectory, withIntermediateDirectories: true)
        try F.ciphertext(value).write(to: ciphertext)
        let expected = KMSPlaintext(value).bincode.map { String(format: "%02x", $0) }.joined()
        let result = try await fixture.withServerPort { port in
            try await PythonScript.run(Self.script, [
                "check", "--target", "127.0.0.1:\(port)",
                "--protos", SharedVectors.packageRoot.appendingPathComponent("Protos").path,
                "--key-id", F.keySet.keyID.hex, "--ciphertext", ciphertext.path,
                "--fhe-type", "\(FheType.euint8.code)", "--expect-plaintext", expected,
            ])
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "ok\n", result.stderr)
    }
}

/// Runs a Python script with python3 without blocking a concurrency thread; output through files.
enum PythonScript {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ script: URL, _ arguments: [String]) async throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        // Killed if it is still running after 5 minutes (a client that hangs fails its test).
        let watchdog = process.killAfter(.seconds(300))
        defer { watchdog.cancel() }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(status: status, stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }
}
