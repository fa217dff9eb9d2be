// Points of secp256k1 (y² = x³ + 7 over GF(p)) in homogeneous projective coordinates, with the
// complete addition formulas of Renes–Costello–Batina (2016, "Complete addition formulas for
// prime order elliptic curves", algorithms 7–9 for a = 0): no exceptional cases, so the same
// code handles doubling, the identity and inverse points without branches.

/// An affine point (never the identity).
struct Secp256k1AffinePoint: Sendable, Hashable {
    var x: Secp256k1Field
    var y: Secp256k1Field

    static let generator = Secp256k1AffinePoint(
        x: Secp256k1Field(unchecked: U256(0x59F2_815B_16F8_1798, 0x029B_FCDB_2DCE_28D9,
                                          0x55A0_6295_CE87_0B07, 0x79BE_667E_F9DC_BBAC)),
        y: Secp256k1Field(unchecked: U256(0x9C47_D08F_FB10_D4B8, 0xFD17_B448_A685_5419,
                                          0x5DA4_FBFC_0E11_08A8, 0x483A_DA77_26A3_C465)))

    /// Whether y² = x³ + 7.
    var isOnCurve: Bool { y.squared() == x.squared() * x + Secp256k1Field.b }

    /// The point with abscissa `x` and the given y parity, if x is on the curve.
    init?(x: Secp256k1Field, yIsOdd: Bool) {
        guard var y = (x.squared() * x + Secp256k1Field.b).squareRoot() else { return nil }
        if y.isOdd != yIsOdd { y = -y }
        self.x = x
        self.y = y
    }

    init(x: Secp256k1Field, y: Secp256k1Field) {
        self.x = x
        self.y = y
    }

    var projective: Secp256k1Point { Secp256k1Point(x: x, y: y, z: .one) }
}

/// A point in projective coordinates (X : Y : Z), affine (X/Z, Y/Z); the identity is (0 : 1 : 0).
struct Secp256k1Point: Sendable {
    var x: Secp256k1Field
    var y: Secp256k1Field
    var z: Secp256k1Field

    static let identity = Secp256k1Point(x: .zero, y: .one, z: .zero)

    /// 3·b for the complete formulas.
    private static let b3: UInt64 = 21

    @inline(__always) var isIdentity: Bool { z.isZero }

    /// The affine form, or nil for the identity (one field inversion).
    var affine: Secp256k1AffinePoint? {
        guard !z.isZero else { return nil }
        let zi = z.inverse()
        return Secp256k1AffinePoint(x: x * zi, y: y * zi)
    }

    static prefix func - (p: Secp256k1Point) -> Secp256k1Point {
        Secp256k1Point(x: p.x, y: -p.y, z: p.z)
    }

    /// P + Q for any P, Q (RCB algorithm 7).
    @inline(__always)
    static func + (p: Secp256k1Point, q: Secp256k1Point) -> Secp256k1Point {
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t2 = p.z * q.z
        var t3 = p.x + p.y
        var t4 = q.x + q.y
        t3 = t3 * t4
        t4 = t0 + t1
        t3 = t3 - t4
        t4 = p.y + p.z
        var x3 = q.y + q.z
        t4 = t4 * x3
        x3 = t1 + t2
        t4 = t4 - x3
        x3 = p.x + p.z
        var y3 = q.x + q.z
        x3 = x3 * y3
        y3 = t0 + t2
        y3 = x3 - y3
        x3 = t0 + t0
        t0 = x3 + t0
        t2 = t2.times(b3)
        var z3 = t1 + t2
        t1 = t1 - t2
        y3 = y3.times(b3)
        x3 = t4 * y3
        t2 = t3 * t1
        x3 = t2 - x3
        y3 = y3 * t0
        t1 = t1 * z3
        y3 = t1 + y3
        t0 = t0 * t3
        z3 = z3 * t4
        z3 = z3 + t0
        return Secp256k1Point(x: x3, y: y3, z: z3)
    }

    /// P + Q for an affine Q (RCB algorithm 8); complete for any P.
    @inline(__always)
    static func + (p: Secp256k1Point, q: Secp256k1AffinePoint) -> Secp256k1Point {
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t3 = q.x + q.y
        var t4 = p.x + p.y
        t3 = t3 * t4
        t4 = t0 + t1
        t3 = t3 - t4
        t4 = q.y * p.z
        t4 = t4 + p.y
        var y3 = q.x * p.z
        y3 = y3 + p.x
        var x3 = t0 + t0
        t0 = x3 + t0
        var t2 = p.z.times(b3)
        var z3 = t1 + t2
        t1 = t1 - t2
        y3 = y3.times(b3)
        x3 = t4 * y3
        t2 = t3 * t1
        x3 = t2 - x3
        y3 = y3 * t0
        t1 = t1 * z3
        y3 = t1 + y3
        t0 = t0 * t3
        z3 = z3 * t4
        z3 = z3 + t0
        return Secp256k1Point(x: x3, y: y3, z: z3)
    }

    /// 2P (RCB algorithm 9).
    @inline(__always)
    func doubled() -> Secp256k1Point {
        var t0 = y.squared()
        var z3 = t0 + t0
        z3 = z3 + z3
        z3 = z3 + z3
        var t1 = y * z
        var t2 = z.squared()
        t2 = t2.times(Self.b3)
        var x3 = t2 * z3
        var y3 = t0 + t2
        z3 = t1 * z3
        t1 = t2 + t2
        t2 = t1 + t2
        t0 = t0 - t2
        y3 = t0 * y3
        y3 = x3 + y3
        t1 = x * y
        x3 = t0 * t1
        x3 = x3 + x3
        return Secp256k1Point(x: x3, y: y3, z: z3)
    }

    /// `mask` all-ones selects `b`, zero selects `a`.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: Secp256k1Point, _ b: Secp256k1Point) -> Secp256k1Point {
        Secp256k1Point(x: .select(mask, a.x, b.x), y: .select(mask, a.y, b.y), z: .select(mask, a.z, b.z))
    }

    /// Whether two points are equal as group elements (cross-multiplied, no inversion).
    static func equal(_ a: Secp256k1Point, _ b: Secp256k1Point) -> Bool {
        if a.isIdentity || b.isIdentity { return a.isIdentity && b.isIdentity }
        return a.x * b.z == b.x * a.z && a.y * b.z == b.y * a.z
    }

    /// k·G in constant time, from the precomputed generator table.
    static func generatorMultiple(_ k: Secp256k1Scalar) -> Secp256k1Point {
        Secp256k1GeneratorTable.shared.multiply(k)
    }
}

extension Secp256k1AffinePoint {
    /// k·self with a fixed 4-bit window on the complete formulas; variable time (public
    /// scalars only). A second, simple implementation the tests compare the constant-time comb
    /// with; verification and recovery use `Secp256k1DoubleMultiplication`.
    func multipleVartime(_ k: Secp256k1Scalar) -> Secp256k1Point {
        var table = [Secp256k1Point](repeating: .identity, count: 16)
        table[1] = projective
        table[2] = table[1].doubled()
        for i in 3..<16 { table[i] = table[i - 1] + self }
        var acc = Secp256k1Point.identity
        var started = false
        var i = 63
        while i >= 0 {
            if started {
                acc = acc.doubled().doubled().doubled().doubled()
            }
            let d = k.v.nibble(i)
            if d != 0 {
                acc = started ? acc + table[d] : table[d]
                started = true
            }
            i -= 1
        }
        return acc
    }
}
