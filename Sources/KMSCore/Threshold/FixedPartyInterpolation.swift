/// Lagrange weights for one fixed set of parties, computed once and used for every block: from
/// the first degree + 1 parties' shares, the secret (value at 0) and every other party's
/// expected share. When all shares agree with them, the robust opening would return that
/// polynomial with no wrong share, so the client skips it (no inversions per block).
package struct FixedPartyInterpolation<Ring: GaloisRing> {
    package typealias Element = GaloisRingElement<Ring>

    /// degree + 1.
    let baseCount: Int
    /// λ_i(0) for the base parties.
    let atZero: [Element]
    /// λ_i(x_j), row-major: other party j (in order after the base), then base party i.
    let atOthers: [Element]

    /// - Throws: `ThresholdError` for invalid or duplicate ids or fewer than degree + 1 of them.
    package init(partyIds: [Int], degree: Int) throws(ThresholdError) {
        guard degree >= 0, partyIds.count >= degree + 1 else {
            throw .notEnoughShares(needed: degree + 1, got: partyIds.count)
        }
        let points = try ShamirSharing<Ring>.partyPoints(partyIds)
        let base = degree + 1
        var inverses: [Element] = []
        inverses.reserveCapacity(base)
        for i in 0..<base {
            var d = Element.one
            for m in 0..<base where m != i { d *= points[i] - points[m] }
            inverses.append(try d.inverse())
        }
        func weights(at x: Element) -> [Element] {
            (0..<base).map { i in
                var w = inverses[i]
                for m in 0..<base where m != i { w *= x - points[m] }
                return w
            }
        }
        baseCount = base
        atZero = weights(at: .zero)
        atOthers = points.dropFirst(base).flatMap { weights(at: $0) }
    }

    /// The secret when every share (in the parties' order) lies on the polynomial through the
    /// base shares; nil when one does not.
    package func consistentSecret(_ values: [Element]) -> Element? {
        guard values.count * baseCount == atOthers.count + baseCount * baseCount else { return nil }
        for j in 0..<(values.count - baseCount) {
            var expected = Element.zero
            for i in 0..<baseCount { expected += atOthers[j * baseCount + i] * values[i] }
            if expected != values[baseCount + j] { return nil }
        }
        var secret = Element.zero
        for i in 0..<baseCount { secret += atZero[i] * values[i] }
        return secret
    }
}
