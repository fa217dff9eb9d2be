/// Chinese remaindering of residues modulo the three engine primes p0 > p1 > p2 (Garner's
/// method) to the **signed** integer v ∈ (−M/2, M/2), M = p0·p1·p2 ≈ 2^186, reduced mod 2^128.
package struct CRT128: Sendable {
    let p0: NTTPrime, p1: NTTPrime, p2: NTTPrime
    /// p0^{−1} mod p1; p0 mod p2; (p0·p1)^{−1} mod p2 — each with its Shoup constant.
    let inv01: UInt64, inv01s: UInt64
    let p0mod2: UInt64, p0mod2s: UInt64
    let inv012: UInt64, inv012s: UInt64
    /// p0·p1 as two limbs.
    let p01lo: UInt64, p01hi: UInt64
    /// M as three limbs, and ⌊M/2⌋ as three limbs.
    let m0: UInt64, m1: UInt64, m2: UInt64
    let h0: UInt64, h1: UInt64, h2: UInt64

    /// Constants for three primes given in decreasing order with p0 < 2·p2; nil otherwise.
    package init?(_ p0: NTTPrime, _ p1: NTTPrime, _ p2: NTTPrime) {
        guard p0.p > p1.p, p1.p > p2.p, p0.p < p2.twoP else { return nil }
        self.p0 = p0
        self.p1 = p1
        self.p2 = p2
        inv01 = p1.inverse(p0.p % p1.p)
        inv01s = p1.shoup(inv01)
        p0mod2 = p0.p % p2.p
        p0mod2s = p2.shoup(p0mod2)
        inv012 = p2.inverse(p2.multiply(p0.p, p1.p))
        inv012s = p2.shoup(inv012)
        (p01hi, p01lo) = p0.p.multipliedFullWidth(by: p1.p)
        let (a1, a0) = p01lo.multipliedFullWidth(by: p2.p)
        let (b1, b0) = p01hi.multipliedFullWidth(by: p2.p)
        let (mid, carry) = a1.addingReportingOverflow(b0)
        m0 = a0
        m1 = mid
        m2 = b1 &+ (carry ? 1 : 0)
        h0 = (m0 >> 1) | (m1 << 63)
        h1 = (m1 >> 1) | (m2 << 63)
        h2 = m2 >> 1
    }

    /// v mod 2^128 as (low, high), for residues x_i ∈ [0, p_i) of the signed v.
    @inlinable @inline(__always)
    package func reconstruct(_ x0: UInt64, _ x1: UInt64, _ x2: UInt64) -> (low: UInt64, high: UInt64) {
        // v = a0 + a1·p0 + a2·p0·p1 with a_i ∈ [0, p_i).
        let a0 = x0
        let a1 = p1.multiply(x1 &+ p1.twoP &- a0, inv01, inv01s)             // a0 < p0 < 2p1
        let a0r = p2.reduceOnce(a0)
        let u = p2.multiply(a1, p0mod2, p0mod2s)
        let a2 = p2.multiply(x2 &+ p2.twoP &- a0r &- u, inv012, inv012s)     // ∈ (0, 3p2)
        let (t1, t0) = a1.multipliedFullWidth(by: p0.p)                       // < 2^124
        let (c1, c0) = a2.multipliedFullWidth(by: p01lo)
        let (d1, d0) = a2.multipliedFullWidth(by: p01hi)
        // (r2, r1, r0) = (d1, d0 + c1, c0) + (0, t1, t0 + a0)
        let (s0, k0) = t0.addingReportingOverflow(a0)
        let (r0, k1) = c0.addingReportingOverflow(s0)
        let (e1, k2) = d0.addingReportingOverflow(c1)
        let (f1, k3) = e1.addingReportingOverflow(t1)
        let (r1, k4) = f1.addingReportingOverflow((k0 ? 1 : 0) &+ (k1 ? 1 : 0))
        let r2 = d1 &+ (k2 ? 1 : 0) &+ (k3 ? 1 : 0) &+ (k4 ? 1 : 0)
        // Negative (v > ⌊M/2⌋): subtract M, keeping the low 128 bits.
        let negative = r2 != h2 ? r2 > h2 : (r1 != h1 ? r1 > h1 : r0 > h0)
        let mask: UInt64 = negative ? .max : 0
        let (lo, borrow) = r0.subtractingReportingOverflow(m0 & mask)
        let hi = r1 &- (m1 & mask) &- (borrow ? 1 : 0)
        return (lo, hi)
    }
}
