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
        let root = try ChainVectors.modelBased(file)
        let initial = root.initial
        let initialNext = initial.nextValidatorSet
        var trusted = LightBlock(signedHeader: initial.signedHeader, validators: initialNext, nextValidators: initialNext)
        let periodNs = try XCTUnwrap(Int64(initial.trustingPeriod), "trusting_period")
        let verifier = Verifier(options: VerificationOptions(trustThreshold: .oneThird, trustingPeriod: .nanoseconds(periodNs),
                                                             clockDrift: .zero, trustedSetRule: .nextValidators))
        var outcome = Outcome()
        for (step, input) in root.input.enumerated() {
            let expected = input.verdict
            let block = input.block
            let now = try Timestamp(rfc3339: input.now)
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
            for input in try ChainVectors.modelBased(file).input {
                let block = input.block
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
