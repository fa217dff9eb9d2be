import XCTest
@testable import KMSCore

final class U128DecomposerTests: XCTestCase {
    typealias Ref = Negacyclic128Reference

    func testParameterValidation() {
        XCTAssertNotNil(U128Decomposer(baseLog: 24, levelCount: 3))
        XCTAssertNotNil(U128Decomposer(baseLog: 63, levelCount: 2))
        XCTAssertNotNil(U128Decomposer(baseLog: 1, levelCount: 127))
        XCTAssertNil(U128Decomposer(baseLog: 0, levelCount: 3))
        XCTAssertNil(U128Decomposer(baseLog: 64, levelCount: 1))
        XCTAssertNil(U128Decomposer(baseLog: 32, levelCount: 4))   // B·L = 128
        XCTAssertNil(U128Decomposer(baseLog: 8, levelCount: 0))
    }

    func testRecomposeIsClosestRepresentableWithBalancedDigits() throws {
        var g = Ref.Generator(seed: 20)
        for (b, l) in [(24, 3), (1, 1), (4, 5), (16, 7), (63, 2), (20, 6), (1, 127), (42, 3)] {
            let d = try XCTUnwrap(U128Decomposer(baseLog: b, levelCount: l))
            let shift = 128 - b * l
            var digits = [Int64](repeating: 0, count: l)
            var samples = (0..<500).map { _ in U128(low: g.next(), high: g.next()) }
            samples += [.zero, .max, U128(1) << 127, (U128(1) << 127) &- U128(1), U128(1) << (shift - 1),
                        (U128(1) << (shift - 1)) &- U128(1), U128.max &- (U128(1) << (shift - 1))]
            for x in samples {
                d.decompose(x, into: &digits)
                let c = d.closestRepresentable(x)
                XCTAssertEqual(d.recompose(digits), c, "B=\(b) L=\(l) x=\(x)")
                for digit in digits {
                    XCTAssertLessThanOrEqual(digit.magnitude, UInt64(1) << (b - 1), "B=\(b) L=\(l) x=\(x)")
                }
                // c is a multiple of 2^shift and the nearest one: c − x ∈ (−2^(shift−1), 2^(shift−1)] (ties upward).
                XCTAssertEqual((c << (128 - shift)), .zero)
                let up = c &- x, down = x &- c
                let half = U128(1) << (shift - 1)
                XCTAssertTrue(up <= half || down < half, "B=\(b) L=\(l) x=\(x)")
            }
        }
    }

    func testTieRuleFollowsTfheRs() throws {
        // B = 4, L = 2 (top 8 bits), values exactly representable.
        let d = try XCTUnwrap(U128Decomposer(baseLog: 4, levelCount: 2))
        var digits = [Int64](repeating: 0, count: 2)
        // 0x28: low digit 8 = 2^(B−1), bit 3 of the remainder 2 clear → stays +8.
        d.decompose(U128(0x28) << 120, into: &digits)
        XCTAssertEqual(digits, [2, 8])
        // 0x18: remainder 1, bit 3 clear → +8 (an odd remainder does not carry).
        d.decompose(U128(0x18) << 120, into: &digits)
        XCTAssertEqual(digits, [1, 8])
        // 0x88 is above 2^(R−1): state −0x78; remainder …FFF8 has bit 3 set → −8, then 9 → −7.
        d.decompose(U128(0x88) << 120, into: &digits)
        XCTAssertEqual(digits, [-7, -8])
        // 0xC8: state −0x38 → −8, then 13 → −3.
        d.decompose(U128(0xC8) << 120, into: &digits)
        XCTAssertEqual(digits, [-3, -8])
        // 0xF9: 9 > 8 → −7, carry; the signed state's top digit is 0.
        d.decompose(U128(0xF9) << 120, into: &digits)
        XCTAssertEqual(digits, [0, -7])
        XCTAssertEqual(d.recompose(digits), U128(0xF9) << 120)
        // Exactly 2^(R−1) = 0x80: positive (+8 on top) unless the rounding bit made it.
        d.decompose(U128(0x80) << 120, into: &digits)
        XCTAssertEqual(digits, [8, 0])
        d.decompose((U128(0x7F) << 120) &+ (U128(1) << 119), into: &digits)
        XCTAssertEqual(digits, [-8, 0])
        // Rounding: 0x28·2^120 + 2^119 rounds up to 0x29·2^120; just below rounds down.
        let x = (U128(0x28) << 120) &+ (U128(1) << 119)
        XCTAssertEqual(d.closestRepresentable(x), U128(0x29) << 120)
        XCTAssertEqual(d.closestRepresentable(x &- U128(1)), U128(0x28) << 120)
        // Noise-squashing parameters: 2^24 × 3, level 1 is the top 24 bits.
        let ns = try XCTUnwrap(U128Decomposer(baseLog: 24, levelCount: 3))
        var nsDigits = [Int64](repeating: 0, count: 3)
        ns.decompose(U128(0x123456) << 104, into: &nsDigits)
        XCTAssertEqual(nsDigits, [0x123456, 0, 0])
    }

    /// tfhe-rs's `init_decomposer_state` + `decompose_one_level`, restated on machine integers for
    /// R = B·L ≤ 20 (the top R + 1 bits of x given as `top`): every digit equal, exhaustively.
    func testEveryTopPatternMatchesTfheRsDigitForDigit() throws {
        func reference(top: Int, b: Int, l: Int) -> [Int64] {
            let r = b * l
            let roundingBit = top & 1
            var t = ((top + 1) >> 1) & ((1 << r) - 1)
            if t > 1 << (r - 1) || (t == 1 << (r - 1) && roundingBit == 1) { t -= 1 << r }
            var out = [Int64](repeating: 0, count: l)
            for level in stride(from: l, through: 1, by: -1) {
                let res = t & ((1 << b) - 1)
                t >>= b                                        // arithmetic on Int
                let carry = (((res - 1) | t) & res) >> (b - 1) & 1
                t += carry
                out[level - 1] = Int64(res - (carry << b))
            }
            return out
        }
        for (b, l) in [(4, 2), (3, 3), (1, 5), (5, 2), (2, 4), (10, 1), (6, 3)] {
            let d = try XCTUnwrap(U128Decomposer(baseLog: b, levelCount: l))
            let r = b * l
            var digits = [Int64](repeating: 0, count: l)
            for top in 0 ..< 1 << (r + 1) {
                // Below the rounding bit: zero, or junk that must not matter.
                for junk in [U128.zero, (U128(1) << (127 - r)) &- U128(1)] {
                    let x = (U128(UInt64(top)) << (127 - r)) &+ junk
                    d.decompose(x, into: &digits)
                    XCTAssertEqual(digits, reference(top: top, b: b, l: l), "B=\(b) L=\(l) top=\(top)")
                }
            }
        }
    }

    func testPolynomialDecompositionIsLevelMajor() throws {
        let d = try XCTUnwrap(U128Decomposer(baseLog: 24, levelCount: 3))
        var g = Ref.Generator(seed: 21)
        let n = 64
        let poly = Ref.randomKey(n, &g)
        let digits = d.decompose(polynomial: poly)
        XCTAssertEqual(digits.count, 3 * n)
        var single = [Int64](repeating: 0, count: 3)
        for i in 0..<n {
            d.decompose(U128(low: poly[2 * i], high: poly[2 * i + 1]), into: &single)
            XCTAssertEqual([digits[i], digits[n + i], digits[2 * n + i]], single)
        }
    }
}
