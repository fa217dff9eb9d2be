/// Multiplication by monomials X^m in Z_{2^64}[X]/(X^N + 1), m in 0 ..< 2N (X^N = −1).
package enum NegacyclicRotation {
    /// `out = p·X^m` (`out` and `p` must not overlap).
    @inline(__always)
    package static func rotate(_ p: UnsafePointer<UInt64>, by m: Int, size n: Int, into out: UnsafeMutablePointer<UInt64>) {
        let negate: UInt64 = m >= n ? 1 : 0
        let s = m >= n ? m - n : m
        // (p·X^s)_j = p_{j−s} for j ≥ s, −p_{j−s+N} for j < s; a further X^N negates all.
        let flipLow = 0 &- (negate ^ 1), flipHigh = 0 &- negate
        for j in 0..<s { out[j] = (p[j &+ n &- s] ^ flipLow) &+ (negate ^ 1) }
        for j in s..<n { out[j] = (p[j &- s] ^ flipHigh) &+ negate }
    }

    /// `out = p·X^m − p`.
    @inline(__always)
    package static func rotateMinusSelf(_ p: UnsafePointer<UInt64>, by m: Int, size n: Int, into out: UnsafeMutablePointer<UInt64>) {
        let wrapped = m >= n
        let s = wrapped ? m - n : m
        if wrapped {
            for j in 0..<s { out[j] = p[j &+ n &- s] &- p[j] }
            for j in s..<n { out[j] = (0 &- p[j &- s]) &- p[j] }
        } else {
            for j in 0..<s { out[j] = (0 &- p[j &+ n &- s]) &- p[j] }
            for j in s..<n { out[j] = p[j &- s] &- p[j] }
        }
    }
}
