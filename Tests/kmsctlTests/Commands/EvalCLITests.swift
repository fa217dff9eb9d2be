import Foundation
import XCTest
import KMSCore

/// `kmsctl keygen` (server key), `eval`, `key export`/`import --server-key` and `bench`, run as
/// scripts run them (test parameters: fast, insecure).
final class EvalCLITests: XCTestCase {
    private func ok(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    func testKeygenWritesAServerKeyThatEvalComputesWith() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys").path
        _ = try ok(["keygen", "--params", "test", "--out", keys])
        XCTAssertTrue(KeyStore(directory: URL(fileURLWithPath: keys)).hasServerKey)
        func ct(_ name: String) -> String { tmp.appendingPathComponent(name).path }
        _ = try ok(["encrypt", "--keys", keys, "--with", "secret", "--type", "euint8", "--value", "200", "--out", ct("a")])
        _ = try ok(["encrypt", "--keys", keys, "--type", "euint8", "--value", "100", "--out", ct("b")]) // public key: a compact list
        let cases: [([String], String)] = [
            (["--op", "add", "--lhs", ct("a"), "--rhs", ct("b")], "44"),
            (["--op", "sub", "--lhs", ct("a"), "--rhs", ct("b")], "100"),
            (["--op", "mul", "--lhs", ct("a"), "--scalar", "3"], "88"),
            (["--op", "xor", "--lhs", ct("a"), "--scalar", "255"], "55"),
            (["--op", "lt", "--lhs", ct("b"), "--rhs", ct("a")], "1"),
            (["--op", "eq", "--lhs", ct("a"), "--scalar", "200"], "1"),
        ]
        for (i, (args, expected)) in cases.enumerated() {
            _ = try ok(["eval", "--keys", keys, "--out", ct("r\(i)")] + args)
            XCTAssertEqual(try ok(["decrypt", "--keys", keys, "--ct", ct("r\(i)")]), expected + "\n", args.joined(separator: " "))
        }
        // Results feed further evaluations.
        _ = try ok(["eval", "--keys", keys, "--op", "add", "--lhs", ct("r0"), "--rhs", ct("r2"), "--out", ct("chain")])
        XCTAssertEqual(try ok(["decrypt", "--keys", keys, "--ct", ct("chain")]), "132\n")
        // tfhe-rs inputs stay tfhe-rs values of the same layout.
        _ = try ok(["encrypt", "--keys", keys, "--with", "secret", "--format", "tfhe-rs", "--tfhe-rs-version", "1.4",
                    "--type", "euint16", "--value", "1000", "--out", ct("t")])
        _ = try ok(["eval", "--keys", keys, "--op", "add", "--lhs", ct("t"), "--scalar", "24", "--type", "euint16", "--out", ct("t2")])
        XCTAssertTrue(try ok(["key", "inspect", ct("t2")]).contains("high_level_api::FheUint"))
        XCTAssertEqual(try ok(["decrypt", "--keys", keys, "--ct", ct("t2")]), "1024\n")
        // A tfhe-rs compact list (fhevmjs input) gives a tfhe-rs FheUint result.
        _ = try ok(["encrypt", "--keys", keys, "--format", "tfhe-rs", "--type", "euint8", "--value", "77", "--out", ct("list")])
        _ = try ok(["eval", "--keys", keys, "--op", "add", "--lhs", ct("list"), "--scalar", "3", "--out", ct("list2")])
        XCTAssertTrue(try ok(["key", "inspect", ct("list2")]).contains("\"kind\":\"FheUint\""))
        XCTAssertEqual(try ok(["decrypt", "--keys", keys, "--ct", ct("list2")]), "80\n")
        // Refusals: both or neither right operand, an unknown operation, no server key.
        XCTAssertNotEqual(try CLI.run(["eval", "--keys", keys, "--op", "add", "--lhs", ct("a"), "--out", ct("x")]).status, 0)
        XCTAssertNotEqual(try CLI.run(["eval", "--keys", keys, "--op", "pow", "--lhs", ct("a"), "--scalar", "1", "--out", ct("x")]).status, 0)
        let bare = tmp.appendingPathComponent("bare").path
        _ = try ok(["keygen", "--params", "test", "--no-server-key", "--out", bare])
        XCTAssertFalse(KeyStore(directory: URL(fileURLWithPath: bare)).hasServerKey)
        let r = try CLI.run(["eval", "--keys", bare, "--op", "add", "--lhs", ct("a"), "--scalar", "1", "--out", ct("x")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("not found"), r.stderr)
    }

    func testExportedServerKeyImportsWithItsClientKeyAndComputes() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys").path, out = tmp.appendingPathComponent("tfhe").path
        _ = try ok(["keygen", "--params", "test", "--out", keys])
        _ = try ok(["key", "export", "--keys", keys, "--format", "tfhe-rs", "--tfhe-rs-version", "1.0", "--out", out])
        let sk = out + "/server_key.bin"
        XCTAssertTrue(FileManager.default.fileExists(atPath: sk))
        XCTAssertTrue(try ok(["key", "inspect", sk]).contains("high_level_api::ServerKey"))
        let again = tmp.appendingPathComponent("again").path
        _ = try ok(["key", "import", "--client-key", out + "/client_key.bin", "--public-key", out + "/public_key.bin",
                    "--server-key", sk, "--out", again])
        let a = tmp.appendingPathComponent("a").path, s = tmp.appendingPathComponent("s").path
        _ = try ok(["encrypt", "--keys", again, "--with", "secret", "--type", "euint8", "--value", "7", "--out", a])
        _ = try ok(["eval", "--keys", again, "--op", "mul", "--lhs", a, "--rhs", a, "--out", s])
        XCTAssertEqual(try ok(["decrypt", "--keys", again, "--ct", s]), "49\n")
    }

