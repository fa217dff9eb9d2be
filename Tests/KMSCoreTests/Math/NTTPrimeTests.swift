import XCTest
@testable import KMSCore

final class NTTPrimeTests: XCTestCase {
    typealias Ref = Negacyclic128Reference

    func testEngineModuliArePrimeNTTFriendlyAndDecreasing() throws {
        let moduli = NTTPrime.engineModuli
        XCTAssertEqual(moduli.count, 3)
        for p in moduli {
            XCTAssertTrue(Ref.isPrime(p), "\(p)")
            XCTAssertLessThan(p, 1 << 62)
            XCTAssertEqual((p - 1) % (1 << NTTPrime.maxTwoAdicity), 0)
            XCTAssertNotNil(NTTPrime(p))
        }
        XCTAssertGreaterThan(moduli[0], moduli[1])
        XCTAssertGreaterThan(moduli[1], moduli[2])
        XCTAssertNil(NTTPrime(1 << 62 + 1))
        XCTAssertNil(NTTPrime(1 << 40 + 1))
        XCTAssertNil(NTTPrime(moduli[0] - 1))
    }

    func testModularOperationsMatchDivision() throws {
        var g = Ref.Generator(seed: 1)
        for p in NTTPrime.engineModuli {
            let prime = try XCTUnwrap(NTTPrime(p))
            XCTAssertEqual(prime.pInverse &* p, 1)
            for _ in 0..<2000 {
                let a = g.next(), w = g.next() % p, hi = g.next(), lo = g.next()
                let expected = p.dividingFullWidth((a % p).multipliedFullWidth(by: w)).remainder
                let lazy = prime.multiplyLazy(a, w, prime.shoup(w))
                XCTAssertLessThan(lazy, 2 * p)
                XCTAssertEqual(lazy % p, expected)
                XCTAssertEqual(prime.multiply(a, w, prime.shoup(w)), expected)
                XCTAssertEqual(prime.multiply(a, w), expected)
                XCTAssertLessThan(prime.reduceLazy(a), 2 * p)
                XCTAssertEqual(prime.reduceLazy(a) % p, a % p)
                let exact = p.dividingFullWidth((hi % p, lo)).remainder
                XCTAssertEqual(prime.reduce(low: lo, high: hi), exact)
                // Montgomery: r·2^64 ≡ T (mod p).
                let r = prime.montgomeryReduceLazy(low: lo, high: hi)
                XCTAssertLessThan(r, 2 * p)
                XCTAssertEqual(prime.multiply(r % p, prime.reduce(low: 0, high: 1)), exact)
            }
            XCTAssertEqual(prime.multiply(prime.inverse(12345), 12345), 1)
        }
    }

    func testRootsAndTransformsInvertAndMultiplyNegacyclically() throws {
        var g = Ref.Generator(seed: 2)
        for p in NTTPrime.engineModuli {
            let prime = try XCTUnwrap(NTTPrime(p))
            for n in [2, 4, 8, 16, 64, 512] {
                let psi = try XCTUnwrap(prime.primitiveRoot(order: UInt64(2 * n)))
                XCTAssertEqual(prime.power(psi, UInt64(n)), p - 1)
                let ntt = try XCTUnwrap(NegacyclicNTT(prime: prime, size: n))
                let a = (0..<n).map { _ in g.next() % p }
                let b = (0..<n).map { _ in g.next() % p }
                // Naive negacyclic product mod p.
                var expected = [UInt64](repeating: 0, count: n)
                for i in 0..<n {
                    for j in 0..<n {
                        let t = prime.multiply(a[i], b[j])
                        let k = (i + j) % n
                        expected[k] = i + j < n ? (expected[k] + t) % p : (expected[k] + p - t) % p
                    }
                }
                var fa = a, fb = b
                fa.withUnsafeMutableBufferPointer { ntt.forward($0.baseAddress!) }
                fb.withUnsafeMutableBufferPointer { ntt.forward($0.baseAddress!) }
                XCTAssertTrue(fa.allSatisfy { $0 < p })
                var round = fa
                round.withUnsafeMutableBufferPointer { ntt.inverse($0.baseAddress!) }
                XCTAssertEqual(round, a, "p=\(p) n=\(n)")
                var prod = zip(fa, fb).map { prime.multiply($0, $1) }
                prod.withUnsafeMutableBufferPointer { ntt.inverse($0.baseAddress!) }
                XCTAssertEqual(prod, expected, "p=\(p) n=\(n)")
            }
            XCTAssertNil(NegacyclicNTT(prime: prime, size: 1 << 19)?.size)
            XCTAssertNil(NegacyclicNTT(prime: prime, size: 12)?.size)
        }
    }

    func testCRTRecoversSignedValuesModulo2To128() throws {
        let primes = NTTPrime.engineModuli.compactMap(NTTPrime.init)
        let crt = try XCTUnwrap(CRT128(primes[0], primes[1], primes[2]))
        var g = Ref.Generator(seed: 3)
        // v = K·d for u128 K and |d| ≤ 2^40 (|v| < 2^168 ≪ M/2): residues from the limbs.
        for _ in 0..<5000 {
            let k = U128(low: g.next(), high: g.next())
            let d = Int64.random(in: -(1 << 40)...(1 << 40), using: &g)
            let residues = primes.map { pr -> UInt64 in
                let km = pr.reduce(low: k.low, high: k.high)
                let dm = d >= 0 ? UInt64(d) : pr.p - UInt64(-d)
                return pr.multiply(km, dm)
            }
            let (lo, hi) = crt.reconstruct(residues[0], residues[1], residues[2])
            XCTAssertEqual(U128(low: lo, high: hi), k &* d)
        }
        XCTAssertEqual(crt.reconstruct(0, 0, 0).low, 0)
        let (lo, hi) = crt.reconstruct(primes[0].p - 1, primes[1].p - 1, primes[2].p - 1)   // −1
        XCTAssertEqual(U128(low: lo, high: hi), .max)
    }

    /// The engine's accumulation limit is exact: ±count·N·2^31·(2^128 − 1), the largest |sum|
    /// it allows, comes back as ∓count·N·2^31 mod 2^128.
    func testCRTRangeCoversTheEngineLimit() throws {
        let primes = NTTPrime.engineModuli.compactMap(NTTPrime.init)
        let crt = try XCTUnwrap(CRT128(primes[0], primes[1], primes[2]))
        for n in [2, 256, 2048, 4096, 1 << 16] {
            let engine = try XCTUnwrap(Negacyclic128Engine(polynomialSize: n))
            let c = UInt64(engine.maxAccumulatedProducts) * UInt64(n) << 31   // count·N·2^31 < 2^57
            for negative in [false, true] {
                let r = primes.map { pr -> UInt64 in
                    let v = pr.multiply(c % pr.p, pr.reduce(low: .max, high: .max))
                    return negative ? (pr.p - v) % pr.p : v
                }
                let (lo, hi) = crt.reconstruct(r[0], r[1], r[2])
                let expected = negative ? U128(c) : U128.zero &- U128(c)
                XCTAssertEqual(U128(low: lo, high: hi), expected, "N=\(n) negative=\(negative)")
            }
        }
    }
}
