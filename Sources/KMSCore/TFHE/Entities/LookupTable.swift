/// A lookup table for programmable bootstrapping: the body polynomial of the trivial GLWE
/// accumulator (tfhe-rs `generate_lookup_table` / `fill_accumulator`), with the largest value
/// it can produce (tfhe-rs's degree).
///
/// For `boxes` message slots of N/boxes coefficients each, slot m holds `f(m)·Δ`; the table is
/// rotated by half a slot so that phases slightly below a message still select it; the half
/// slot of 0 wraps to the end negated, as negacyclic rotation expects.
///
/// ```swift
/// let lut = LookupTable(polynomialSize: 2048, boxes: 16, delta: 1 << 59) { ($0 + 1) % 4 }
/// ```
package struct LookupTable: Sendable, Equatable {
    /// N coefficients.
    package let body: [UInt64]
    /// The largest f(m) over the slots, reduced modulo `boxes`.
    package let maxValue: UInt64

    /// The table of `f` over `boxes` slots (a power of two dividing N), values scaled by `delta`.
    /// f's results are reduced modulo `boxes` (what fits a block with its padding bit).
    package init(polynomialSize: Int, boxes: Int, delta: UInt64, _ f: (UInt64) -> UInt64) {
        let boxSize = polynomialSize / boxes
        var t = [UInt64](repeating: 0, count: polynomialSize)
        var maxValue: UInt64 = 0
        for m in 0..<boxes {
            let v = f(UInt64(m)) % UInt64(boxes)
            maxValue = max(maxValue, v)
            let scaled = v &* delta
            for j in m * boxSize ..< (m + 1) * boxSize { t[j] = scaled }
        }
        // tfhe-rs negates the first half slot, then rotates the table left (cyclically) by half
        // a slot: the wrapped coefficients hold −f(0)·Δ, which a rotation past X^N negates back.
        let half = boxSize / 2
        let body = (0..<polynomialSize).map { j in
            j + half < polynomialSize ? t[j + half] : 0 &- t[j + half - polynomialSize]
        }
        self.body = body
        self.maxValue = maxValue
    }
}
