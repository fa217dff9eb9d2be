import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// The f64 negacyclic transform against schoolbook products (the reference is the definition).
final class FourierTransformTests: XCTestCase {
    /// Schoolbook negacyclic product of a torus polynomial by signed integers, wrapping.
    static func schoolbook(_ a: [UInt64], _ d: [Int64]) -> [UInt64] {
        let n = a.count
        var out = [UInt64](repeating: 0, count: n)
        for i in 0..<n where d[i] != 0 {
            let di = UInt64(bitPattern: d[i])
            for j in 0..<n {
                let k = i + j
                if k < n { out[k] &+= a[j] &* di } else { out[k - n] &-= a[j] &* di }
            }
        }
        return out
    }

    /// Torus × digits through the transform: forwardTorus, forwardInteger, product, backward.
    static func fourierProduct(_ a: [UInt64], _ d: [Int64]) throws -> [UInt64] {
        let t = try FourierTransform.plan(polynomialSize: a.count)
        let x = FourierBuffer(size: t.count, count: 3)
        var out = [UInt64](repeating: 0, count: a.count)
        a.withUnsafeBufferPointer { t.forwardTorus($0.baseAddress!, re: x.re(0), im: x.im(0)) }
        d.withUnsafeBufferPointer { t.forwardInteger($0.baseAddress!, re: x.re(1), im: x.im(1)) }
        t.multiplyAccumulate(accRe: x.re(2), accIm: x.im(2), aRe: x.re(0), aIm: x.im(0), bRe: x.re(1), bIm: x.im(1))
        out.withUnsafeMutableBufferPointer { t.backwardTorus(re: x.re(2), im: x.im(2), into: $0.baseAddress!) }
        return out
    }

    static func distance(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let d = x &- y
        return min(d, 0 &- d)
    }

    func testTorusTimesDigitsMatchesSchoolbookWithinTheFloatingPointError() throws {
        var g = TestSeed.generator()
        for (n, digitBits) in [(256, 16), (1024, 22), (2048, 22)] {
            let a = (0..<n).map { _ in UInt64.random(in: .min ... .max, using: &g) }
            let bound = Int64(1) << (digitBits - 1)
            let d = (0..<n).map { _ in Int64.random(in: -bound ... bound, using: &g) }
            let exact = Self.schoolbook(a, d)
            let approx = try Self.fourierProduct(a, d)
            let worst = zip(exact, approx).map { Self.distance($0, $1) }.max() ?? 0
            // tfhe-rs's own products carry ~2^40 of FFT error at N = 2048 with 2^22 digits.
            XCTAssertLessThan(worst, 1 << 44, "N=\(n): worst error 2^\(log2(Double(worst)))")
        }
    }

    func testMonomialProductsAreExactNegacyclicRotations() throws {
        let n = 512
        var g = TestSeed.generator()
        let a = (0..<n).map { _ in UInt64.random(in: .min ... .max, using: &g) & ~((1 << 20) - 1) }
        for shift in [0, 1, 7, 255, 511] {
            for sign: Int64 in [1, -1] {
                var d = [Int64](repeating: 0, count: n)
                d[shift] = sign
                let exact = Self.schoolbook(a, d)
                let approx = try Self.fourierProduct(a, d)
                let worst = zip(exact, approx).map { Self.distance($0, $1) }.max() ?? 0
                XCTAssertLessThan(worst, 1 << 16, "X^\(shift)·\(sign)") // f64 keeps 53 of the 64 bits
                var rotated = [UInt64](repeating: 0, count: n)
                let m = sign == 1 ? shift : shift + n
                a.withUnsafeBufferPointer { p in rotated.withUnsafeMutableBufferPointer {
                    NegacyclicRotation.rotate(p.baseAddress!, by: m, size: n, into: $0.baseAddress!)
                } }
                XCTAssertEqual(rotated, exact, "rotation by \(m)")
            }
        }
    }

    func testNaturalOrderSpectrumIsThePolynomialAtTheOddRoots() throws {
        // Value k (natural order) is P(ζ^{1−4k}), ζ = e^{iπ/N}: the order tfhe-rs files use.
        let n = 16
        let t = try FourierTransform.plan(polynomialSize: n)
        let p: [Int64] = (0..<n).map { Int64($0 * 37 % 11) - 5 }
        let x = FourierBuffer(size: n / 2)
        p.withUnsafeBufferPointer { t.forwardInteger($0.baseAddress!, re: x.re, im: x.im) }
        for position in 0..<n / 2 {
            let k = t.naturalIndex(position)
            var re = 0.0, im = 0.0
            for j in 0..<n {
                let angle = Double.pi * Double((1 - 4 * k) * j) / Double(n)
                re += Double(p[j]) * cos(angle)
                im += Double(p[j]) * sin(angle)
            }
            XCTAssertEqual(x.re[position], re, accuracy: 1e-9, "value \(k)")
            XCTAssertEqual(x.im[position], im, accuracy: 1e-9, "value \(k)")
        }
    }

    func testBinaryProductsAreExact() throws {
        var g = TestSeed.generator()
        for n in [256, 2048] {
            let t = try FourierTransform.plan(polynomialSize: n)
            let a = (0..<n).map { _ in UInt64.random(in: .min ... .max, using: &g) }
            var s = (0..<n).map { _ in UInt64.random(in: 0...1, using: &g) }
            if n == 256 { s = [UInt64](repeating: 1, count: n) } // the largest sums
            var exact = [UInt64](repeating: 0, count: n)
            a.withUnsafeBufferPointer { ap in s.withUnsafeBufferPointer { sp in exact.withUnsafeMutableBufferPointer {
                NegacyclicPolynomial.multiplyBinary(ap, binary: sp, into: $0)
            } } }
            var out = [UInt64](repeating: 0, count: n)
            s.withUnsafeBufferPointer { sp in
                let product = FourierBinaryProduct(binary: sp.baseAddress!, transform: t)
                a.withUnsafeBufferPointer { ap in out.withUnsafeMutableBufferPointer { product.addProduct(ap.baseAddress!, into: $0.baseAddress!) } }
            }
            XCTAssertEqual(out, exact, "N=\(n)")
        }
    }

    func testFromTorusRoundsToTheNearestWord() {
        XCTAssertEqual(FourierTransform.fromTorus(0.25), 1 << 62)
        XCTAssertEqual(FourierTransform.fromTorus(-0.25), 0 &- (1 << 62))
        XCTAssertEqual(FourierTransform.fromTorus(12345.75), 0 &- (1 << 62))
        XCTAssertEqual(FourierTransform.fromTorus(0.5), UInt64(Int64.max) - 1023) // saturates, no trap
        XCTAssertEqual(FourierTransform.fromTorus(0x1p60 + 0.5), 0)               // beyond the fast path
    }

    func testUnsupportedSizesAreRefused() {
        for n in [0, 3, 6, 1 << 17] {
            XCTAssertThrowsError(try FourierTransform.plan(polynomialSize: n))
        }
    }
}
