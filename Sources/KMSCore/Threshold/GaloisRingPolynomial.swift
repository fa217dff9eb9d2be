/// A polynomial with Galois-ring coefficients (low degree first), as Shamir sharing uses it.
package struct GaloisRingPolynomial<Ring: GaloisRing>: Sendable, Equatable {
    package typealias Element = GaloisRingElement<Ring>

    /// Coefficient i of Y^i (trailing zeros allowed: the length is the sharing's degree + 1).
    package var coefficients: [Element]

    package init(coefficients: [Element]) {
        self.coefficients = coefficients
    }

    /// A polynomial of degree at most `degree` with constant term `constant` and the other
    /// `degree` coefficients uniform (kms-core `sample_random_with_fixed_constant`).
    package static func random(constant: Element, degree: Int,
                               using generator: inout some RandomNumberGenerator) -> Self {
        var c = [Element]()
        c.reserveCapacity(degree + 1)
        c.append(constant)
        for _ in 0..<max(degree, 0) { c.append(.random(using: &generator)) }
        return Self(coefficients: c)
    }

    /// The value at `x` (Horner).
    package func evaluate(at x: Element) -> Element {
        var acc = Element.zero
        for c in coefficients.reversed() { acc = acc * x + c }
        return acc
    }
}

extension GaloisRingPolynomial {
    /// The polynomial of degree < points.count through (points[i], values[i]) (Lagrange; the
    /// differences of the points must be units, as those of distinct party points are).
    package static func interpolating(points: [Element], values: [Element]) throws(ThresholdError) -> Self {
        guard points.count == values.count, !points.isEmpty else {
            throw .invalidParameters("\(points.count) points and \(values.count) values")
        }
        var result = [Element](repeating: .zero, count: points.count)
        for (i, xi) in points.enumerated() {
            // basis = Π_{j≠i} (Y − x_j), scale = Π_{j≠i} (x_i − x_j).
            var basis = [Element.one]
            var scale = Element.one
            for (j, xj) in points.enumerated() where j != i {
                var next = [Element](repeating: .zero, count: basis.count + 1)
                for (m, c) in basis.enumerated() {
                    next[m + 1] += c
                    next[m] -= c * xj
                }
                basis = next
                scale *= xi - xj
            }
            let factor = values[i] * (try scale.inverse())
            for m in basis.indices { result[m] += basis[m] * factor }
        }
        return Self(coefficients: result)
    }

    /// Every coefficient modulo 2^s.
    package func lowBits(_ s: Int) -> Self {
        Self(coefficients: coefficients.map { $0.lowBits(s) })
    }
}
