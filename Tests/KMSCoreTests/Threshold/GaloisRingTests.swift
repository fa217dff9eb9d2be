import KMSTestSupport
import XCTest
@testable import KMSCore

/// GR(2^k, D) for k ∈ {64, 128} and D ∈ {4, 8}: ring laws on random elements, products against a
/// schoolbook reference, F reduction by hand, unit inversion, party points.
final class GaloisRingTests: XCTestCase {
    /// Product by schoolbook multiplication into 2D − 1 coefficients, then reduction from the top
    /// with X^D = −(F − X^D): written independently of the library's shift-and-add.
    static func schoolbook<R: GaloisRing>(_ a: GaloisRingElement<R>, _ b: GaloisRingElement<R>) -> GaloisRingElement<R> {
        let d = R.degree
        var wide = [R.Coefficient](repeating: .zero, count: 2 * d - 1)
        for i in 0..<d { for j in 0..<d { wide[i + j] = wide[i + j].plus(a[i].times(b[j])) } }
        let low = R.Extension.lowerModulusBits
        for m in stride(from: 2 * d - 2, through: d, by: -1) {
            let c = wide[m]
            wide[m] = .zero
            for j in 0..<d where (low >> UInt8(j)) & 1 == 1 { wide[m - d + j] = wide[m - d + j].minus(c) }
        }
        return GaloisRingElement<R>(Array(wide.prefix(d)))!
    }

    func checkLaws<R: GaloisRing>(_: R.Type, rounds: Int = 60) throws {
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator("\(R.self)")
        for _ in 0..<rounds {
            let a = E.random(using: &g), b = E.random(using: &g), c = E.random(using: &g)
            XCTAssertEqual((a + b) + c, a + (b + c), "\(R.self) + associative")
            XCTAssertEqual(a + b, b + a)
            XCTAssertEqual((a * b) * c, a * (b * c), "\(R.self) × associative")
            XCTAssertEqual(a * b, b * a, "\(R.self) × commutative")
            XCTAssertEqual(a * (b + c), a * b + a * c, "\(R.self) distributive")
            XCTAssertEqual(a * b, Self.schoolbook(a, b), "\(R.self) product against schoolbook")
            XCTAssertEqual(a - a, E.zero)
            XCTAssertEqual(a + (-a), E.zero)
            XCTAssertEqual(a * E.one, a)
            XCTAssertEqual(a * E.zero, E.zero)
            let s = R.Coefficient.randomCoefficient(using: &g)
            XCTAssertEqual(a * s, a * E(scalar: s))
            XCTAssertEqual(a.adding(scalar: s), a + E(scalar: s))
            XCTAssertEqual(a.timesPowerOfTwo(5), a * E(scalar: R.Coefficient.one.timesPowerOfTwo(5)))
            // Reduction mod 2 is a ring homomorphism onto GF(2^D).
            XCTAssertEqual((a * b).residue, a.residue * b.residue)
            XCTAssertEqual((a + b).residue, a.residue + b.residue)
            // Units: a·a⁻¹ = 1; non-units (residue 0) refuse.
            if a.isUnit {
                let inv = try a.inverse()
                XCTAssertEqual(a * inv, E.one, "\(R.self) inverse")
                XCTAssertEqual(inv * a, E.one)
            } else {
                XCTAssertThrowsError(try a.inverse())
            }
            let nonUnit = a.timesPowerOfTwo(1)
            XCTAssertFalse(nonUnit.isUnit)
            XCTAssertThrowsError(try nonUnit.inverse()) { XCTAssertEqual($0 as? ThresholdError, .notInvertible) }
            let unit = a.residue.isZero ? a + E.one : a
            XCTAssertEqual(unit * (try unit.inverse()), E.one)
        }
    }

    func testRingLaws64Degree4() throws { try checkLaws(GaloisRing64Degree4.self) }
    func testRingLaws128Degree4() throws { try checkLaws(GaloisRing128Degree4.self) }
    func testRingLaws64Degree8() throws { try checkLaws(GaloisRing64Degree8.self) }
    func testRingLaws128Degree8() throws { try checkLaws(GaloisRing128Degree8.self) }

