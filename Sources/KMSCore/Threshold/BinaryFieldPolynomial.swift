/// A polynomial over GF(2^D) (low degree first, no trailing zero coefficients; the zero
/// polynomial has no coefficients and degree −1). Used by Gao decoding.
package struct BinaryFieldPolynomial<Extension: RingExtension>: Sendable, Equatable {
    package typealias Field = BinaryFieldElement<Extension>

    /// The coefficients, normalized (the last one is nonzero).
    package private(set) var coefficients: [Field]

    /// The polynomial with these coefficients (low degree first); trailing zeros are dropped.
    package init(_ coefficients: [Field]) {
        var c = coefficients
        while let last = c.last, last.isZero { c.removeLast() }
        self.coefficients = c
    }

    package static var zero: Self { Self([]) }
    package static var one: Self { Self([.one]) }

    /// The degree; −1 for the zero polynomial.
    package var degree: Int { coefficients.count - 1 }
    package var isZero: Bool { coefficients.isEmpty }

    /// Coefficient i (zero beyond the degree).
    package subscript(i: Int) -> Field { i < coefficients.count ? coefficients[i] : .zero }

    /// X − a (= X + a in characteristic 2).
    package static func linear(root a: Field) -> Self { Self([a, .one]) }

    package static func + (a: Self, b: Self) -> Self {
        let n = max(a.coefficients.count, b.coefficients.count)
        return Self((0..<n).map { a[$0] + b[$0] })
    }

    package static func - (a: Self, b: Self) -> Self { a + b }

    package static func * (a: Self, b: Self) -> Self {
        if a.isZero || b.isZero { return .zero }
        var c = [Field](repeating: .zero, count: a.coefficients.count + b.coefficients.count - 1)
        for (i, x) in a.coefficients.enumerated() {
            for (j, y) in b.coefficients.enumerated() { c[i + j] += x * y }
        }
        return Self(c)
    }

    /// Every coefficient times `s`.
    package static func * (a: Self, s: Field) -> Self { Self(a.coefficients.map { $0 * s }) }

    /// Quotient and remainder of the division by a nonzero `divisor`; nil when it is zero.
    package func divided(by divisor: Self) -> (quotient: Self, remainder: Self)? {
        guard let lead = divisor.coefficients.last, let leadInverse = lead.inverse else { return nil }
        let dd = divisor.degree
        guard degree >= dd else { return (.zero, self) }
        var r = coefficients
        var q = [Field](repeating: .zero, count: degree - dd + 1)
        for i in stride(from: degree - dd, through: 0, by: -1) {
            let factor = r[i + dd] * leadInverse
            q[i] = factor
            if factor.isZero { continue }
            for (j, c) in divisor.coefficients.enumerated() { r[i + j] += factor * c }
        }
        return (Self(q), Self(Array(r.prefix(dd))))
    }

    /// The value at `x` (Horner).
    package func evaluate(at x: Field) -> Field {
        var acc = Field.zero
        for c in coefficients.reversed() { acc = acc * x + c }
        return acc
    }

    /// Π (X − x_i).
    package static func vanishing(at points: [Field]) -> Self {
        points.reduce(Self.one) { $0 * .linear(root: $1) }
    }

    /// The polynomial of degree < points.count through (points[i], values[i]) (Lagrange); nil if
    /// two points coincide or the counts differ.
    package static func interpolating(points: [Field], values: [Field]) -> Self? {
        guard points.count == values.count, Set(points).count == points.count else { return nil }
        let all = vanishing(at: points)
        var result = Self.zero
        for (i, xi) in points.enumerated() where !values[i].isZero {
            // ℓ_i = Π_{j≠i} (X − x_j) / Π_{j≠i} (x_i − x_j).
            guard let (basis, rest) = all.divided(by: .linear(root: xi)), rest.isZero else { return nil }
            guard let denominator = basis.evaluate(at: xi).inverse else { return nil }
            result = result + basis * (values[i] * denominator)
        }
        return result
    }
}
