import Foundation
@testable import KMSPrimitives
import KMSTestSupport
import XCTest
@testable import KMSChain

final class LightClientTests: XCTestCase {
    /// Bisection 1 → 16 on the synthetic chain, for both trusted-set rules. The expected trace is
    /// computed by running the same schedule over the vector file's pairwise verdict oracle.
    func testBisectionOverSyntheticChain() async throws {
        let chain = try SyntheticChainTests.load()
        typealias Pair = CometBFTSyntheticChain<KMSChainTypes>.Pair
        for (rule, verdictOf) in [(TrustedSetRule.nextValidators, { (p: Pair) in p.verdictTrustingNextValidatorSet }),
                                  (.validators, { (p: Pair) in p.verdictTrustingValidatorSet })] {
            var oracle: [String: String] = [:]
            for p in chain.root.pairwise {
                oracle["\(p.trustedHeight)-\(p.untrustedHeight)"] = verdictOf(p)
            }
            var expected: [Int64] = []
            var trusted: Int64 = 1, current: Int64 = 16
            while trusted < 16 {
                if oracle["\(trusted)-\(current)"] == "SUCCESS" { trusted = current; expected.append(current) }
                current = Scheduler.next(trusted: trusted, current: current, target: 16)
            }

            var options = chain.options
            options.trustedSetRule = rule
            let provider = MemoryProvider(chain.blocks)
            let client = LightClient(verifier: Verifier(options: options), provider: provider)
            let trace = try await client.verify(to: 16, from: chain.block(1), now: chain.now)
            XCTAssertEqual(trace.map(\.height), expected, "\(rule)")
            XCTAssertEqual(trace.last?.height, 16)
            XCTAssertEqual(trace.last, chain.block(16))
            XCTAssertLessThan(trace.count, 15, "bisection should skip heights")
        }
    }

    func testTargetEqualOrBelowTrusted() async throws {
        let chain = try SyntheticChainTests.load()
        let client = LightClient(verifier: Verifier(options: chain.options), provider: MemoryProvider(chain.blocks))
        let none = try await client.verify(to: 8, from: chain.block(8), now: chain.now)
        XCTAssertEqual(none, [])
        let back = try await client.verify(to: 5, from: chain.block(8), now: chain.now)
        XCTAssertEqual(back.map(\.height), [7, 6, 5])
    }

    func testBackwardVerificationRejectsForgedHeader() async throws {
        let chain = try SyntheticChainTests.load()
        var blocks = chain.blocks
        blocks[6].signedHeader.header.appHash = [0xFF]          // height 7
        let client = LightClient(verifier: Verifier(options: chain.options), provider: MemoryProvider(blocks))
        do {
            _ = try await client.verify(to: 5, from: chain.block(8), now: chain.now)
            XCTFail("forged header accepted")
        } catch {
            guard case .backwardVerificationFailed(7, _) = error else { return XCTFail("\(error)") }
        }
    }

    func testInvalidIntermediateBlockStopsSync() async throws {
        let chain = try SyntheticChainTests.load()
        let clean = try await LightClient(verifier: Verifier(options: chain.options), provider: MemoryProvider(chain.blocks))
            .verify(to: 16, from: chain.block(1), now: chain.now)
        let intermediate = try XCTUnwrap(clean.first { $0.height != 16 }).height
        var blocks = chain.blocks
        blocks[Int(intermediate) - 1].signedHeader.commit.signatures[0].signature[5] ^= 1   // first (highest-power) signer
        let client = LightClient(verifier: Verifier(options: chain.options), provider: MemoryProvider(blocks))
        do {
            _ = try await client.verify(to: 16, from: chain.block(1), now: chain.now)
            XCTFail("invalid block accepted")
        } catch {
            guard case .verificationFailed(_, intermediate, .invalidSignature) = error else { return XCTFail("\(error)") }
        }
    }

