// u1·G + u2·Q for verification and recovery: Strauss–Shamir interleaving of four wNAF
// expansions over one shared chain of doublings, in variable time (all inputs are public).
//
// - u2 is split with the GLV endomorphism into k1 + k2·λ (two ~128-bit halves), so Q and
//   λQ = (β·x, y) share a table of odd multiples (window 5);
// - u1 is split into its low and high 128 bits, using precomputed tables of odd multiples of
//   G and 2^128·G (window `windowG`);
// - the Q table is built "effective affine": its entries are computed on an isomorphic curve
//   on which they all share Z = 1, so every addition in the main loop is a mixed addition.
//   The G entries (true affine points) are added with the curve's scale folded in.

enum Secp256k1DoubleMultiplication {
    /// wNAF window for Q and λQ (2^(5−2) = 8 table entries each).
    static let windowQ = 5
    /// wNAF window for G and 2^128·G (2^(w−2) precomputed entries each).
    static let windowG = 10

    /// u1·G + u2·Q as a Jacobian point (the identity when the sum is). Q must be a point of
    /// the curve (a validated public key, or a point decompressed from an x coordinate).
    static func multiply(u1: Secp256k1Scalar, u2: Secp256k1Scalar, q: Secp256k1AffinePoint) -> Secp256k1JacobianPoint {
        let tables = Secp256k1GeneratorOddMultiples.shared
        let (k1, k2) = Secp256k1Endomorphism.split(u2)
        let (m1, negate1) = k1.signedMagnitude
        let (m2, negate2) = k2.signedMagnitude
        let low = U256(u1.v.l0, u1.v.l1, 0, 0)
        let high = U256(u1.v.l2, u1.v.l3, 0, 0)
        let count = 1 << (windowQ - 2)
        let capQ = Secp256k1WNAF.capacity(width: windowQ)
        let capG = Secp256k1WNAF.capacity(width: windowG)

        return withUnsafeTemporaryAllocation(of: Secp256k1Field.self, capacity: 3 * count) { fields in
            let qx = fields.baseAddress!, qy = qx + count, lx = qy + count
            let zScale = oddMultiplesEffectiveAffine(q, count: count, x: qx, y: qy)
            for i in 0..<count { lx[i] = qx[i] * Secp256k1Endomorphism.beta }
            let zScale2 = zScale.squared()
            let zScale3 = zScale2 * zScale

            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * capQ + 2 * capG) { slots in
                let base = slots.baseAddress!
                base.initialize(repeating: 0, count: 2 * capQ + 2 * capG)
                let d1 = base, d2 = base + capQ, d3 = base + 2 * capQ, d4 = base + 2 * capQ + capG
                let n1 = Secp256k1WNAF.recode(m1, width: windowQ, into: d1)
                let n2 = Secp256k1WNAF.recode(m2, width: windowQ, into: d2)
                let n3 = Secp256k1WNAF.recode(low, width: windowG, into: d3)
                let n4 = Secp256k1WNAF.recode(high, width: windowG, into: d4)
                let length = max(max(n1, n2), max(n3, n4))

                var acc = Secp256k1JacobianPoint.infinity
                var i = length - 1
                while i >= 0 {
                    acc = acc.doubledVartime()
                    var d = d1[i]
                    if d != 0 {
                        let j = Int(d.magnitude >> 1)
                        acc = acc.addingVartime(qx[j], (d < 0) != negate1 ? -qy[j] : qy[j])
                    }
                    d = d2[i]
                    if d != 0 {
                        let j = Int(d.magnitude >> 1)
                        acc = acc.addingVartime(lx[j], (d < 0) != negate2 ? -qy[j] : qy[j])
                    }
                    d = d3[i]
                    if d != 0 {
                        let p = tables.g[Int(d.magnitude >> 1)]
                        acc = acc.addingVartime(p.x, d < 0 ? -p.y : p.y, zScale: zScale, zScale2: zScale2, zScale3: zScale3)
                    }
                    d = d4[i]
                    if d != 0 {
                        let p = tables.g128[Int(d.magnitude >> 1)]
                        acc = acc.addingVartime(p.x, d < 0 ? -p.y : p.y, zScale: zScale, zScale2: zScale2, zScale3: zScale3)
                    }
                    i -= 1
                }
                // Back from the scaled curve: the true Z is Z·zScale.
                return Secp256k1JacobianPoint(x: acc.x, y: acc.y, z: acc.z * zScale, isInfinity: acc.isInfinity)
            }
        }
    }

    /// Writes (1, 3, …, 2·count − 1)·q as (x[i], y[i]) on the curve isomorphic by the returned
    /// scale z: the true Jacobian points are (x[i], y[i], z). Costs one doubling, count − 1
    /// mixed additions and a few multiplications per entry; no inversion.
    @inline(__always)
    static func oddMultiplesEffectiveAffine(_ q: Secp256k1AffinePoint, count: Int,
                                            x: UnsafeMutablePointer<Secp256k1Field>,
                                            y: UnsafeMutablePointer<Secp256k1Field>) -> Secp256k1Field {
        // 2q = (dx, dy, dz). On the curve scaled by dz, 2q is affine and q is (qx·dz², qy·dz³).
        let d = Secp256k1JacobianPoint(q).doubledVartime()
        let dz2 = d.z.squared()
        var t = Secp256k1JacobianPoint(x: q.x * dz2, y: q.y * (dz2 * d.z), z: .one)
        x[0] = t.x
        y[0] = t.y
        return withUnsafeTemporaryAllocation(of: Secp256k1Field.self, capacity: count) { ratios in
            let zr = ratios.baseAddress!
            zr[0] = .one
            for i in 1..<count {
                // t + 2q never hits an exceptional case: (2i − 1)q = ±2q would need n | 2i − 1 ∓ 2.
                t = t.addingVartime(d.x, d.y, zRatio: &zr[i])
                x[i] = t.x
                y[i] = t.y
            }
            // Entry i has Z_i = zr[1]·…·zr[i]; rescale each to the last Z: multiply by
            // s = Z_last/Z_i = zr[i+1]·…·zr[last] (x by s², y by s³).
            var s = Secp256k1Field.one
            var i = count - 2
            while i >= 0 {
                s = s * zr[i + 1]
                let s2 = s.squared()
                x[i] = x[i] * s2
                y[i] = y[i] * (s2 * s)
                i -= 1
            }
            return t.z * d.z
        }
    }
}
