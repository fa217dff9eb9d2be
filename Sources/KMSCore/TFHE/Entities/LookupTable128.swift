/// A lookup table over Z_{2^128}: the body of the trivial u128 GLWE accumulator of noise
/// squashing's blind rotation (tfhe-rs `generate_programmable_bootstrap_glwe_lut` for u128),
/// interleaved (2·N words), with the same rule as `LookupTable`: slot m of N/boxes coefficients
/// holds `f(m)·Δ`; the first half slot is negated and the table rotated left (cyclically) by half
/// a slot, so phases slightly below a message still select it.
///
/// ```swift
/// let identity = LookupTable128(polynomialSize: 2048, boxes: 16, delta: U128(1) << 123) { $0 }
/// ```
package struct LookupTable128: Sendable, Equatable {
    /// N coefficients, interleaved.
    package let body: [UInt64]
    /// The largest f(m) over the slots, reduced modulo `boxes`.
    package let maxValue: UInt64

    /// The table of `f` over `boxes` slots (a power of two dividing N), values scaled by `delta`.
    package init(polynomialSize n: Int, boxes: Int, delta: U128, _ f: (UInt64) -> UInt64) {
        let boxSize = n / boxes
        var t = [U128](repeating: .zero, count: n)
        var maxValue: UInt64 = 0
        for m in 0..<boxes {
            let v = f(UInt64(m)) % UInt64(boxes)
            maxValue = max(maxValue, v)
            let scaled = delta &* U128(v)
            for j in m * boxSize ..< (m + 1) * boxSize { t[j] = scaled }
        }
        let half = boxSize / 2
        let rotated = (0..<n).map { j in j + half < n ? t[j + half] : U128.zero &- t[j + half - n] }
        body = U128Polynomial.interleave(rotated)
        self.maxValue = maxValue
    }

    /// The identity table of noise squashing for `parameters`: message·carry slots, Δ128.
    package init(identityFor parameters: NoiseSquashingParameters) {
        self.init(polynomialSize: parameters.polynomialSize.value, boxes: parameters.boxes, delta: parameters.delta) { $0 }
    }
}
