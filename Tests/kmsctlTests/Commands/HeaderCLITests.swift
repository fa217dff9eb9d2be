import Foundation
import KMSTestSupport
import XCTest

/// The chain vectors with their blocks kept as JSON: the tests only write them to files for
/// `kmsctl` to read (kmsctlTests does not link KMSChain).
enum RawChainJSON: CometBFTChainTypes {
    typealias LightBlock = JSONTree
    typealias SignedHeader = JSONTree
    typealias ValidatorSet = JSONTree
    typealias Header = JSONTree
    typealias BlockID = JSONTree
}

/// `kmsctl header verify | sync | hash` on the synthetic chain and the known-hash header.
final class HeaderCLITests: XCTestCase {
    private static let now = "2024-01-01T01:02:40Z"

    /// Writes the synthetic chain's light blocks as `<height>.json` into a fresh directory.
    private func writeChain() throws -> (dir: URL, root: CometBFTSyntheticChain<RawChainJSON>) {
        let root: CometBFTSyntheticChain<RawChainJSON> = try SharedVectors.decode(CometBFTVectorPaths.syntheticChain)
        let dir = try CLI.temporaryDirectory(self)
        for (i, b) in root.lightBlocks.enumerated() {
            try b.encoded().write(to: dir.appendingPathComponent("\(i + 1).json"))
        }
        return (dir, root)
    }

    private func path(_ dir: URL, _ h: Int) -> String { dir.appendingPathComponent("\(h).json").path }

    private func verdict(_ text: String) throws -> HeaderVerdictOutput {
        try CLIOutput.decode(HeaderVerdictOutput.self, text)
    }

