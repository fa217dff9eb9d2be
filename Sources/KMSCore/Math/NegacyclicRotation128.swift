/// Multiplication by monomials X^m in Z_{2^128}[X]/(X^N + 1), m in 0 ..< 2N (X^N = −1), for
/// polynomials in the interleaved two-limb layout of `U128` (coefficient j is words 2j, 2j+1).
/// Rotation amounts come from public (modulus-switched) ciphertext data.
package enum NegacyclicRotation128 {
    /// `out = p·X^m` (N coefficients each, 2·N words; `out` and `p` must not overlap).
    @inline(__always)
    package static func rotate(_ p: UnsafePointer<UInt64>, by m: Int, size n: Int, into out: UnsafeMutablePointer<UInt64>) {
        let wrapped = m >= n
        let s = wrapped ? m - n : m
        // (p·X^s)_j = p_{j−s} for j ≥ s, −p_{j−s+N} for j < s; a further X^N negates all.
        for j in 0..<s {
            let c = U128Polynomial.coefficient(p, j &+ n &- s)
            store(wrapped ? c : U128.zero &- c, out, j)
        }
        for j in s..<n {
            let c = U128Polynomial.coefficient(p, j &- s)
            store(wrapped ? U128.zero &- c : c, out, j)
        }
    }

    /// `out = p·X^m − p`.
    @inline(__always)
    package static func rotateMinusSelf(_ p: UnsafePointer<UInt64>, by m: Int, size n: Int, into out: UnsafeMutablePointer<UInt64>) {
        let wrapped = m >= n
        let s = wrapped ? m - n : m
        for j in 0..<s {
            let c = U128Polynomial.coefficient(p, j &+ n &- s), own = U128Polynomial.coefficient(p, j)
            store((wrapped ? c : U128.zero &- c) &- own, out, j)
        }
        for j in s..<n {
            let c = U128Polynomial.coefficient(p, j &- s), own = U128Polynomial.coefficient(p, j)
            store((wrapped ? U128.zero &- c : c) &- own, out, j)
        }
    }

    @inline(__always)
    static func store(_ v: U128, _ out: UnsafeMutablePointer<UInt64>, _ j: Int) {
        out[2 &* j] = v.low
        out[2 &* j &+ 1] = v.high
    }
}

extension U128Polynomial {
    /// Coefficient `i` of an interleaved polynomial behind a pointer.
    @inlinable @inline(__always)
    package static func coefficient(_ words: UnsafePointer<UInt64>, _ i: Int) -> U128 {
        U128(low: words[2 &* i], high: words[2 &* i &+ 1])
    }
}