    /// X^D and a few higher powers reduced by hand.
    func testReductionByFOnHandCases() {
        typealias E4 = GaloisRingElement<GaloisRing64Degree4>
        let m1 = UInt64.max   // −1
        let x = E4([0, 1, 0, 0])!, x3 = E4([0, 0, 0, 1])!
        // X^4 = −X − 1.
        XCTAssertEqual(x3 * x, E4([m1, m1, 0, 0])!)
        // X^6 = X^2 · X^4 = −X^3 − X^2.
        XCTAssertEqual(x3 * x3, E4([0, 0, m1, m1])!)
        // (1 + X)^2 = 1 + 2X + X^2.
        XCTAssertEqual(E4([1, 1, 0, 0])! * E4([1, 1, 0, 0])!, E4([1, 2, 1, 0])!)
        // (2X^3)(3X^3) = 6X^6 = −6X^3 − 6X^2.
        XCTAssertEqual(E4([0, 0, 0, 2])! * E4([0, 0, 0, 3])!, E4([0, 0, 0 &- 6, 0 &- 6])!)

        typealias E8 = GaloisRingElement<GaloisRing128Degree8>
        let one = U128.one, z = U128.zero, minus1 = U128.max
        let x7 = E8([z, z, z, z, z, z, z, one])!, x1 = E8([z, one, z, z, z, z, z, z])!
        // X^8 = −X^4 − X^3 − X − 1.
        XCTAssertEqual(x7 * x1, E8([minus1, minus1, z, minus1, minus1, z, z, z])!)
        // X^9 = −X^5 − X^4 − X^2 − X.
        XCTAssertEqual(x7 * x1 * x1, E8([z, minus1, minus1, z, minus1, minus1, z, z])!)
        // X^12 = X^4 · X^8 = −X^8 − X^7 − X^5 − X^4 = (X^4 + X^3 + X + 1) − X^7 − X^5 − X^4
        //      = 1 + X + X^3 − X^5 − X^7.
        let x4 = E8([z, z, z, z, one, z, z, z])!
        XCTAssertEqual(x4 * x4 * x4, E8([one, one, z, one, z, minus1, z, minus1])!)
        // Across the limbs: 2^64 · 2^64 = 0 mod 2^128, 2^63 · 2^63 = 2^126.
        let big = E8([U128(low: 0, high: 1), z, z, z, z, z, z, z])!
        XCTAssertEqual(big * big, E8.zero)
        let c = U128(low: 1 << 63, high: 0)
        XCTAssertEqual(E8(scalar: c) * E8(scalar: c), E8(scalar: U128(low: 0, high: 1 << 62)))
    }

    /// kms-core `embed_sunshine`: 3 ↦ 1 + X, 100 ↦ X^2 + X^5 + X^6, 128 ↦ X^7; ids outside
    /// 1…2^D − 1 are refused.
    func testPartyPoints() throws {
        typealias E8 = GaloisRingElement<GaloisRing64Degree8>
        XCTAssertEqual(try E8.partyPoint(3), E8([1, 1, 0, 0, 0, 0, 0, 0])!)
        XCTAssertEqual(try E8.partyPoint(100), E8([0, 0, 1, 0, 0, 1, 1, 0])!)
        XCTAssertEqual(try E8.partyPoint(128), E8([0, 0, 0, 0, 0, 0, 0, 1])!)
        XCTAssertEqual(try E8.partyPoint(255), E8([1, 1, 1, 1, 1, 1, 1, 1])!)
        XCTAssertThrowsError(try E8.partyPoint(256)) {
            XCTAssertEqual($0 as? ThresholdError, .invalidPartyID(256, extensionDegree: 8))
        }
        typealias E4 = GaloisRingElement<GaloisRing128Degree4>
        XCTAssertEqual(try E4.partyPoint(1), E4.one)
        XCTAssertEqual(try E4.partyPoint(10), E4([.zero, .one, .zero, .one])!)
        XCTAssertThrowsError(try E4.partyPoint(0))
        XCTAssertThrowsError(try E4.partyPoint(16))
        XCTAssertThrowsError(try E4.partyPoint(-1))
        XCTAssertEqual(try BinaryFieldElement<ExtensionDegree4>.partyPoint(10).bits, 10)
    }

    /// The party points form an exceptional sequence: every difference is a unit.
    func testDifferencesOfPartyPointsAreUnits() throws {
        typealias E4 = GaloisRingElement<GaloisRing128Degree4>
        for i in 1..<16 {
            for j in 1..<16 where i != j {
                let d = try E4.partyPoint(i) - E4.partyPoint(j)
                XCTAssertEqual(d * (try d.inverse()), E4.one, "p\(i) − p\(j)")
            }
        }
        typealias E8 = GaloisRingElement<GaloisRing64Degree8>
        for i in stride(from: 1, to: 256, by: 7) {
            for j in stride(from: 2, to: 256, by: 11) where i != j {
                let d = try E8.partyPoint(i) - E8.partyPoint(j)
                XCTAssertEqual(d * (try d.inverse()), E8.one, "p\(i) − p\(j)")
            }
        }
    }

    /// Bit extraction and lifting (the bit-lifting decoder's view of an element).
    func testBitsAtPositionAndLift() {
        typealias E4 = GaloisRingElement<GaloisRing128Degree4>
        let a = E4([U128(low: 0b10, high: 0), U128(low: 0, high: 1 << 63), U128(low: 0b11, high: 0), .zero])!
        XCTAssertEqual(a.bits(at: 0).bits, 0b0100)
        XCTAssertEqual(a.bits(at: 1).bits, 0b0101)
        XCTAssertEqual(a.bits(at: 127).bits, 0b0010)
        XCTAssertEqual(E4(lifting: a.bits(at: 1)), E4([.one, .zero, .one, .zero])!)
        XCTAssertTrue(a.timesPowerOfTwo(3).isDivisible(byPowerOfTwo: 3))
        XCTAssertFalse(a.timesPowerOfTwo(3).isDivisible(byPowerOfTwo: 4))
        XCTAssertTrue(E4(scalar: U128(low: 0, high: 1 << 63)).isDivisible(byPowerOfTwo: 127))
        XCTAssertFalse(E4(scalar: U128(low: 0, high: 1 << 63)).isDivisible(byPowerOfTwo: 128))
        XCTAssertTrue(E4.zero.isDivisible(byPowerOfTwo: 128))
    }
}
