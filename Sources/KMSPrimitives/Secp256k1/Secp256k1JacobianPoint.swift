// Jacobian coordinates for secp256k1 (a = 0) with the fast incomplete formulas, in variable
// time: for verification and recovery, where every input is public. The exceptional cases of
// the formulas (the identity, P + P, P + (−P)) are detected and handled explicitly.

/// A point (X : Y : Z) standing for the affine (X/Z², Y/Z³), or the identity when
/// `isInfinity` is set (the coordinates are then meaningless).
///
/// The formulas never use the curve constant b, so they also work unchanged on any curve
/// y² = x³ + b·u⁶ isomorphic through (x, y) ↦ (u²x, u³y). The double multiplication uses that to
/// treat a table of Jacobian points sharing one Z as affine points ("effective affine").
struct Secp256k1JacobianPoint: Sendable {
    var x: Secp256k1Field
    var y: Secp256k1Field
    var z: Secp256k1Field
    var isInfinity: Bool

    static let infinity = Secp256k1JacobianPoint(x: .zero, y: .one, z: .zero, isInfinity: true)

    @inline(__always)
    init(x: Secp256k1Field, y: Secp256k1Field, z: Secp256k1Field, isInfinity: Bool = false) {
        self.x = x
        self.y = y
        self.z = z
        self.isInfinity = isInfinity
    }

    @inline(__always)
    init(_ p: Secp256k1AffinePoint) {
        self.init(x: p.x, y: p.y, z: .one)
    }

    /// 2·self: 3M + 4S (A = X², B = Y², C = B², D = 4XB, E = 3A; X3 = E² − 2D,
    /// Y3 = E(D − X3) − 8C, Z3 = 2YZ). secp256k1 has no point of order 2, so Y ≠ 0 and the
    /// double of a finite point is finite.
    @inline(__always)
    func doubledVartime() -> Secp256k1JacobianPoint {
        if isInfinity { return self }
        let a = x.squared()
        let b = y.squared()
        let c = b.squared()
        let xb = x * b
        let d = xb.timesPowerOfTwo(2)
        let e = a.timesPowerOfTwo(1) + a
        let x3 = e.squared() - xb.timesPowerOfTwo(3)
        let y3 = e * (d - x3) - c.timesPowerOfTwo(3)
        let yz = y * z
        return Secp256k1JacobianPoint(x: x3, y: y3, z: yz.timesPowerOfTwo(1))
    }

    /// self + (bx, by) for an affine point b on the same (possibly isomorphic) curve: the
    /// mixed addition, 8M + 3S. Returns the identity for b = −self and doubles for b = self.
    @inline(__always)
    func addingVartime(_ bx: Secp256k1Field, _ by: Secp256k1Field) -> Secp256k1JacobianPoint {
        if isInfinity { return Secp256k1JacobianPoint(x: bx, y: by, z: .one) }
        let zz = z.squared()
        return finishAddition(u2: bx * zz, s2: by * (zz * z)).point
    }

    /// The mixed addition that also returns Z3/Z1 (= H), for building tables whose entries are
    /// then brought to a common Z. `self` must be finite and b ≠ ±self (the ratio is then
    /// never zero).
    @inline(__always)
    func addingVartime(_ bx: Secp256k1Field, _ by: Secp256k1Field,
                       zRatio: inout Secp256k1Field) -> Secp256k1JacobianPoint {
        let zz = z.squared()
        let (point, ratio) = finishAddition(u2: bx * zz, s2: by * (zz * z))
        zRatio = ratio
        return point
    }

    /// self + b where self lives on the curve scaled by `zScale` (its true Jacobian Z is
    /// Z·zScale) and b = (bx, by) is a true affine point: U2 and S2 use Z·zScale while Z3 stays
    /// Z·H. 9M + 3S. `zScale2`, `zScale3` are zScale² and zScale³.
    @inline(__always)
    func addingVartime(_ bx: Secp256k1Field, _ by: Secp256k1Field, zScale: Secp256k1Field,
                       zScale2: Secp256k1Field, zScale3: Secp256k1Field) -> Secp256k1JacobianPoint {
        if isInfinity {
            // b on the scaled curve: (bx·zScale², by·zScale³, 1).
            return Secp256k1JacobianPoint(x: bx * zScale2, y: by * zScale3, z: .one)
        }
        let az = z * zScale
        let zz = az.squared()
        return finishAddition(u2: bx * zz, s2: by * (zz * az)).point
    }

