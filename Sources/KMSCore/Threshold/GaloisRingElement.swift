/// An element of the Galois ring GR(2^k, D) = Z_{2^k}[X]/F(X): D coefficients modulo 2^k,
/// coefficient i of X^i, held inline (no heap storage). kms-core's `ResiduePoly<Z64|Z128>`.
///
/// Arithmetic wraps modulo 2^k and reduces products by F. The ring is local: an element is a
/// unit exactly when its reduction mod 2 (an element of GF(2^D)) is nonzero.
package struct GaloisRingElement<Ring: GaloisRing>: Sendable, Hashable, CustomStringConvertible {
    package typealias Coefficient = Ring.Coefficient
    package typealias Field = BinaryFieldElement<Ring.Extension>

    /// The coefficients.
    package var coefficients: Ring.Coefficients

    package init(coefficients: Ring.Coefficients) {
        self.coefficients = coefficients
    }

    /// The element with these coefficients (low degree first); nil unless exactly D are given.
    package init?(_ coefficients: [Coefficient]) {
        guard coefficients.count == Ring.degree else { return nil }
        var c = Ring.Coefficients.zero
        for (i, v) in coefficients.enumerated() { c[i] = v }
        self.coefficients = c
    }

    /// The constant `value` (kms-core `from_scalar`).
    package init(scalar value: Coefficient) {
        var c = Ring.Coefficients.zero
        c[0] = value
        self.coefficients = c
    }

    package static var zero: Self { Self(coefficients: .zero) }
    package static var one: Self { Self(scalar: .one) }

    /// D.
    package static var degree: Int { Ring.degree }

    package subscript(i: Int) -> Coefficient {
        get { coefficients[i] }
        set { coefficients[i] = newValue }
    }

    /// The coefficients as an array (low degree first).
    package var coefficientArray: [Coefficient] { (0..<Ring.degree).map { coefficients[$0] } }

    package var isZero: Bool {
        var z = true
        for i in 0..<Ring.degree { z = z && coefficients[i] == .zero }
        return z
    }

    package var description: String {
        "[" + coefficientArray.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    /// A uniform element (D uniform coefficients).
    package static func random(using generator: inout some RandomNumberGenerator) -> Self {
        var c = Ring.Coefficients.zero
        for i in 0..<Ring.degree { c[i] = Coefficient.randomCoefficient(using: &generator) }
        return Self(coefficients: c)
    }

    // MARK: Ring operations

    package static func + (a: Self, b: Self) -> Self {
        var r = a
        for i in 0..<Ring.degree { r.coefficients[i] = a.coefficients[i].plus(b.coefficients[i]) }
        return r
    }

    package static func - (a: Self, b: Self) -> Self {
        var r = a
        for i in 0..<Ring.degree { r.coefficients[i] = a.coefficients[i].minus(b.coefficients[i]) }
        return r
    }

    package static prefix func - (a: Self) -> Self { zero - a }

    package static func += (a: inout Self, b: Self) { a = a + b }
    package static func -= (a: inout Self, b: Self) { a = a - b }
    package static func *= (a: inout Self, b: Self) { a = a * b }

    /// The product reduced by F: Σ_j b_j · (a·X^j), with a·X^j kept reduced.
    package static func * (a: Self, b: Self) -> Self {
        var acc = zero
        var shifted = a
        for j in 0..<Ring.degree {
            let bj = b.coefficients[j]
            for i in 0..<Ring.degree {
                acc.coefficients[i] = acc.coefficients[i].plus(shifted.coefficients[i].times(bj))
            }
            if j + 1 < Ring.degree { shifted = shifted.timesX() }
        }
        return acc
    }

    /// `self · X` reduced by F: X^D = −Σ_j F_j X^j (F_j ∈ {0, 1} the lower coefficients).
    package func timesX() -> Self {
        let d = Ring.degree
        let top = coefficients[d - 1]
        var r = Self.zero
        for i in stride(from: d - 1, to: 0, by: -1) { r.coefficients[i] = coefficients[i - 1] }
        let low = Ring.Extension.lowerModulusBits
        for j in 0..<d where (low >> UInt8(j)) & 1 == 1 {
            r.coefficients[j] = r.coefficients[j].minus(top)
        }
        return r
    }

    /// Every coefficient times the scalar `s`.
    package static func * (a: Self, s: Coefficient) -> Self {
        var r = a
        for i in 0..<Ring.degree { r.coefficients[i] = a.coefficients[i].times(s) }
        return r
    }

    /// `self + s` (s added to the constant coefficient).
    package func adding(scalar s: Coefficient) -> Self {
        var r = self
        r.coefficients[0] = r.coefficients[0].plus(s)
        return r
    }

    /// `self · 2^s` (every coefficient shifted left by s bits, modulo 2^k).
    package func timesPowerOfTwo(_ s: Int) -> Self {
        var r = self
        for i in 0..<Ring.degree { r.coefficients[i] = coefficients[i].timesPowerOfTwo(s) }
        return r
    }

    /// Whether 2^s divides every coefficient.
    package func isDivisible(byPowerOfTwo s: Int) -> Bool {
        var ok = true
        for i in 0..<Ring.degree { ok = ok && coefficients[i].isDivisible(byPowerOfTwo: s) }
        return ok
    }

    /// The largest s ≤ k with 2^s dividing every coefficient (k for zero).
    package var twoAdicValuation: Int {
        var v = Ring.bitWidth
        for i in 0..<Ring.degree { v = min(v, coefficients[i].twoAdicValuation) }
        return v
    }

    /// Every coefficient modulo 2^s.
    package func lowBits(_ s: Int) -> Self {
        var r = self
        for i in 0..<Ring.degree { r.coefficients[i] = coefficients[i].lowBits(s) }
        return r
    }

    // MARK: The residue field GF(2^D)

    /// Bit `position` of every coefficient as an element of GF(2^D) (bit d of the result = bit
    /// `position` of coefficient d); `position` 0 gives the reduction mod 2 (kms-core `bit_compose`).
    package func bits(at position: Int) -> Field {
        var b: UInt8 = 0
        for d in 0..<Ring.degree { b |= coefficients[d].bit(position) << UInt8(d) }
        return Field(truncating: b)
    }

    /// The reduction mod 2.
    package var residue: Field { bits(at: 0) }

    /// The element with coefficients 0/1 given by the bits of `x` (coefficient d = bit d of x),
    /// the lift the bit-lifting decoder and unit inversion use.
    package init(lifting x: Field) {
        var c = Ring.Coefficients.zero
        for d in 0..<Ring.degree where (x.bits >> UInt8(d)) & 1 == 1 { c[d] = .one }
        self.coefficients = c
    }

    // MARK: Units

    /// Whether the element is invertible (its reduction mod 2 is nonzero).
    package var isUnit: Bool { !residue.isZero }

    /// The inverse: the GF(2^D) inverse of the residue lifted, then ⌈log2 k⌉ Newton steps
    /// x ← x·(2 − a·x), each doubling the number of correct low bits.
    package func inverse() throws(ThresholdError) -> Self {
        guard let r = residue.inverse else { throw .notInvertible }
        var x = Self(lifting: r)
        var precision = 1
        let two = Self(scalar: Coefficient.one.plus(.one))
        while precision < Ring.bitWidth {
            x = x * (two - self * x)
            precision *= 2
        }
        return x
    }

    // MARK: Party points

    /// Party `id`'s evaluation point: coefficient j = bit j of id (kms-core
    /// `embed_exceptional_set`). Ids 1…2^D − 1 have distinct points whose differences are units.
    package static func partyPoint(_ id: Int) throws(ThresholdError) -> Self {
        guard id >= 1, id < 1 << Ring.degree else {
            throw .invalidPartyID(id, extensionDegree: Ring.degree)
        }
        var c = Ring.Coefficients.zero
        for j in 0..<Ring.degree where (id >> j) & 1 == 1 { c[j] = .one }
        return Self(coefficients: c)
    }
}

extension BinaryFieldElement {
    /// Party `id`'s point in GF(2^D) (the residue of its ring point): the element whose bits are
    /// those of id.
    package static func partyPoint(_ id: Int) throws(ThresholdError) -> Self {
        guard id >= 1, id < 1 << Extension.degree else {
            throw .invalidPartyID(id, extensionDegree: Extension.degree)
        }
        return Self(truncating: UInt8(id))
    }
}
