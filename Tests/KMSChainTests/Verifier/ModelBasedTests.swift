import XCTest
@testable import KMSChain

/// The 41 model-based single-step files of tendermint-rs, run with the upstream harness
/// semantics (trust 1/3, zero clock drift, trusting period from the file; the initial trusted
/// block uses `initial.next_validator_set` for both its sets; the trusted block advances only on
/// SUCCESS; skipping trust is measured against the trusted block's next validators).
final class ModelBasedTests: XCTestCase {
    struct Outcome {
        var total = 0
        var byVerdict: [String: Int] = [:]
        var mismatches: [String] = []
    }

    static func run(file: String) throws -> Outcome {
        let root = try ChainVectors.object(ChainVectors.mbtDirectory + "/" + file)
        let initial = root.dict("initial")
        let initialNext = try ChainVectors.decode(ValidatorSet.self, initial["next_validator_set"] as Any)
        var trusted = LightBlock(signedHeader: try ChainVectors.decode(SignedHeader.self, initial["signed_header"] as Any),
                                 validators: initialNext, nextValidators: initialNext)
        let periodNs = try XCTUnwrap(Int64(initial.string("trusting_period")), "trusting_period")
        let verifier = Verifier(options: VerificationOptions(trustThreshold: .oneThird, trustingPeriod: .nanoseconds(periodNs),
                                                             clockDrift: .zero, trustedSetRule: .nextValidators))
        var outcome = Outcome()
        let inputs = root.array("input").compactMap { $0 as? [String: Any] }
        for (step, input) in inputs.enumerated() {
            let expected = input.string("verdict")
            let block = try ChainVectors.decode(LightBlock.self, input["block"] as Any)
            let now = try Timestamp(rfc3339: input.string("now"))
            let verdict = verifier.verify(untrusted: block, trusted: trusted, now: now)
            outcome.total += 1
            outcome.byVerdict[expected, default: 0] += 1
            if verdict.name != expected {
                outcome.mismatches.append("\(file) step \(step) (h\(trusted.height)→h\(block.height)): expected \(expected), got \(verdict)")
            }
            if case .success = verdict { trusted = block }
        }
        return outcome
    }

    func testAllVerdictsMatch() throws {
        let files = try ChainVectors.mbtFiles()
        XCTAssertEqual(files.count, 41)
        var all = Outcome()
        for file in files {
            let o = try Self.run(file: file)
            all.total += o.total
            all.mismatches += o.mismatches
            for (k, v) in o.byVerdict { all.byVerdict[k, default: 0] += v }
        }
        XCTAssertEqual(all.total, 99)
        XCTAssertEqual(all.byVerdict, ["SUCCESS": 44, "NOT_ENOUGH_TRUST": 42, "INVALID": 13])
        XCTAssertEqual(all.mismatches, [], all.mismatches.joined(separator: "\n"))
    }

    /// Each file decodes (tolerant JSON: unsorted validators, `last_block_id: null`,
    /// `part_set_header`, absent votes with 1970 timestamps, `signatures: null`, `provider`).
    func testEveryBlockDecodesAndHashes() throws {
        var blocks = 0
        for file in try ChainVectors.mbtFiles() {
            let root = try ChainVectors.object(ChainVectors.mbtDirectory + "/" + file)
            for case let input as [String: Any] in root.array("input") {
                let block = try ChainVectors.decode(LightBlock.self, input["block"] as Any)
                blocks += 1
                if !block.validators.isEmpty {
                    XCTAssertEqual(block.validators.hash(), block.signedHeader.header.validatorsHash, file)
                    XCTAssertEqual(block.signedHeader.header.hash(), block.signedHeader.commit.blockID.hash, file)
                }
            }
        }
        XCTAssertEqual(blocks, 99)
    }
}
