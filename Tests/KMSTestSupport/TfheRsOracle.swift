import Foundation
import XCTest

/// Runs `../shared/tools/tfhe_rs_oracle.py`: real tfhe-rs 1.x (the revision bundled by PyPI's
/// concrete-ml-extensions) making keys, encrypting, and decrypting files written by this library.
///
/// The oracle makes its own Python venv on first use (PyPI). Where Python, pip or the network is
/// missing, tests calling it skip saying why; CI sets `SWIFTKMS_REQUIRE_ORACLE=1`, which turns
/// the skip into a failure, so interop is proven on every CI run.
public enum TfheRsOracle {
    /// The oracle script beside the package root.
    public static var script: URL {
        SharedVectors.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/tfhe_rs_oracle.py")
    }

    /// Whether a failure to run the oracle must fail the test (CI) rather than skip it.
    public static var required: Bool { ProcessInfo.processInfo.environment["SWIFTKMS_REQUIRE_ORACLE"] == "1" }

    /// Runs the oracle with `arguments` and returns its standard output.
    public static func run(_ arguments: [String]) throws -> String {
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw skipOrFail("the tfhe-rs oracle \(script.path) is missing (../shared beside the package root)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        // stderr goes to a file so neither stream can fill a pipe and block the oracle.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? errHandle.close() }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        do { try process.run() } catch { throw skipOrFail("cannot start python3 for the tfhe-rs oracle: \(error)") }
        // A run that outlives the bound is killed, which also ends the read below.
        let watchdog = process.killAfter(.seconds(900))
        defer { watchdog.cancel() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        guard process.waitForExit(within: .seconds(60)) else {
            process.killAndWait()
            throw OracleFailure(message: "tfhe_rs_oracle.py \(arguments.first ?? "") closed its output but did not exit")
        }
        let stderr = (try? Data(contentsOf: errURL)) ?? Data()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: stderr, as: UTF8.self)
            // A venv that cannot be made (no network, no pip) is "cannot run"; anything else is a failure.
            if text.contains("pip") || text.contains("venv") || text.contains("No module named") {
                throw skipOrFail("the tfhe-rs oracle cannot run here: \(text.suffix(300))")
            }
            throw OracleFailure(message: "tfhe_rs_oracle.py \(arguments.first ?? "") failed: \(text.suffix(500))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    /// Keys made by tfhe-rs: `client_key.bin`, `server_key.bin` (≈131 MB) and `params.json` in a
    /// temporary directory, made once per test process (key generation takes a few seconds).
    public static func keys() throws -> URL {
        try generatedKeys.get()
    }

    private static let generatedKeys: Result<URL, Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tfhe-rs-oracle-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try run(["keygen", dir.path])
        return dir
    }

    /// tfhe-rs encrypts `values` as a `Vec<type>` file (`u8`, `i8`, `u16`, `i16`, `u64`) under
    /// `clientKey`, written to `file`.
    public static func encrypt(clientKey: String, type: String, values: [Int128], to file: String) throws {
        _ = try run(["encrypt", "--client-key", clientKey, "--type", type,
                     "--values=" + values.map(String.init).joined(separator: ","), "--out", file])
    }

    /// Real tfhe-rs's decryption of a `Vec<FheUintN|FheIntN>` file, as integers.
    public static func decrypt(clientKey: String, type: String, file: String) throws -> [Int128] {
        let text = try run(["decrypt", "--client-key", clientKey, "--type", type, "--in", file])
        let cleaned = text.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !cleaned.isEmpty else { return [] }
        return try cleaned.split(separator: ",").map { part in
            guard let v = Int128(part.trimmingCharacters(in: .whitespaces)) else { throw OracleFailure(message: "unexpected oracle output \(text)") }
            return v
        }
    }

    static func skipOrFail(_ why: String) -> Error {
        required ? OracleFailure(message: why) : XCTSkip(why)
    }

    /// The oracle could not do what was asked.
    public struct OracleFailure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
