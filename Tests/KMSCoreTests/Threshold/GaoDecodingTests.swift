import KMSTestSupport
import XCTest
@testable import KMSCore

/// Reed–Solomon decoding over GF(2^D) by Gao's algorithm.
final class GaoDecodingTests: XCTestCase {
    typealias F8 = BinaryFieldElement<ExtensionDegree8>
    typealias P8 = BinaryFieldPolynomial<ExtensionDegree8>

    /// kms-core `gf256.rs::test_error_correction`: f = 25 + 2X + 233X², parties 1…7, the shares
    /// at indices 1 and 2 (parties 2 and 3) corrupted by +9 and +254; Gao with 2 errors gives f.
    func testKmsCoreGF256ErrorCorrectionVector() throws {
        let f = P8([25, 2, 233].map { F8(bits: $0)! })
        let points = try (1...7).map { (i) throws(ThresholdError) in try F8.partyPoint(i) }
        var values = points.map { f.evaluate(at: $0) }
        values[1] += F8(bits: 9)!
        values[2] += F8(bits: 254)!
        XCTAssertEqual(try GaoDecoding.decode(points: points, values: values, dimension: 3, maxErrors: 2), f)
        // One error allowed is not enough for two.
        XCTAssertThrowsError(try GaoDecoding.decode(points: points, values: values, dimension: 3, maxErrors: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .tooManyErrors)
        }
        // Three errors cannot be asked of 7 values of dimension 3.
        XCTAssertThrowsError(try GaoDecoding.decode(points: points, values: values, dimension: 3, maxErrors: 3)) {
            guard case .invalidParameters = $0 as? ThresholdError else { return XCTFail("\($0)") }
        }
    }

    /// Random codewords with up to ⌊(n − k)/2⌋ random errors decode to the message; with more
    /// errors any answer given still agrees with all but maxErrors values.
    func checkRandom<E: RingExtension>(_: E.Type, n: Int, k: Int) throws {
        typealias F = BinaryFieldElement<E>
        var g = TestSeed.generator("\(E.self) \(n) \(k)")
        func randomField() -> F { F(truncating: UInt8.random(in: 0...255, using: &g)) }
        let points = try (1...n).map { (i) throws(ThresholdError) in try F.partyPoint(i) }
        let maxErrors = (n - k) / 2
        for round in 0..<40 {
            let f = BinaryFieldPolynomial<E>((0..<k).map { _ in randomField() })
            var values = points.map { f.evaluate(at: $0) }
            let errors = round % (maxErrors + 2)   // 0 … maxErrors + 1
            for i in Array((0..<n).shuffled(using: &g).prefix(errors)) {
                var e = randomField()
                if e.isZero { e = .one }
                values[i] += e
            }
            if errors <= maxErrors {
                XCTAssertEqual(try GaoDecoding.decode(points: points, values: values, dimension: k, maxErrors: maxErrors), f,
                               "n \(n) k \(k) errors \(errors)")
            } else if let h = try? GaoDecoding.decode(points: points, values: values, dimension: k, maxErrors: maxErrors) {
                XCTAssertLessThan(h.degree, k)
                XCTAssertLessThanOrEqual(zip(points, values).filter { h.evaluate(at: $0) != $1 }.count, maxErrors)
            }
        }
    }

    func testRandomCodewordsOverGF16() throws {
        for (n, k) in [(4, 2), (7, 3), (10, 4), (13, 5), (15, 1), (15, 15), (6, 2)] {
            try checkRandom(ExtensionDegree4.self, n: n, k: k)
        }
    }

    func testRandomCodewordsOverGF256() throws {
        for (n, k) in [(4, 2), (7, 3), (13, 5), (40, 9), (41, 9)] {
            try checkRandom(ExtensionDegree8.self, n: n, k: k)
        }
    }

    func testPolynomialDivisionAndInterpolation() throws {
        var g = TestSeed.generator()
        for _ in 0..<50 {
            let a = P8((0..<Int.random(in: 0...9, using: &g)).map { _ in F8(truncating: .random(in: 0...255, using: &g)) })
            let b = P8((0..<Int.random(in: 1...5, using: &g)).map { _ in F8(truncating: .random(in: 0...255, using: &g)) })
            guard !b.isZero, let (q, r) = a.divided(by: b) else { continue }
            XCTAssertEqual(q * b + r, a)
            XCTAssertLessThan(r.degree, b.degree)
            let points = try (1...(max(a.degree, 0) + 1)).map { (i) throws(ThresholdError) in try F8.partyPoint(i * 3) }
            XCTAssertEqual(P8.interpolating(points: points, values: points.map { a.evaluate(at: $0) }), a)
        }
        XCTAssertNil(P8.one.divided(by: .zero))
        XCTAssertNil(P8.interpolating(points: [.one, .one], values: [.one, .zero]))
    }
}
