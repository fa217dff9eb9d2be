import KMSTestSupport
import XCTest
@testable import KMSCore

/// u128 TUniform noise and uniform u128 masks read the streams as tfhe-rs does.
final class U128SamplingTests: XCTestCase {
    /// For b + 2 ≤ 64 the u128 sampler reads the same bytes as the u64 one and sign-extends.
    func testTUniform128MatchesTheU64SamplerSignExtended() throws {
        var g = TestSeed.generator()
        let seed = g.tfheSeed()
        for b in [0, 1, 17, 30, 45, 62] {
            let a = try AesCtrGenerator(seed: seed), c = try AesCtrGenerator(seed: seed)
            let wide = try XCTUnwrap(TUniform128Sampler(boundLog2: b)).sample(300, from: a)
            let narrow = NoiseDistribution.tUniform(boundLog2: b).sample(300, from: c)
            XCTAssertEqual(U128Polynomial.coefficients(wide), narrow.map { U128(signExtending: Int64(bitPattern: $0)) }, "TU(\(b))")
            XCTAssertEqual(a.nextUInt64(), c.nextUInt64(), "TU(\(b)): same bytes consumed")
        }
    }

    /// Wide bounds stay within [−2^b, 2^b] and use their range (about half the samples at
    /// |v| ≥ 2^(b−1), beyond what 64 bits hold).
    func testTUniform128WideBoundsStayInRange() throws {
        var g = TestSeed.generator()
        let gen = try AesCtrGenerator(seed: g.tfheSeed())
        for b in [64, 100, 126] {
            let values = U128Polynomial.coefficients(try XCTUnwrap(TUniform128Sampler(boundLog2: b)).sample(1000, from: gen))
            let bound = U128(1) << b
            var wide = false
            for v in values {
                let negative = v.high >> 63 == 1
                let magnitude = negative ? U128.zero &- v : v
                XCTAssertLessThanOrEqual(magnitude, bound, "TU(\(b))")
                if magnitude >= U128(1) << (b - 1) { wide = true }
            }
            XCTAssertTrue(wide, "TU(\(b)) never reached 2^\(b - 1)")
        }
        XCTAssertNil(TUniform128Sampler(boundLog2: 127))
        XCTAssertNil(TUniform128Sampler(boundLog2: -1))
    }

    /// Uniform u128 masks: 16 stream bytes per value, little-endian.
    func testUniformU128WordsAreLittleEndian128BitValues() throws {
        var g = TestSeed.generator()
        let seed = g.tfheSeed()
        let words = try AesCtrGenerator(seed: seed).uniformU128Words(4)
        let bytes = try AesCtrGenerator(seed: seed)
        for v in U128Polynomial.coefficients(words) {
            var raw = [UInt8](repeating: 0, count: 16)
            raw.withUnsafeMutableBytes { bytes.fill($0) }
            XCTAssertEqual(U128(littleEndianBytes: raw), v)
        }
    }
}
