@testable import KMSPrimitives

/// Deliberately simple reference arithmetic for secp256k1, independent of the fast paths the
/// tests check: modular products by shift-and-add, inversion by Fermat, scalar
/// multiplication by plain double-and-add on the complete projective formulas
/// (`Secp256k1Point`), and ECDSA verification/recovery written as in the textbook (affine
/// result, one inversion, no endomorphism, no wNAF, no tables).
enum Secp256k1Reference {
    // MARK: integers modulo m

    /// (a + b) mod m for a, b < m.
    static func addMod(_ a: U256, _ b: U256, _ m: U256) -> U256 {
        let (s, carry) = U256.add(a, b)
        if carry == 1 || !U256.lessThan(s, m) { return U256.sub(s, m).0 }
        return s
    }

    /// (a − b) mod m for a, b < m.
    static func subMod(_ a: U256, _ b: U256, _ m: U256) -> U256 {
        let (d, borrow) = U256.sub(a, b)
        return borrow == 1 ? U256.add(d, m).0 : d
    }

    /// a·b mod m for a, b < m, one bit of a at a time (double, then add b).
    static func mulMod(_ a: U256, _ b: U256, _ m: U256) -> U256 {
        var r = U256.zero
        for i in stride(from: 255, through: 0, by: -1) {
            r = addMod(r, r, m)
            if a.bit(i) == 1 { r = addMod(r, b, m) }
        }
        return r
    }

    /// a^e mod m (square and multiply).
    static func powMod(_ a: U256, _ e: U256, _ m: U256) -> U256 {
        var r = U256.one
        for i in stride(from: 255, through: 0, by: -1) {
            r = mulMod(r, r, m)
            if e.bit(i) == 1 { r = mulMod(r, a, m) }
        }
        return r
    }

    /// a⁻¹ mod m for prime m (Fermat; 0 ↦ 0).
    static func invMod(_ a: U256, _ m: U256) -> U256 {
        powMod(a, U256.sub(m, U256(2, 0, 0, 0)).0, m)
    }

    // MARK: points

    static let g = Secp256k1AffinePoint.generator.projective

    /// k·P by double-and-add over all 256 bits.
    static func multiply(_ k: Secp256k1Scalar, _ p: Secp256k1Point) -> Secp256k1Point {
        var acc = Secp256k1Point.identity
        for i in stride(from: 255, through: 0, by: -1) {
            acc = acc.doubled()
            if k.v.bit(i) == 1 { acc = acc + p }
        }
        return acc
    }

    /// u1·G + u2·Q.
    static func doubleMultiply(_ u1: Secp256k1Scalar, _ u2: Secp256k1Scalar, _ q: Secp256k1AffinePoint) -> Secp256k1Point {
        multiply(u1, g) + multiply(u2, q.projective)
    }

    /// The affine form through a Fermat inversion (nil for the identity).
    static func affine(_ p: Secp256k1Point) -> Secp256k1AffinePoint? {
        if p.z.isZero { return nil }
        let zi = p.z.inverseByFermat()
        return Secp256k1AffinePoint(x: p.x * zi, y: p.y * zi)
    }

    /// s⁻¹ by Montgomery exponentiation (independent of safegcd; `invMod` is the slower
    /// shift-and-add check of this one).
    static func scalarInverse(_ s: Secp256k1Scalar) -> Secp256k1Scalar { s.inverseByFermat() }

    /// Textbook ECDSA verification (low-s required, as the library's).
    static func verify(_ q: Secp256k1AffinePoint, r: Secp256k1Scalar, s: Secp256k1Scalar, digest: [UInt8]) -> Bool {
        guard !r.isZero, !s.isZero, !s.isHigh else { return false }
        let z = Secp256k1Scalar(reducing: U256(bits2int: digest))
        let w = scalarInverse(s)
        guard let p = affine(doubleMultiply(z * w, r * w, q)) else { return false }
        return Secp256k1Scalar(reducing: p.x.v) == r
    }

    /// Textbook public-key recovery with recovery ids 0–3 (bit 1: x = r + n).
    static func recover(r: Secp256k1Scalar, s: Secp256k1Scalar, recoveryID: UInt8, digest: [UInt8]) -> Secp256k1AffinePoint? {
        guard recoveryID < 4, !r.isZero, !s.isZero else { return nil }
        var x = r.v
        if recoveryID & 2 != 0 {
            let (sum, carry) = U256.add(x, Secp256k1Scalar.n)
            guard carry == 0 else { return nil }
            x = sum
        }
        guard let fx = Secp256k1Field(x),
              let point = Secp256k1AffinePoint(x: fx, yIsOdd: recoveryID & 1 == 1) else { return nil }
        let z = Secp256k1Scalar(reducing: U256(bits2int: digest))
        let rInv = scalarInverse(r)
        return affine(doubleMultiply(-(z * rInv), s * rInv, point))
    }
}