    func testSquashedValuesDecryptWithTheNoiseSquashingKey() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys").path
        _ = try ok(["keygen", "--params", "test", "--noise-squashing", "--out", keys])
        XCTAssertTrue(KeyStore(directory: URL(fileURLWithPath: keys)).hasNoiseSquashingKey)
        XCTAssertTrue(KeyStore(directory: URL(fileURLWithPath: keys)).hasNoiseSquashingPublicKey)
        XCTAssertTrue(KeyStore(directory: URL(fileURLWithPath: keys)).hasNoiseSquashingCompressionKey)
        func path(_ name: String) -> String { tmp.appendingPathComponent(name).path }
        for (type, value, with) in [("euint16", "4242", "public"), ("euint8", "255", "secret"), ("ebool", "1", "secret"), ("euint4", "9", "public")] {
            _ = try ok(["encrypt", "--keys", keys, "--with", with, "--type", type, "--value", value, "--out", path("\(type).ct")])
            _ = try ok(["squash", "--keys", keys, "--ct", path("\(type).ct"), "--out", path("\(type).sq")])
            XCTAssertTrue(try ok(["key", "inspect", path("\(type).sq")]).contains("\"squashed_noise\":true"))
            XCTAssertEqual(try ok(["decrypt", "--keys", keys, "--ct", path("\(type).sq")]), value + "\n", type)
            // Packed by the stored compression key into a CompressedSquashedNoiseCiphertextList.
            _ = try ok(["squash", "--keys", keys, "--ct", path("\(type).ct"), "--compress", "--out", path("\(type).sql")])
            XCTAssertTrue(try ok(["key", "inspect", path("\(type).sql")]).contains("CompressedSquashedNoiseCiphertextList"))
            XCTAssertEqual(try ok(["decrypt", "--keys", keys, "--ct", path("\(type).sql")]), value + "\n", type)
        }
        // A squashed result of an evaluation.
        _ = try ok(["eval", "--keys", keys, "--op", "mul", "--lhs", path("euint8.ct"), "--scalar", "3", "--out", path("m.ct")])
        let squash = try CLI.run(["squash", "--keys", keys, "--ct", path("m.ct"), "--out", path("m.sq")])
        XCTAssertEqual(squash.status, 0, squash.stderr)
        XCTAssertTrue(squash.stderr.contains("squashing key loaded"), squash.stderr)   // the stored public key, not regenerated
        XCTAssertEqual(try ok(["decrypt", "--keys", keys, "--ct", path("m.sq")]), "253\n")
        // The noise-squashing key exported in tfhe-rs's standard (Fourier128) form.
        _ = try ok(["key", "export", "--keys", keys, "--out", path("export"), "--noise-squashing-key"])
        XCTAssertTrue(try ok(["key", "inspect", path("export/noise_squashing_key.bin")]).contains("integer::NoiseSquashingKey"))
        // Without a noise-squashing key: a clear error.
        let plain = tmp.appendingPathComponent("plain").path
        _ = try ok(["keygen", "--params", "test", "--out", plain])
        let r = try CLI.run(["squash", "--keys", plain, "--ct", path("euint8.ct"), "--out", path("x")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertNotEqual(try CLI.run(["keygen", "--params", "test", "--no-server-key", "--noise-squashing", "--out", path("k")]).status, 0)
    }

    func testBenchPrintsJSONMedians() throws {
        let pbs = try JSONSerialization.jsonObject(with: Data(try ok(["bench", "pbs", "--params", "test", "--runs", "3"]).utf8)) as? [String: Double]
        XCTAssertEqual(pbs?["runs"], 3)
        XCTAssertGreaterThan(pbs?["pbs_ms_median"] ?? 0, 0)
        XCTAssertGreaterThan(pbs?["ks_ms_median"] ?? 0, 0)
        let keygen = try JSONSerialization.jsonObject(with: Data(try ok(["bench", "keygen", "--params", "test", "--lwe-dimension", "12",
                                                                          "--runs", "1"]).utf8)) as? [String: Double]
        XCTAssertGreaterThan(keygen?["keygen_ms_median"] ?? 0, 0)
        XCTAssertGreaterThan(keygen?["server_key_bytes"] ?? 0, 0)
        XCTAssertNotEqual(try CLI.run(["bench", "pbs", "--params", "test", "--polynomial-size", "1000"]).status, 0)
        // Each squashed block is decrypted and checked before its time counts.
        let squash = try JSONSerialization.jsonObject(with: Data(try ok(["bench", "squash", "--params", "test", "--runs", "2"]).utf8))
            as? [String: Double]
        XCTAssertEqual(squash?["runs"], 2)
        XCTAssertGreaterThan(squash?["squash_block_ms_median"] ?? 0, 0)
        XCTAssertGreaterThan(squash?["noise_squashing_keygen_ms"] ?? 0, 0)
        XCTAssertGreaterThan(squash?["noise_squashing_compression_keygen_ms"] ?? 0, 0)
        XCTAssertGreaterThan(squash?["compress_block_ms_median"] ?? 0, 0)
        XCTAssertGreaterThan(squash?["compress_full_glwe_ms"] ?? 0, 0)
        XCTAssertEqual(squash?["blocks_per_glwe"], 32)
        XCTAssertNotEqual(try CLI.run(["bench", "squash", "--params", "nope"]).status, 0)
    }
}