    /// The common tail of the mixed additions: H = U2 − X1, R = S2 − Y1, then
    /// X3 = R² − H³ − 2·X1·H², Y3 = R(X1·H² − X3) − Y1·H³, Z3 = Z1·H; also returns H.
    /// H = 0 means the same x: b = self (R = 0) doubles, b = −self gives the identity (the
    /// returned ratio is then meaningless).
    @inline(__always)
    private func finishAddition(u2: Secp256k1Field, s2: Secp256k1Field) -> (point: Secp256k1JacobianPoint, ratio: Secp256k1Field) {
        let h = u2 - x
        let r = s2 - y
        if h.isZero {
            return (r.isZero ? doubledVartime() : .infinity, .zero)
        }
        let hh = h.squared()
        let hhh = h * hh
        let v = x * hh
        let x3 = r.squared() - hhh - v.timesPowerOfTwo(1)
        let y3 = r * (v - x3) - y * hhh
        return (Secp256k1JacobianPoint(x: x3, y: y3, z: z * h), h)
    }

    /// self + b for two Jacobian points (12M + 4S), handling every exceptional case.
    func addingVartime(_ b: Secp256k1JacobianPoint) -> Secp256k1JacobianPoint {
        if isInfinity { return b }
        if b.isInfinity { return self }
        let z1z1 = z.squared(), z2z2 = b.z.squared()
        let u1 = x * z2z2, u2 = b.x * z1z1
        let s1 = y * (z2z2 * b.z), s2 = b.y * (z1z1 * z)
        let h = u2 - u1
        let r = s2 - s1
        if h.isZero {
            return r.isZero ? doubledVartime() : .infinity
        }
        let hh = h.squared()
        let hhh = h * hh
        let v = u1 * hh
        let x3 = r.squared() - hhh - v.timesPowerOfTwo(1)
        let y3 = r * (v - x3) - s1 * hhh
        return Secp256k1JacobianPoint(x: x3, y: y3, z: z * b.z * h)
    }

    /// −self.
    @inline(__always)
    var negated: Secp256k1JacobianPoint {
        Secp256k1JacobianPoint(x: x, y: -y, z: z, isInfinity: isInfinity)
    }

    /// The affine point (variable-time inversion), or nil for the identity.
    var affineVartime: Secp256k1AffinePoint? {
        if isInfinity || z.isZero { return nil }
        let zi = z.inverseVartime()
        let zi2 = zi.squared()
        return Secp256k1AffinePoint(x: x * zi2, y: y * (zi2 * zi))
    }

    /// Whether the affine x of this point, reduced modulo n, equals r (ECDSA's final check)
    /// without an inversion: X = r·Z², or X = (r + n)·Z² when r + n < p.
    func xReducedEquals(_ r: Secp256k1Scalar) -> Bool {
        if isInfinity { return false }
        let zz = z.squared()
        // r < n < p, so r is a field element.
        if Secp256k1Field(unchecked: r.v) * zz == x { return true }
        // x ∈ [n, p) reduces to x − n: try r + n when it is still a field element.
        let (rn, carry) = U256.add(r.v, Secp256k1Scalar.n)
        guard carry == 0, let candidate = Secp256k1Field(rn) else { return false }
        return candidate * zz == x
    }

    /// Converts finite Jacobian points to affine with one inversion (Montgomery's trick;
    /// variable time, for public points such as precomputed tables).
    static func batchAffine(_ points: [Secp256k1JacobianPoint]) -> [Secp256k1AffinePoint] {
        var prefix = [Secp256k1Field](repeating: .one, count: points.count)
        var acc = Secp256k1Field.one
        for i in points.indices {
            prefix[i] = acc
            acc = acc * points[i].z
        }
        var inv = acc.inverseVartime()
        var out = [Secp256k1AffinePoint](repeating: .generator, count: points.count)
        for i in points.indices.reversed() {
            let zi = inv * prefix[i]
            inv = inv * points[i].z
            let zi2 = zi.squared()
            out[i] = Secp256k1AffinePoint(x: points[i].x * zi2, y: points[i].y * (zi2 * zi))
        }
        return out
    }
}
