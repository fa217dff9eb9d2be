import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// tfhe-rs's 128-bit Fourier form: double-double arithmetic and conversions, twiddles to
/// double-double precision, the transform against a direct evaluation at ζ^(1 + 4·brv(p)) (the
/// order tfhe-rs stores), round trips, and negacyclic products through it against the exact
/// u128 product.
final class Fourier128TransformTests: XCTestCase {
    static func signed(_ x: U128) -> Double { NoiseSquashingTests.signed(x) }

    func testSignedConversionsAndRounding() {
        let cases: [U128] = [.zero, U128(1), .max, U128(low: 3, high: 1 << 62), U128(low: .max, high: .max >> 1),
                             U128(low: 0, high: 1 << 63), U128(low: 12345, high: .max), U128(low: 1 << 52 + 1, high: 0)]
        for x in cases {
            let d = DoubleDouble(signed: x)
            // Values within 106 bits come back exactly; the others within the 2^22 the format drops.
            let back = d.roundedModulo128()
            XCTAssertLessThanOrEqual(abs(Self.signed(back &- x)), 0x1p22, "\(x)")
        }
        var g = TestSeed.generator()
        for _ in 0..<1000 {
            let x = U128(littleEndianBytes: g.bytes(16))! >> Int(g.next() % 128)
            let neg = U128.zero &- x
            for v in [x, neg] {
                let d = DoubleDouble(signed: v)
                XCTAssertLessThanOrEqual(abs(Self.signed(d.roundedModulo128() &- v)), 0x1p22, "\(v)")
                if x < U128(1) << 100 { XCTAssertEqual(d.roundedModulo128(), v, "\(v)") }
            }
        }
        XCTAssertEqual(DoubleDouble.roundedModulo128(0x1p130), .zero)
        XCTAssertEqual(DoubleDouble.roundedModulo128(-1.5), .zero &- U128(2))
        XCTAssertEqual(DoubleDouble.roundedModulo128(0x1p127), U128(1) << 127)
    }

    func testTwiddlesHaveDoubleDoublePrecision() {
        for d in [4, 64, 2048] {
            for m in stride(from: 0, to: 2 * d, by: max(1, d / 64)) {
                let (c, s) = DoubleDouble.cosSinPi(m, over: d)
                let one = c * c + s * s - DoubleDouble(1)
                XCTAssertLessThan(abs(one.hi), 0x1p-100, "m = \(m)/\(d)")
                XCTAssertEqual(c.hi, cos(Double.pi * Double(m) / Double(d)), accuracy: 0x1p-50)
                XCTAssertEqual(s.hi, sin(Double.pi * Double(m) / Double(d)), accuracy: 0x1p-50)
            }
        }
    }

    /// Random polynomial of N u128 (interleaved words).
    static func randomPolynomial(_ size: Int, _ g: inout SeededGenerator) -> [UInt64] { (0 ..< 2 * size).map { _ in g.next() } }

    func testForwardIsTheEvaluationAtTheBitReversedOddRoots() throws {
        var g = TestSeed.generator()
        let size = 64, n = size / 2
        let t = try XCTUnwrap(Fourier128Transform(polynomialSize: size))
        let p = Self.randomPolynomial(size, &g)
        let spectrum = p.withUnsafeBufferPointer { t.forward($0) }
        let bits = n.trailingZeroBitCount
        for q in 0..<n {
            let brv = Int(UInt(q).bitReversed(bits: bits))
            // P̃(ζ^e), e = 1 + 4·brv(q), summed directly in double-double.
            let e = 1 + 4 * brv
            var sum = ComplexDoubleDouble.zero
            for j in 0..<size {
                let (c, s) = DoubleDouble.cosSinPi((e * j) % (2 * size), over: size)
                let coefficient = DoubleDouble(signed: U128(low: p[2 * j], high: p[2 * j + 1])).scaled(by: -128)
                sum = sum + ComplexDoubleDouble(coefficient * c, coefficient * s)
            }
            let z = spectrum[q]
            XCTAssertLessThan(abs((z.re - sum.re).hi), 0x1p-96, "Re Z_\(q)")
            XCTAssertLessThan(abs((z.im - sum.im).hi), 0x1p-96, "Im Z_\(q)")
        }
    }

    func testRoundTripAndProductsAgainstTheExactProduct() throws {
        var g = TestSeed.generator()
        for size in [64, 2048] {
            let n = size / 2
            let t = try XCTUnwrap(Fourier128Transform(polynomialSize: size))
            let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: size))
            let p = Self.randomPolynomial(size, &g)
            let sp = p.withUnsafeBufferPointer { t.forward($0) }
            XCTAssertEqual(sp.count, n)
            let back = t.backward(sp)
            var worst = 0.0
            for j in 0..<size {
                worst = max(worst, abs(Self.signed(U128(low: back[2 * j], high: back[2 * j + 1]) &- U128(low: p[2 * j], high: p[2 * j + 1]))))
            }
            XCTAssertLessThan(worst, 0x1p28, "round trip at N = \(size)")

            // Digits |d| < 2^23 (the squashing key's base 2^24): the pointwise product, back.
            let digits = (0..<size).map { _ in Int64(bitPattern: g.next()) >> 41 }
            let dWords = digits.flatMap { d -> [UInt64] in let v = U128(signExtending: d); return [v.low, v.high] }
            let sd = dWords.withUnsafeBufferPointer { t.forward($0) }
            // The spectra hold torus values: rescale the digits' side back to integers.
            let product = (0..<n).map { q -> ComplexDoubleDouble in
                let z = sp[q] * sd[q]
                return ComplexDoubleDouble(z.re.scaled(by: 128), z.im.scaled(by: 128))
            }
            let viaFourier = t.backward(product)
            let exact = try XCTUnwrap(engine.multiply(key: p, digits: digits))
            worst = 0
            for j in 0..<size {
                worst = max(worst, abs(Self.signed(U128(low: viaFourier[2 * j], high: viaFourier[2 * j + 1])
                                                   &- U128(low: exact[2 * j], high: exact[2 * j + 1]))))
            }
            XCTAssertLessThan(worst, 0x1p60, "product at N = \(size): error 2^\(log2(worst))")
            XCTAssertGreaterThan(worst, 0, "a double-double product this large cannot be exact: the check is not running")
        }
        XCTAssertNil(Fourier128Transform(polynomialSize: 3))
        XCTAssertNil(Fourier128Transform(polynomialSize: 2))
    }
}

extension UInt {
    /// The low `bits` bits reversed.
    func bitReversed(bits: Int) -> UInt {
        var r: UInt = 0, x = self
        for _ in 0..<bits { r = (r << 1) | (x & 1); x >>= 1 }
        return r
    }
}
