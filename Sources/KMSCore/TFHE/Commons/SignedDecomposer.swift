/// The balanced gadget decomposition of tfhe-rs (`SignedDecomposer`): a torus value is rounded to
/// its `B·L` most significant bits (the closest representable value) and written as
/// `Σ_{l=1}^{L} d_l · 2^(64 − l·B)` with digits `−2^(B−1) ≤ d_l ≤ 2^(B−1)`, a digit equal to
/// `2^(B−1)` staying positive only when the next more significant remainder is even.
///
/// Key switching and external products multiply key rows by these digits.
///
/// ```swift
/// let d = try SignedDecomposer(baseLog: 4, levelCount: 3)
/// var digits = [Int64](repeating: 0, count: 3)
/// d.decompose(x, into: &digits)                   // digits[0] is level 1 (most significant)
/// d.recompose(digits) == d.closestRepresentable(x) // true
/// ```
package struct SignedDecomposer: Sendable, Hashable {
    package let baseLog: DecompositionBaseLog
    package let levelCount: DecompositionLevelCount

    /// A decomposer of `levelCount` digits of `baseLog` bits.
    /// - Throws: `TFHEError.invalidParameters` unless `1 ≤ B`, `1 ≤ L` and `B·L < 64`.
    package init(baseLog: DecompositionBaseLog, levelCount: DecompositionLevelCount) throws(TFHEError) {
        guard (1...63).contains(baseLog.value), (1...63).contains(levelCount.value), baseLog.value * levelCount.value < 64 else {
            throw .invalidParameters("decomposition 2^\(baseLog)×\(levelCount) must use 1…63 bits")
        }
        self.baseLog = baseLog
        self.levelCount = levelCount
    }

    /// Bits kept: B·L.
    @inlinable package var precision: Int { baseLog.value * levelCount.value }

    /// `x` rounded to the nearest multiple of `2^(64 − B·L)` (ties away from zero, as tfhe-rs).
    @inlinable package func closestRepresentable(_ x: UInt64) -> UInt64 {
        let shift = UInt64(64 - precision)
        let rounded = (x &+ (1 << (shift - 1))) >> shift
        return rounded << shift
    }

    /// The L balanced digits of `x`, level 1 (most significant) at index 0.
    @inlinable package func decompose(_ x: UInt64, into digits: inout [Int64]) {
        digits.withUnsafeMutableBufferPointer { decompose(x, into: $0) }
    }

    /// The L balanced digits of `x` into `digits` (at least L entries), level 1 at index 0.
    @inlinable package func decompose(_ x: UInt64, into digits: UnsafeMutableBufferPointer<Int64>) {
        let b = UInt64(baseLog.value)
        var state = (x &+ (1 << UInt64(63 - precision))) >> UInt64(64 - precision)
        let mask: UInt64 = (1 << b) - 1
        let half: UInt64 = 1 << (b - 1)
        var level = levelCount.value
        while level >= 1 {
            var d = state & mask
            state >>= b
            if d > half || (d == half && state & 1 == 1) {
                // Balanced digit: d − 2^B, carrying one into the next level.
                state &+= 1
                d = d &- (1 << b)
            }
            digits[level - 1] = Int64(bitPattern: d)
            level -= 1
        }
    }

    /// The L balanced digits of `x`, level ℓ written at `digits[(ℓ − 1)·stride]`: the digit
    /// polynomials of a whole polynomial, level by level, in one pass.
    @inlinable @inline(__always)
    package func decompose(_ x: UInt64, into digits: UnsafeMutablePointer<Int64>, stride: Int) {
        let b = UInt64(baseLog.value)
        let p = UInt64(precision)
        var state = (x &+ (1 &<< (63 &- p))) &>> (64 &- p)
        let mask: UInt64 = (1 &<< b) &- 1
        let half: UInt64 = 1 &<< (b &- 1)
        var level = levelCount.value
        while level >= 1 {
            var d = state & mask
            state &>>= b
            // Balanced digit: d − 2^B, carrying one, when d > 2^(B−1) or d = 2^(B−1) and the
            // remaining state is odd (arithmetic select, no branch on the value).
            let carry: UInt64 = (d > half || (d == half && state & 1 == 1)) ? 1 : 0
            state &+= carry
            d &-= carry &<< b
            digits[(level &- 1) &* stride] = Int64(bitPattern: d)
            level &-= 1
        }
    }

    /// `Σ_l d_l · 2^(64 − l·B)` (wrapping): the inverse of `decompose` on representable values.
    @inlinable package func recompose(_ digits: [Int64]) -> UInt64 {
        var acc: UInt64 = 0
        for l in 1...levelCount.value {
            acc &+= UInt64(bitPattern: digits[l - 1]) &<< UInt64(64 - l * baseLog.value)
        }
        return acc
    }
}
