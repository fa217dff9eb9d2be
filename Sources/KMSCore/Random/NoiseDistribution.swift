import Foundation

/// A noise distribution on the 2^64 torus, as tfhe-rs's `DynamicDistribution`.
public enum NoiseDistribution: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Centered Gaussian; `standardDeviation` relative to the torus (absolute σ = value · 2^64).
    case gaussian(standardDeviation: Double, mean: Double = 0)
    /// TUniform(b): every integer in [−2^b, 2^b], the two endpoints with half weight.
    case tUniform(boundLog2: Int)

    public var description: String {
        switch self {
        case .gaussian(let s, _): "Gaussian(σ=\(s))"
        case .tUniform(let b): "TUniform(\(b))"
        }
    }

    /// Draws `count` noise values (as wrapping u64) from `generator`.
    package func sample(_ count: Int, from generator: RandomGenerator) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { sample(into: $0, from: generator) }
        return out
    }

    /// Draws one noise value per element of `out`.
    package func sample(into out: UnsafeMutableBufferPointer<UInt64>, from generator: RandomGenerator) {
        switch self {
        case .tUniform(let b):
            TUniformSampler(boundLog2: b).sample(into: out, from: generator)
        case .gaussian(let std, let mean):
            GaussianSampler(standardDeviation: std, mean: mean).sample(into: out, from: generator)
        }
    }

    /// Adds one noise value to each element of `out` (wrapping).
    package func addSample(to out: UnsafeMutableBufferPointer<UInt64>, from generator: RandomGenerator) {
        let n = [UInt64](unsafeUninitializedCapacity: out.count) { buf, c in
            sample(into: buf, from: generator)
            c = out.count
        }
        for i in 0..<out.count { out[i] &+= n[i] }
    }

    /// Whether the parameters are usable (bounds that fit the sampler).
    package var isValid: Bool {
        switch self {
        case .tUniform(let b): b >= 0 && b + 2 <= 64
        case .gaussian(let s, let m): s.isFinite && s >= 0 && m.isFinite
        }
    }
}

/// tfhe-rs's TUniform(b) sampler: read ⌈(b+2)/8⌉ bytes little-endian, keep the low b+2 bits `x`,
/// return `(x >> 1) + (x & 1) − 2^b`. Interior values have probability 2^−(b+1), the endpoints
/// ±2^b have 2^−(b+2).
package struct TUniformSampler: Sendable {
    /// log2 of the bound.
    package let boundLog2: Int

    /// Creates a sampler for TUniform(`boundLog2`); requires `boundLog2 + 2 ≤ 64`.
    package init(boundLog2: Int) { self.boundLog2 = boundLog2 }

    /// Fills `out` with samples (two's complement in u64).
    package func sample(into out: UnsafeMutableBufferPointer<UInt64>, from generator: RandomGenerator) {
        let bits = boundLog2 + 2
        let bytesPerSample = (bits + 7) / 8
        let mask: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        let offset: UInt64 = 1 << UInt64(boundLog2)
        let total = bytesPerSample * out.count
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: total + 8, alignment: 8)
        defer { raw.deallocate() }
        generator.fill(UnsafeMutableRawBufferPointer(rebasing: raw[0..<total]))
        for i in 0..<out.count {
            // Unaligned 8-byte little-endian load; bytes past this sample are masked off.
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * bytesPerSample, as: UInt64.self))
            let x = w & mask
            out[i] = (x >> 1) &+ (x & 1) &- offset
        }
    }
}

/// tfhe-rs's Gaussian sampler (Marsaglia polar method): u, v from 8-byte little-endian i64 × 2^−63,
/// accept 0 < s = u² + v² < 1, f = σ·√(−2 ln s / s), samples (u·f, v·f) mapped to the torus by
/// `round((x − round(x)) · 2^64)`.
package struct GaussianSampler: Sendable {
    package let standardDeviation: Double
    package let mean: Double

    package init(standardDeviation: Double, mean: Double = 0) {
        self.standardDeviation = standardDeviation
        self.mean = mean
    }

    /// Fills `out` with samples as wrapping u64 torus values.
    package func sample(into out: UnsafeMutableBufferPointer<UInt64>, from generator: RandomGenerator) {
        var i = 0
        while i < out.count {
            let (a, b) = pair(generator)
            out[i] = Self.toTorus(a + mean)
            i += 1
            if i < out.count {
                out[i] = Self.toTorus(b + mean)
                i += 1
            }
        }
    }

    /// One pair of samples on the real torus (not yet reduced).
    func pair(_ g: RandomGenerator) -> (Double, Double) {
        let scale = 1.0 / 9223372036854775808.0  // 2^-63
        while true {
            let u = Double(Int64(bitPattern: g.nextUInt64())) * scale
            let v = Double(Int64(bitPattern: g.nextUInt64())) * scale
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = standardDeviation * (-2 * Foundation.log(s) / s).squareRoot()
                return (u * f, v * f)
            }
        }
    }

    /// Maps a real torus element to u64: `round((x − round(x)) · 2^64)` through i64.
    static func toTorus(_ x: Double) -> UInt64 {
        let frac = x - x.rounded()
        let scaled = (frac * 18446744073709551616.0).rounded()
        // |frac| ≤ 1/2, so scaled ∈ [−2^63, 2^63]; +2^63 itself wraps to −2^63 as in tfhe-rs.
        if scaled >= 9223372036854775808.0 { return UInt64(1) << 63 }
        return UInt64(bitPattern: Int64(scaled))
    }
}
