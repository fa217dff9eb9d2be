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
        // 0x28: low digit 8 = 2^(B−1) with even remainder 2 → stays +8.
        d.decompose(U128(0x28) << 120, into: &digits)
        XCTAssertEqual(digits, [2, 8])
        // 0x18: low digit 8 with odd remainder 1 → −8, carry: remainder 2.
        d.decompose(U128(0x18) << 120, into: &digits)
        XCTAssertEqual(digits, [2, -8])
        // 0xF9: 9 > 8 → −7, carry; 0xF + 1 = 16 → 0 with the carry leaving the torus.
        d.decompose(U128(0xF9) << 120, into: &digits)
        XCTAssertEqual(digits, [0, -7])
        XCTAssertEqual(d.recompose(digits), U128(0xF9) << 120)
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
