/// One party's Shamir share: the sharing polynomial's value at the party's point.
package struct ShamirShare<Ring: GaloisRing>: Sendable, Hashable {
    /// The party id, 1…2^D − 1.
    package var partyID: Int
    /// poly(partyPoint(partyID)).
    package var value: GaloisRingElement<Ring>

    package init(partyID: Int, value: GaloisRingElement<Ring>) {
        self.partyID = partyID
        self.value = value
    }
}

/// Shamir secret sharing over GR(2^k, D) with the parties' exceptional points (kms.md §4.2).
package enum ShamirSharing<Ring: GaloisRing> {
    package typealias Element = GaloisRingElement<Ring>
    package typealias Share = ShamirShare<Ring>

    /// Shares `secret` among parties 1…`parties` with a uniformly random polynomial of degree
    /// `degree` whose constant term is the secret.
    ///
    /// - Throws: `invalidParameters` unless 0 ≤ degree < parties ≤ 2^D − 1.
    package static func share(_ secret: Element, parties: Int, degree: Int,
                              using generator: inout some RandomNumberGenerator) throws(ThresholdError) -> [Share] {
        guard degree >= 0, degree < parties, parties < 1 << Ring.degree else {
            throw .invalidParameters("degree \(degree) among \(parties) parties (at most \((1 << Ring.degree) - 1) with D = \(Ring.degree))")
        }
        let poly = GaloisRingPolynomial<Ring>.random(constant: secret, degree: degree, using: &generator)
        var shares = [Share]()
        shares.reserveCapacity(parties)
        for id in 1...parties {
            shares.append(Share(partyID: id, value: poly.evaluate(at: try Element.partyPoint(id))))
        }
        return shares
    }

    /// The secret from the first `degree + 1` shares by Lagrange interpolation at 0 (the
    /// differences of party points are units, so every denominator is invertible). Further
    /// shares are not looked at: use `RobustReconstruction` when some may be wrong.
    ///
    /// - Throws: `notEnoughShares`, `invalidPartyID`, `duplicateParty`.
    package static func reconstruct(_ shares: [Share], degree: Int) throws(ThresholdError) -> Element {
        guard degree >= 0 else { throw .invalidParameters("negative degree \(degree)") }
        guard shares.count >= degree + 1 else { throw .notEnoughShares(needed: degree + 1, got: shares.count) }
        let used = Array(shares.prefix(degree + 1))
        let points = try partyPoints(used.map(\.partyID))
        var secret = Element.zero
        for i in used.indices {
            // λ_i(0) = Π_{j≠i} x_j / (x_j − x_i).
            var numerator = Element.one
            var denominator = Element.one
            for j in used.indices where j != i {
                numerator *= points[j]
                denominator *= points[j] - points[i]
            }
            secret += used[i].value * numerator * (try denominator.inverse())
        }
        return secret
    }

    /// The points of these party ids, checking that they are valid and distinct.
    package static func partyPoints(_ ids: [Int]) throws(ThresholdError) -> [Element] {
        var seen = Set<Int>()
        var points = [Element]()
        points.reserveCapacity(ids.count)
        for id in ids {
            guard seen.insert(id).inserted else { throw .duplicateParty(id) }
            points.append(try Element.partyPoint(id))
        }
        return points
    }
}
