/// The balanced gadget decomposition of tfhe-rs (`SignedDecomposer`): a torus value is rounded to
/// its `B·L` most significant bits (the closest representable value) and written as
/// `Σ_{l=1}^{L} d_l · 2^(64 − l·B)` with digits `−2^(B−1) ≤ d_l ≤ 2^(B−1)`, a digit equal to
/// `2^(B−1)` carrying into the next level when bit B−1 of the remaining state is set (tfhe-rs's rule).
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
        if let base = digits.baseAddress { decompose(x, into: base, stride: 1) }
    }

    /// The L balanced digits of `x`, level ℓ written at `digits[(ℓ − 1)·stride]`: the digit
    /// polynomials of a whole polynomial, level by level, in one pass.
    ///
    /// Digit for digit as tfhe-rs (`init_decomposer_state`, `decompose_one_level`): the state is
    /// the signed closest representable value (negative above 2^(R−1), or at it when the
    /// rounding bit is set); each level takes the low B bits, shifts arithmetically, and a digit
    /// of 2^(B−1) carries when bit B−1 of the remaining state is set.
    @inlinable @inline(__always)
    package func decompose(_ x: UInt64, into digits: UnsafeMutablePointer<Int64>, stride: Int) {
        let b = UInt64(baseLog.value)
        let r = UInt64(precision)
        var t = x &>> (63 &- r)
        let roundingBit = t & 1
        t = ((t &+ 1) &>> 1) & ((1 &<< r) &- 1)
        let top: UInt64 = 1 &<< (r &- 1)
        // Negative above 2^(R−1), or at it with the rounding bit set (selects, not branches:
        // the values are random and a branch would mispredict half the time).
        let above: UInt64 = t > top ? 1 : 0, at: UInt64 = t == top ? 1 : 0
        t = t &- ((above | (at & roundingBit)) &<< r)
        var state = Int64(bitPattern: t)
        let mask: UInt64 = (1 &<< b) &- 1
        var level = levelCount.value
        while level >= 1 {
            let res = UInt64(bitPattern: state) & mask
            state &>>= Int64(b)
            let carry = ((((res &- 1) | UInt64(bitPattern: state)) & res) &>> (b &- 1))
            state &+= Int64(bitPattern: carry)
            digits[(level &- 1) &* stride] = Int64(bitPattern: res &- (carry &<< b))
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
