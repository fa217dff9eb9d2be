import Foundation
import XCTest
@testable import KMSCore

final class NoiseDistributionTests: XCTestCase {
    /// Exact moments of TUniform(b): interior values 2^-(b+1), endpoints ±2^b with 2^-(b+2).
    private func exactVariance(_ b: Int) -> Double {
        let B = Double(1 << b)
        let interior = 2 * (B - 1) * B * (2 * B - 1) / 6  // Σ_{x=-(B-1)}^{B-1} x²
        return interior / pow(2, Double(b + 1)) + 2 * B * B / pow(2, Double(b + 2))
    }

    func testTUniformSmallBoundHasExactSupportAndEndpointWeights() {
        let b = 4, samples = 400_000
        let g = AesCtrGenerator(seed: 7)
        let values = NoiseDistribution.tUniform(boundLog2: b).sample(samples, from: g).map { Int64(bitPattern: $0) }
        var counts = [Int64: Int]()
        for v in values { counts[v, default: 0] += 1 }
        // Support is exactly [-16, 16].
        XCTAssertEqual(counts.keys.min(), -16)
        XCTAssertEqual(counts.keys.max(), 16)
        XCTAssertEqual(counts.count, 33)
        // Endpoints: p = 2^-6, interior: p = 2^-5; 5σ binomial tolerances.
        for (v, c) in counts {
            let p = abs(v) == 16 ? 1.0 / 64 : 1.0 / 32
            let mean = p * Double(samples), sd = (Double(samples) * p * (1 - p)).squareRoot()
            XCTAssertLessThan(abs(Double(c) - mean), 5 * sd, "value \(v): \(c) vs \(mean)")
        }
        let m = values.reduce(0.0) { $0 + Double($1) } / Double(samples)
        let v = values.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples) - m * m
        XCTAssertLessThan(abs(m), 5 * (exactVariance(b) / Double(samples)).squareRoot())
        XCTAssertEqual(v / exactVariance(b), 1, accuracy: 0.02)
    }

    /// The bounds of the parameter sets (2^17, 2^42, 2^46).
    func testTUniformMeanAndVarianceAtTheBoundsOfTheParameterSets() {
        for b in [17, 42, 46] {
            let samples = 200_000
            let g = AesCtrGenerator(seed: UInt64(b))
            let scale = pow(2, Double(b))
            let xs = NoiseDistribution.tUniform(boundLog2: b).sample(samples, from: g).map { Double(Int64(bitPattern: $0)) / scale }
            XCTAssertTrue(xs.allSatisfy { abs($0) <= 1 }, "TUniform(\(b)) out of bounds")
            let m = xs.reduce(0, +) / Double(samples)
            let v = xs.reduce(0) { $0 + $1 * $1 } / Double(samples) - m * m
            let expected = exactVariance(b) / (scale * scale)   // ≈ 1/3
            XCTAssertLessThan(abs(m), 5 * (expected / Double(samples)).squareRoot(), "mean of TUniform(\(b))")
            XCTAssertEqual(v / expected, 1, accuracy: 0.015, "variance of TUniform(\(b))")
            // Both endpoints are reached with weight 2^-(b+2): impossible to observe for large b,
            // so check that values come close to them instead.
            XCTAssertGreaterThan(xs.max()!, 0.999)
            XCTAssertLessThan(xs.min()!, -0.999)
        }
    }

    func testTUniformConsumesTheDocumentedNumberOfBytes() {
        // b = 17 → ⌈19/8⌉ = 3 bytes per sample; b = 46 → 6 bytes.
        for (b, bytes) in [(0, 1), (17, 3), (42, 6), (46, 6), (62, 8)] {
            let g1 = AesCtrGenerator(seed: 3), g2 = AesCtrGenerator(seed: 3)
            _ = NoiseDistribution.tUniform(boundLog2: b).sample(10, from: g1)
            var skip = [UInt8](repeating: 0, count: 10 * bytes)
            skip.withUnsafeMutableBytes { g2.fill($0) }
            XCTAssertEqual(g1.nextByte(), g2.nextByte(), "b=\(b)")
        }
    }

    func testTUniformMatchesTheSpecFormulaOnRawBytes() {
        // (x >> 1) + (x & 1) − 2^b over the low b+2 bits of 3 little-endian bytes (b = 17).
        let g = AesCtrGenerator(seed: 11), raw = AesCtrGenerator(seed: 11)
        let s = NoiseDistribution.tUniform(boundLog2: 17).sample(100, from: g)
        for i in 0..<100 {
            let x = (UInt64(raw.nextByte()) | UInt64(raw.nextByte()) << 8 | UInt64(raw.nextByte()) << 16) & ((1 << 19) - 1)
            XCTAssertEqual(Int64(bitPattern: s[i]), Int64((x >> 1) + (x & 1)) - (1 << 17))
        }
    }

    func testGaussianMeanAndStandardDeviation() {
        let sigma = 2.845267479601915e-15   // ≈ 2^15.7 absolute
        let samples = 200_000
        let xs = NoiseDistribution.gaussian(standardDeviation: sigma).sample(samples, from: AesCtrGenerator(seed: 5))
            .map { Double(Int64(bitPattern: $0)) / 18446744073709551616.0 }
        let m = xs.reduce(0, +) / Double(samples)
        let sd = (xs.reduce(0) { $0 + $1 * $1 } / Double(samples) - m * m).squareRoot()
        XCTAssertLessThan(abs(m), 5 * sigma / Double(samples).squareRoot())
        XCTAssertEqual(sd / sigma, 1, accuracy: 0.01)
    }
}
