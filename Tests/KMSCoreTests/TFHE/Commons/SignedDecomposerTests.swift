import KMSTestSupport
import XCTest
@testable import KMSCore

/// The 64-bit gadget decomposition, digit for digit as tfhe-rs's `SignedDecomposer`.
final class SignedDecomposerTests: XCTestCase {
    private func digits(_ x: UInt64, _ b: Int, _ l: Int) throws -> [Int64] {
        let d = try SignedDecomposer(baseLog: DecompositionBaseLog(b), levelCount: DecompositionLevelCount(l))
        var out = [Int64](repeating: 0, count: l)
        d.decompose(x, into: &out)
        return out
    }

    func testTiesFollowTfheRs() throws {
        // A digit of 2^(B−1) carries when bit B−1 of the remaining state is set.
        XCTAssertEqual(try digits(0x18 << 56, 4, 2), [1, 8])
        XCTAssertEqual(try digits(0x88 << 56, 4, 2), [-7, -8])
        // At exactly 2^(R−1) after rounding, the rounding bit decides the state's sign.
        XCTAssertEqual(try digits(0x80 << 56, 4, 2), [8, 0])        // 0x80, not rounded up
        XCTAssertEqual(try digits(0xff << 55, 4, 2), [-8, 0])       // 0x7f.8 rounded up to 0x80
        XCTAssertEqual(try digits((0x80 << 56) | (1 << 55), 4, 2), [-8, 1]) // 0x81 → −127
        XCTAssertEqual(try digits(0, 23, 1), [0])
        XCTAssertEqual(try digits(.max, 23, 1), [0])   // rounds to 2^64 ≡ 0
    }

    func testRecompositionIsTheClosestRepresentableValueAndDigitsAreBalanced() throws {
        var g = TestSeed.generator()
        for (b, l) in [(4, 4), (3, 5), (23, 1), (22, 1), (24, 2), (16, 3), (1, 10), (31, 2)] {
            let d = try SignedDecomposer(baseLog: DecompositionBaseLog(b), levelCount: DecompositionLevelCount(l))
            let half = Int64(1) << Int64(b - 1)
            var out = [Int64](repeating: 0, count: l)
            for _ in 0..<2000 {
                let x: UInt64 = g.next()
                d.decompose(x, into: &out)
                XCTAssertEqual(d.recompose(out), d.closestRepresentable(x), "2^\(b)×\(l) x=\(x)")
                XCTAssertTrue(out.allSatisfy { (-half...half).contains($0) }, "2^\(b)×\(l) digits \(out)")
            }
        }
    }
}
