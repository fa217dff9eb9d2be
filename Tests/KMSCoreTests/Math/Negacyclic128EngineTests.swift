import Dispatch
import XCTest
@testable import KMSCore

final class Negacyclic128EngineTests: XCTestCase {
    typealias Ref = Negacyclic128Reference

    func testRejectsInvalidSizes() {
        for n in [0, 1, 3, 100, 1 << 17] { XCTAssertNil(Negacyclic128Engine(polynomialSize: n), "\(n)") }
        XCTAssertEqual(Negacyclic128Engine(polynomialSize: 2048)?.maxAccumulatedProducts, 1 << 14)
        XCTAssertNil(Negacyclic128Engine(polynomialSize: 8)?.forwardKey([1, 2, 3]))
        XCTAssertNil(Negacyclic128Engine(polynomialSize: 8)?.multiply(key: [UInt64](repeating: 0, count: 16), digits: [1]))
    }

    func testRandomProductsMatchSchoolbook() throws {
        var g = Ref.Generator(seed: 10)
        for (n, cases) in [(4, 20), (32, 10), (256, 3), (1024, 2), (2048, 1)] {
            let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: n))
            for _ in 0..<cases {
                let key = Ref.randomKey(n, &g)
                let digits = Ref.randomDigits(n, &g)
                XCTAssertEqual(engine.multiply(key: key, digits: digits), Ref.schoolbook(key: key, digits: digits), "N=\(n)")
            }
        }
    }

    /// The external-product shape: (k+1)·L = 9 products summed before one backward transform,
    /// added onto an existing output.
    func testNineTermAccumulationMatchesSchoolbook() throws {
        var g = Ref.Generator(seed: 11)
        for n in [256, 1024, 2048] {
            let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: n))
            var acc = engine.makeAccumulator()
            var ds = engine.makeDigitSpectrum()
            var out = Ref.randomKey(n, &g)
            var expected = out
            for term in 0..<9 {
                let key = Ref.randomKey(n, &g)
                // Base 2^24 digits as in noise squashing, and full-range ones.
                let digits = Ref.randomDigits(n, bound: term % 2 == 0 ? 1 << 23 : 1 << 31, &g)
                let ks = try XCTUnwrap(engine.forwardKey(key))
                engine.forwardDigits(digits, into: &ds)
                engine.multiplyAccumulate(&acc, ks, ds)
                Ref.schoolbookAdd(key: key, digits: digits, into: &expected)
            }
            engine.backwardAdd(&acc, into: &out)
            XCTAssertEqual(out, expected, "N=\(n)")
            // The accumulator is empty again.
            XCTAssertEqual(acc, engine.makeAccumulator())
        }
    }

    /// Extreme range: every key coefficient 2^128 − 1 and every digit ±2^31, 9 terms — the
    /// largest |integer| sums, and more than 16 terms to exercise folding.
    func testAllMaxCoefficientsAndExtremeDigits() throws {
        let n = 256
        let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: n))
        let key = [UInt64](repeating: .max, count: 2 * n)
        let ks = try XCTUnwrap(engine.forwardKey(key))
        var g = Ref.Generator(seed: 12)
        for (terms, pattern) in [(9, 0), (9, 1), (9, 2), (40, 2)] {
            let m = Negacyclic128Engine.maxDigitMagnitude
            let digits: [Int64] = (0..<n).map { i in
                switch pattern {
                case 0: m
                case 1: -m
                default: Bool.random(using: &g) ? m : -m
                }
            }
            var ds = engine.makeDigitSpectrum()
            engine.forwardDigits(digits, into: &ds)
            var acc = engine.makeAccumulator()
            var out = [UInt64](repeating: 0, count: 2 * n)
            for _ in 0..<terms { engine.multiplyAccumulate(&acc, ks, ds) }
            engine.backwardAdd(&acc, into: &out)
            let single = Ref.schoolbook(key: key, digits: digits)
            let expected = U128Polynomial.interleave(U128Polynomial.coefficients(single).map { $0 &* Int64(terms) })
            XCTAssertEqual(out, expected, "terms=\(terms) pattern=\(pattern)")
        }
    }

    /// K·(±c·X^j) is K rotated by j with wrapped coefficients negated.
    func testMonomialsGiveNegacyclicRotations() throws {
        let n = 1024
        let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: n))
        var g = Ref.Generator(seed: 13)
        let key = Ref.randomKey(n, &g)
        let coefficients = U128Polynomial.coefficients(key)
        for (j, c) in [(0, Int64(1)), (1, 1), (5, -1), (n / 2, 1 << 31), (n - 1, -(1 << 31)), (777, 3)] {
            var digits = [Int64](repeating: 0, count: n)
            digits[j] = c
            let out = try XCTUnwrap(engine.multiply(key: key, digits: digits))
            let expected = (0..<n).map { k -> U128 in
                k >= j ? coefficients[k - j] &* c : U128.zero &- (coefficients[k - j + n] &* c)
            }
            XCTAssertEqual(U128Polynomial.coefficients(out), expected, "j=\(j) c=\(c)")
        }
    }

    func testDecomposedExternalProductRecomposesTheKeyProduct() throws {
        // Engine and decomposer together: with constant keys K_ℓ = 2^(128−ℓB),
        // Σ_ℓ K_ℓ·D_ℓ(x) is closestRepresentable(x) coefficient-wise.
        let n = 256
        let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: n))
        let decomposer = try XCTUnwrap(U128Decomposer(baseLog: 24, levelCount: 3))
        var g = Ref.Generator(seed: 14)
        let x = Ref.randomKey(n, &g)
        let digits = decomposer.decompose(polynomial: x)
        var acc = engine.makeAccumulator()
        var ds = engine.makeDigitSpectrum()
        for level in 1...3 {
            var key = [UInt64](repeating: 0, count: 2 * n)
            let gadget = U128(1) << (128 - 24 * level)
            key[0] = gadget.low
            key[1] = gadget.high
            let ks = try XCTUnwrap(engine.forwardKey(key))
            engine.forwardDigits(Array(digits[(level - 1) * n..<level * n]), into: &ds)
            engine.multiplyAccumulate(&acc, ks, ds)
        }
        var out = [UInt64](repeating: 0, count: 2 * n)
        engine.backwardAdd(&acc, into: &out)
        XCTAssertEqual(U128Polynomial.coefficients(out), U128Polynomial.coefficients(x).map(decomposer.closestRepresentable))
    }

    func testEngineIsUsableConcurrently() throws {
        let n = 256
        let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: n))
        var g = Ref.Generator(seed: 15)
        let inputs = (0..<4).map { _ in (Ref.randomKey(n, &g), Ref.randomDigits(n, &g)) }
        let expected = inputs.map { Ref.schoolbook(key: $0.0, digits: $0.1) }
        let results = ResultBox(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
            results.set(i, engine.multiply(key: inputs[i].0, digits: inputs[i].1) ?? [])
        }
        XCTAssertEqual(results.values, expected)
    }
}

/// A lock-protected result array for the concurrency test.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt64]]
    init(count: Int) { storage = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [UInt64]) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [[UInt64]] { lock.lock(); defer { lock.unlock() }; return storage }
}
