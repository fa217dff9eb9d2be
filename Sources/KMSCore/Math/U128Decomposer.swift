/// The balanced gadget decomposition of tfhe-rs (`SignedDecomposer<u128>`) over Z_{2^128}: a value
/// is rounded to its `B·L` most significant bits (the closest representable value) and written
/// as `Σ_{ℓ=1}^{L} d_ℓ · 2^(128 − ℓ·B)` with digits `−2^(B−1) ≤ d_ℓ ≤ 2^(B−1)`, digit for digit as
/// tfhe-rs computes them (`init_decomposer_state`, `decompose_one_level`): the rounded state is
/// made signed (negative above 2^(R−1), or at 2^(R−1) when the rounding bit is set; R = B·L) and
/// shifted arithmetically; a digit equal to `2^(B−1)` becomes `−2^(B−1)` (carrying one) exactly
/// when bit B−1 of the remaining state is set.
///
/// Digits are produced from the least significant level (L) up to level 1. Polynomial digits are
/// written level-major: level ℓ of coefficient i at `digits[(ℓ − 1)·N + i]`.
///
/// ```swift
/// let d = U128Decomposer(baseLog: 24, levelCount: 3)!
/// var digits = [Int64](repeating: 0, count: 3)
/// d.decompose(x, into: &digits)                    // digits[0] is level 1 (most significant)
/// d.recompose(digits) == d.closestRepresentable(x) // true
/// ```
package struct U128Decomposer: Sendable, Hashable {
    /// B.
    package let baseLog: Int
    /// L.
    package let levelCount: Int

    /// A decomposer of L digits of B bits; nil unless 1 ≤ B ≤ 63, 1 ≤ L and B·L < 128.
    package init?(baseLog: Int, levelCount: Int) {
        guard (1...63).contains(baseLog), (1...127).contains(levelCount), baseLog * levelCount < 128 else { return nil }
        self.baseLog = baseLog
        self.levelCount = levelCount
    }

    /// Bits kept: B·L.
    @inlinable package var precision: Int { baseLog * levelCount }

    /// The rounded top B·L bits of `x`: `(x + 2^(127 − B·L)) >> (128 − B·L)` (wrapping add).
    @inlinable func roundedState(_ x: U128) -> U128 {
        (x &+ (U128(1) << (127 - precision))) >> (128 - precision)
    }

    /// `x` rounded to the nearest multiple of `2^(128 − B·L)` (ties up, as tfhe-rs).
    @inlinable package func closestRepresentable(_ x: U128) -> U128 {
        roundedState(x) << (128 - precision)
    }

    /// The L balanced digits of `x` into `digits` (L entries), level 1 at index 0.
    @inlinable package func decompose(_ x: U128, into digits: inout [Int64]) {
        precondition(digits.count >= levelCount, "need \(levelCount) digits")
        digits.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            decompose(x, into: base, stride: 1)
        }
    }

    /// The L digits of `x`: level ℓ written to `digits[(ℓ − 1)·stride]`.
    @inlinable @inline(__always)
    package func decompose(_ x: U128, into digits: UnsafeMutablePointer<Int64>, stride: Int) {
        let b = UInt64(baseLog)
        let mask: UInt64 = (1 << b) &- 1
        let r = precision
        // init_decomposer_state: the top R + 1 bits, rounded half up to R bits …
        let top = x >> (127 - r)
        let roundingBit = top.low & 1
        var state = (top &+ U128(1)) >> 1
        let keep = (U128(1) << r) &- U128(1)
        state = U128(low: state.low & keep.low, high: state.high & keep.high)
        // … as a signed value: negative above 2^(R−1), or at 2^(R−1) with the rounding bit set.
        let halfRange = U128(1) << (r - 1)
        if halfRange < state || (state == halfRange && roundingBit == 1) {
            state = state &- (U128(1) << r)
        }
        var lo = state.low
        var hi = state.high
        var level = levelCount
        while level >= 1 {
            let res = lo & mask
            // Arithmetic shift right by B (1 ≤ B ≤ 63).
            lo = (lo >> b) | (hi << (64 &- b))
            hi = UInt64(bitPattern: Int64(bitPattern: hi) >> Int64(b))
            // decompose_one_level's bit trick: carry = bit B−1 of ((res − 1) | state) & res.
            let carry = (((res &- 1) | lo) & res) >> (b &- 1)
            let (s, c) = lo.addingReportingOverflow(carry)
            lo = s
            hi &+= c ? 1 : 0
            digits[(level &- 1) &* stride] = Int64(bitPattern: res) &- Int64(bitPattern: carry << b)
            level &-= 1
        }
    }

    /// Digits of a whole polynomial: `coefficients` interleaved (2·N words), `digits` L·N entries,
    /// level ℓ of coefficient i at `digits[(ℓ − 1)·N + i]`.
    package func decompose(polynomial coefficients: UnsafeBufferPointer<UInt64>,
                           into digits: UnsafeMutableBufferPointer<Int64>) {
        let n = coefficients.count / 2
        precondition(coefficients.count == 2 * n && digits.count == levelCount * n, "size mismatch")
        guard let c = coefficients.baseAddress, let d = digits.baseAddress else { return }
        for i in 0..<n {
            decompose(U128(low: c[2 &* i], high: c[2 &* i &+ 1]), into: d + i, stride: n)
        }
    }

    /// Array form of `decompose(polynomial:into:)`: L·N digits, level-major.
    package func decompose(polynomial coefficients: [UInt64]) -> [Int64] {
        var digits = [Int64](repeating: 0, count: levelCount * (coefficients.count / 2))
        coefficients.withUnsafeBufferPointer { c in
            digits.withUnsafeMutableBufferPointer { decompose(polynomial: c, into: $0) }
        }
        return digits
    }

    /// `Σ_ℓ d_ℓ · 2^(128 − ℓ·B)` (wrapping), digits level 1 first: the inverse of `decompose`
    /// on representable values.
    package func recompose(_ digits: some Collection<Int64>) -> U128 {
        var acc = U128.zero
        for (i, d) in digits.prefix(levelCount).enumerated() {
            acc = acc &+ (U128(signExtending: d) << (128 - (i + 1) * baseLog))
        }
        return acc
    }
}
