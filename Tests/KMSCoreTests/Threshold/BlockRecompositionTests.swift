import KMSTestSupport
import XCTest
@testable import KMSCore

/// Block recombination (kms-core `test_recomposer`) and `from_expanded_msg`.
final class BlockRecompositionTests: XCTestCase {
    /// kms.md §7: bits 1 [1, 3] → 3; bits 1 [0, 7] → 2; bits 2 [3, 11] → 15; bits 3 [1, 1] → 9.
    func testKmsCoreRecomposerVectors() {
        XCTAssertEqual(BlockRecomposition.recompose([1, 3], bitsPerBlock: 1), [3])
        XCTAssertEqual(BlockRecomposition.recompose([0, 7], bitsPerBlock: 1), [2])
        XCTAssertEqual(BlockRecomposition.recompose([3, 11], bitsPerBlock: 2), [15])
        XCTAssertEqual(BlockRecomposition.recompose([1, 1], bitsPerBlock: 3), [9])
    }

    /// Carries cross limb boundaries and are cut at 2·#blocks bits (euint64 = 32 blocks,
    /// ebytes256 = 1024 blocks).
    func testCarriesAcrossLimbsAndTruncation() {
        // 32 blocks of 3 (all message bits set) = 2^64 − 1; a carry out of the top block is cut.
        XCTAssertEqual(BlockRecomposition.recompose([UInt64](repeating: 3, count: 32), bitsPerBlock: 2), [UInt64.max])
        XCTAssertEqual(BlockRecomposition.recompose([UInt64](repeating: 3, count: 31) + [7], bitsPerBlock: 2), [UInt64.max])
        // Block 31 of value 4 carries into bit 64: cut; block 30 of value 4 lands on bit 62.
        XCTAssertEqual(BlockRecomposition.recompose([UInt64](repeating: 0, count: 30) + [4, 0], bitsPerBlock: 2), [1 << 62])
        // 33 blocks: block 32 lands on bit 64, block 31 of value 2 on bit 63.
        XCTAssertEqual(BlockRecomposition.recompose([UInt64](repeating: 0, count: 32) + [1], bitsPerBlock: 2), [0, 1])
        XCTAssertEqual(BlockRecomposition.recompose([UInt64](repeating: 0, count: 31) + [2, 0], bitsPerBlock: 2), [1 << 63, 0])
        // A carry chain through a full limb: 2^64 − 1 (32 blocks of 3) plus 1 at block 0, in 64 blocks.
        var blocks = [UInt64](repeating: 3, count: 32) + [UInt64](repeating: 0, count: 32)
        blocks[0] = 4
        XCTAssertEqual(BlockRecomposition.recompose(blocks, bitsPerBlock: 2), [0, 1])
        // All 64 blocks at 3 plus one: 2^128, cut to 128 bits.
        XCTAssertEqual(BlockRecomposition.recompose([4] + [UInt64](repeating: 3, count: 63), bitsPerBlock: 2), [0, 0])
        // Random 4-bit blocks against an independent sum with wide words.
        var g = TestSeed.generator()
        for _ in 0..<50 {
            let count = Int.random(in: 1...1024, using: &g)
            let b = (0..<count).map { _ in UInt64.random(in: 0..<16, using: &g) }
            var bits = [UInt8](repeating: 0, count: 2 * count + 8)   // schoolbook binary addition
            for (j, v) in b.enumerated() {
                var carry = 0
                for i in 0..<(bits.count - 2 * j) {
                    let s = Int(bits[2 * j + i]) + (i < 4 ? Int((v >> UInt64(i)) & 1) : 0) + carry
                    bits[2 * j + i] = UInt8(s & 1)
                    carry = s >> 1
                    if i >= 4 && carry == 0 { break }
                }
            }
            let limbs = BlockRecomposition.recompose(b, bitsPerBlock: 2)
            XCTAssertEqual(limbs.count, (2 * count + 63) / 64)
            for i in 0..<(limbs.count * 64) {
                let expected: UInt8 = i < 2 * count ? bits[i] : 0
                XCTAssertEqual(UInt8((limbs[i / 64] >> UInt64(i % 64)) & 1), expected, "bit \(i) of \(count) blocks")
            }
        }
    }

    /// Δ = 2^123 for 4 total bits: m·Δ plus noise below 2^122 rounds to m; small negative noise
    /// around 0 gives 0; the top message wraps.
    func testMessageFromExpanded() {
        let delta = U128.one << 123
        for m in 0..<16 {
            let exact = U128(UInt64(m)) &* delta
            XCTAssertEqual(BlockRecomposition.message(fromExpanded: exact, totalBits: 4), UInt64(m))
            XCTAssertEqual(BlockRecomposition.message(fromExpanded: exact &+ U128(low: 0, high: 1 << 57), totalBits: 4), UInt64(m))
            XCTAssertEqual(BlockRecomposition.message(fromExpanded: exact &- U128(low: 12345, high: 0), totalBits: 4),
                           m == 0 ? 0 : UInt64(m))
        }
        XCTAssertEqual(BlockRecomposition.message(fromExpanded: U128.max, totalBits: 4), 0)
        // 2^128 = 32Δ. Above 2^128 − 1 − 2^123 = 31Δ − 1 is 0 (noise below 0); at it, 31 mod 16.
        XCTAssertEqual(BlockRecomposition.message(fromExpanded: U128.max &- (U128.one << 123) &+ U128.one, totalBits: 4), 0)
        XCTAssertEqual(BlockRecomposition.message(fromExpanded: U128.max &- (U128.one << 123), totalBits: 4), 15)
        // Half-way: m·Δ + Δ/2 rounds up.
        XCTAssertEqual(BlockRecomposition.message(fromExpanded: U128(3) &* delta &+ (U128.one << 122), totalBits: 4), 4)
        XCTAssertEqual(BlockRecomposition.message(fromExpanded: U128(3) &* delta &+ (U128.one << 122) &- U128.one, totalBits: 4), 3)
    }
}