    func testMissingBlockIsAProviderError() async throws {
        let chain = try SyntheticChainTests.load()
        let client = LightClient(verifier: Verifier(options: chain.options), provider: MemoryProvider(Array(chain.blocks.prefix(10))))
        do {
            _ = try await client.verify(to: 16, from: chain.block(1), now: chain.now)
            XCTFail("expected a provider error")
        } catch {
            XCTAssertEqual(error, .provider(height: 16, .notFound(height: 16)))
        }
    }

    /// A provider that answers with a block of another height (buggy or hostile) is reported as
    /// inconsistent; before this check, bisection spun forever on the same height (the block was
    /// cached under the requested height, so the provider was not even asked again).
    func testBlockOfAnotherHeightIsAProviderError() async throws {
        let chain = try SyntheticChainTests.load()
        /// Answers every request with the block at 16; gives up after 50 requests.
        final class WrongHeightProvider: LightBlockProvider, @unchecked Sendable {
            let block: LightBlock
            let lock = NSLock()
            var count = 0
            init(_ block: LightBlock) { self.block = block }
            func lightBlock(at height: Int64) async throws(ProviderError) -> LightBlock {
                let n = lock.withLock { count += 1; return count }
                if n > 50 { throw .unavailable("asked \(n) times") }
                return block
            }
            func latestHeight() async throws(ProviderError) -> Int64 { block.height }
        }
        let client = LightClient(verifier: Verifier(options: chain.options), provider: WrongHeightProvider(chain.block(16)))
        do {
            let trace = try await client.verify(to: 16, from: chain.block(1), now: chain.now)
            // 1 → 16 directly is not enough trust on this chain, so the first answer cannot succeed.
            XCTFail("expected a provider error, got \(trace.map(\.height))")
        } catch {
            guard case .provider(let h, .inconsistent) = error else { return XCTFail("\(error)") }
            XCTAssertLessThan(h, 16)
        }
        // Backward: the answer for 15 is the block at 16.
        let back = LightClient(verifier: Verifier(options: chain.options), provider: WrongHeightProvider(chain.block(16)))
        do {
            _ = try await back.verify(to: 10, from: chain.block(16), now: chain.now)
            XCTFail("expected an error")
        } catch {
            guard case .provider(15, .inconsistent) = error else { return XCTFail("\(error)") }
        }
    }

    /// Verified blocks are persisted; a restarted client resumes from the store's latest block.
    func testStorePersistsAndResumes() async throws {
        let chain = try SyntheticChainTests.load()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kmschain-store-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let store = try LightClientStore(directory: dir, retain: 3)
        let provider = MemoryProvider(chain.blocks)
        let client = LightClient(verifier: Verifier(options: chain.options), provider: provider, store: store)
        let trace = try await client.verify(to: 12, from: chain.block(1), now: chain.now)
        XCTAssertEqual(try store.latest(), chain.block(12))
        XCTAssertEqual(try store.heights(), Array(trace.map(\.height).suffix(3)))
        XCTAssertEqual(try SecureFile.permissions(of: dir.appendingPathComponent("12.json")), 0o600)

        // "Restart": a new client over the same directory resumes from 12.
        let reopened = LightClient(verifier: Verifier(options: chain.options), provider: provider,
                                   store: try LightClientStore(directory: dir))
        let start = try reopened.resumePoint(from: chain.block(1))
        XCTAssertEqual(start.height, 12)
        let more = try await reopened.verify(to: 16, from: start, now: chain.now)
        XCTAssertEqual(more.last?.height, 16)
        XCTAssertFalse(more.contains { $0.height <= 12 })
    }

    func testStoreReportsCorruptedFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kmschain-store-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let store = try LightClientStore(directory: dir)
        XCTAssertNil(try store.latest())
        try Data("{\"signed_header\":".utf8).write(to: dir.appendingPathComponent("7.json"))
        XCTAssertThrowsError(try store.latest()) {
            guard case .corrupted = $0 as? StorageError else { return XCTFail("\($0)") }
        }
    }
}