    func testVerifySuccessNotEnoughTrustAndInvalid() throws {
        let (dir, _) = try writeChain()
        let common = ["--now", Self.now, "--trusting-period", "336h", "--json"]

        let ok = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", path(dir, 4)] + common)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let okJSON = try verdict(ok.stdout)
        XCTAssertEqual(okJSON.verdict, "SUCCESS")
        XCTAssertTrue(okJSON.error.isNull)
        XCTAssertEqual(okJSON.height, "4")

        let net = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", path(dir, 5)] + common)
        XCTAssertEqual(net.status, 3, net.stdout + net.stderr)
        let netJSON = try verdict(net.stdout)
        XCTAssertEqual(netJSON.verdict, "NOT_ENOUGH_TRUST")
        XCTAssertTrue(netJSON.error.wrapped?.contains("15 of 45") ?? false, net.stdout)

        // Tamper with block 4's app hash: its header no longer matches the commit.
        var block = try JSONDecoder().decode(JSONTree.self, from: Data(contentsOf: dir.appendingPathComponent("4.json")))
        XCTAssertNotNil(block[path: ["signed_header", "header", "app_hash"]]?.string)
        block[path: ["signed_header", "header", "app_hash"]] = .string("00")
        let tampered = dir.appendingPathComponent("tampered.json")
        try block.encoded().write(to: tampered)
        let bad = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", tampered.path] + common)
        XCTAssertEqual(bad.status, 4)
        let badJSON = try verdict(bad.stdout)
        XCTAssertEqual(badJSON.verdict, "INVALID")
        XCTAssertTrue(badJSON.error.wrapped?.contains("does not match commit block ID hash") ?? false, bad.stdout)

        // Human-readable form.
        let text = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", path(dir, 2),
                                "--now", Self.now, "--trusting-period", "336h"])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.hasPrefix("SUCCESS"), text.stdout)
    }

    func testVerifyDefaultsAndOptions() throws {
        let (dir, _) = try writeChain()
        // Default --now is the system clock: the 2024 trusted header is older than the default 168h.
        let expired = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", path(dir, 2), "--json"])
        XCTAssertEqual(expired.status, 4)
        XCTAssertTrue(expired.stdout.contains("expired"), expired.stdout)
        // Explicit trust level, period and drift: 1 → 3 is signed by the whole trusted set (45 of 45 > 2/3).
        let strict = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", path(dir, 3), "--now", Self.now,
                                  "--trusting-period", "1h30m", "--trust-level", "2/3", "--clock-drift", "500ms"])
        XCTAssertEqual(strict.status, 0, strict.stdout + strict.stderr)
        // Header 4 is from the future when now is 11 s before it and the drift is 10 s.
        let future = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", path(dir, 4),
                                  "--now", "2024-01-01T00:00:29Z", "--trusting-period", "336h", "--json"])
        XCTAssertEqual(future.status, 4)
        XCTAssertTrue(future.stdout.contains("not before now"), future.stdout)
    }

    func testVerifyUsageErrors() throws {
        let (dir, _) = try writeChain()
        let base = ["header", "verify", "--trusted", path(dir, 1), "--untrusted", path(dir, 2), "--now", Self.now]
        for extra in [["--trusting-period", "two weeks"], ["--trusting-period", "0s"], ["--clock-drift", "-1s"],
                      ["--trust-level", "1/4"], ["--trust-level", "x"], ["--now", "yesterday"]] {
            let r = try CLI.run(base + extra)
            XCTAssertEqual(r.status, 64, "\(extra): \(r.stderr)")
        }
        let missing = try CLI.run(["header", "verify", "--trusted", dir.appendingPathComponent("nope.json").path,
                                   "--untrusted", path(dir, 2), "--now", Self.now])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("trusted light block"), missing.stderr)
        // A malformed untrusted block is a verdict: INVALID.
        let junk = dir.appendingPathComponent("junk.json")
        try Data("{\"signed_header\": 7}".utf8).write(to: junk)
        let r = try CLI.run(["header", "verify", "--trusted", path(dir, 1), "--untrusted", junk.path, "--now", Self.now,
                             "--trusting-period", "336h", "--json"])
        XCTAssertEqual(r.status, 4)
        XCTAssertTrue(r.stdout.contains("\"INVALID\""), r.stdout)
    }

    func testSyncFromDirectoryWithStore() throws {
        let (dir, root) = try writeChain()
        let store = try CLI.temporaryDirectory(self)
        let r = try CLI.run(["header", "sync", "--trusted", path(dir, 1), "--target", "16", "--dir", dir.path,
                             "--store", store.path, "--now", Self.now, "--trusting-period", "336h"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertGreaterThan(lines.count, 1)
        let commit16 = try XCTUnwrap(root.lightBlocks[15][path: ["signed_header", "commit", "block_id", "hash"]]?.string)
        XCTAssertEqual(lines.last, "16 \(commit16)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.appendingPathComponent("16.json").path))

        // A second run resumes from the store: nothing left to verify.
        let again = try CLI.run(["header", "sync", "--trusted", path(dir, 1), "--target", "16", "--dir", dir.path,
                                 "--store", store.path, "--now", Self.now, "--trusting-period", "336h"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "")
        XCTAssertTrue(again.stderr.contains("resuming from stored height 16"), again.stderr)
    }

    func testSyncFailures() throws {
        let (dir, _) = try writeChain()
        let base = ["header", "sync", "--trusted", path(dir, 1), "--now", Self.now, "--trusting-period", "336h"]
        XCTAssertEqual(try CLI.run(base + ["--target", "16"]).status, 64)                                   // no source
        XCTAssertEqual(try CLI.run(base + ["--target", "16", "--dir", dir.path, "--rpc", "http://x"]).status, 64)
        XCTAssertEqual(try CLI.run(base + ["--target", "16", "--rpc", "ftp://x"]).status, 64)
        let unreachable = try CLI.run(base + ["--target", "16", "--rpc", "http://127.0.0.1:1"])
        XCTAssertEqual(unreachable.status, 1, unreachable.stderr)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("16.json"))
        let missing = try CLI.run(base + ["--target", "16", "--dir", dir.path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no light block at height 16"), missing.stderr)
    }

    func testHash() throws {
        let file = try SharedVectors.url("cometbft/tendermint-rs/tendermint/tests/support/serialization/block/header_with_known_hash.json")
        let r = try CLI.run(["header", "hash", "--header", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "F30A71F2409FB15AACAEDB6CC122DFA2525BEE9CAE521721B06BFDCA291B8D56\n")
        let stdin = try CLI.run(["header", "hash", "--header", "-"], stdin: String(decoding: try Data(contentsOf: file), as: UTF8.self))
        XCTAssertEqual(stdin.stdout, r.stdout)
        let bad = try CLI.run(["header", "hash", "--header", "-"], stdin: "{}")
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("missing key"), bad.stderr)
    }
}
