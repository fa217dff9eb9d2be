/// The result of a robust opening.
package struct RobustOpening<Ring: GaloisRing>: Sendable, Equatable {
    /// The shared secret (the polynomial's value at 0).
    package var secret: GaloisRingElement<Ring>
    /// The sharing polynomial (degree + 1 coefficients).
    package var polynomial: GaloisRingPolynomial<Ring>
    /// The parties whose shares were not on the polynomial, ascending.
    package var corruptedParties: [Int]
}

/// Reconstruction of a Shamir sharing when some shares may be wrong (kms.md §4.6): Gao
/// decoding over GF(2^D) for each bit position, lifted through the 2-adic digits.
package enum RobustReconstruction<Ring: GaloisRing> {
    package typealias Element = GaloisRingElement<Ring>
    package typealias Share = ShamirShare<Ring>
    package typealias Field = BinaryFieldElement<Ring.Extension>

    /// Opening as kms-core's `reconstruct_w_errors_sync(n, degree, t, num_bots, shares)` with
    /// `num_bots = n − shares.count` (missing parties are erasures and count against t): needs
    /// degree + 2t < n and at most t missing shares, then corrects up to t − missing wrong ones.
    ///
    /// - Throws: `invalidParameters` unless degree + 2t < n and n ≤ 2^D − 1;
    ///   `invalidPartyID` for an id outside 1…n; `duplicateParty`; `notEnoughShares` when more
    ///   than t shares are missing; `tooManyErrors` when the shares cannot be corrected.
    package static func open(_ shares: [Share], parties n: Int, degree: Int,
                             threshold t: Int) throws(ThresholdError) -> RobustOpening<Ring> {
        guard degree >= 0, t >= 0, degree + 2 * t < n, n < 1 << Ring.degree else {
            throw .invalidParameters("degree \(degree), threshold \(t), \(n) parties: robust opening needs degree + 2t < n ≤ \((1 << Ring.degree) - 1)")
        }
        var seen = Set<Int>()
        for s in shares {
            guard s.partyID >= 1, s.partyID <= n else { throw .invalidPartyID(s.partyID, extensionDegree: Ring.degree) }
            guard seen.insert(s.partyID).inserted else { throw .duplicateParty(s.partyID) }
        }
        let missing = n - shares.count
        guard missing >= 0, shares.count + missing > degree + 2 * t, missing <= t else {
            throw .notEnoughShares(needed: n - t, got: shares.count)
        }
        return try correct(shares, degree: degree, maxErrors: t - missing)
    }

    /// The polynomial of degree ≤ `degree` that all but at most `maxErrors` of the shares lie
    /// on, and the parties whose shares do not (kms-core `shamir_error_correct`).
    ///
    /// The reference decodes bit by bit (`correctBitByBit`). For each bit position
    /// ℓ = 0…k−1, with every share still valid already reduced so that 2^ℓ divides it:
    /// 1. bit ℓ of each coefficient forms a GF(2^D) element per share;
    /// 2. Gao decoding at the parties' GF(2^D) points, dimension degree + 1, allowing
    ///    maxErrors − (shares invalidated so far) errors, gives f_ℓ;
    /// 3. 2^ℓ · lift(f_ℓ)(point) is subtracted from each valid share; a share no longer divisible
    ///    by 2^(ℓ+1) is wrong and becomes an erasure;
    /// 4. the result polynomial accumulates 2^ℓ · lift(f_ℓ).
    ///
    /// This function gives the same polynomial, the same wrong parties and the same failures
    /// while running Gao only at the levels where shares disagree: it interpolates P through
    /// degree + 1 valid shares and finds the lowest bit ℓ* at which another valid share departs
    /// from P. Below ℓ* every level is an error-free codeword, so steps 1–4 there add up to P
    /// modulo 2^ℓ* (each f_ℓ is the unique codeword within the error bound); level ℓ* then runs
    /// steps 1–4 and invalidates at least one share (or fails). When no share departs, P is the
    /// rest of the result. At most maxErrors + 1 rounds.
    ///
    /// Any number of erasures and e errors are handled when 2·e + erasures ≤ n − degree − 1,
    /// where n counts the parties of the code: pass `shares` (present ones) and `maxErrors`
    /// with 2·maxErrors ≤ shares.count − degree − 1.
    ///
    /// - Throws: `notEnoughShares` when shares.count < degree + 1 + 2·maxErrors;
    ///   `invalidPartyID`, `duplicateParty`; `tooManyErrors` when decoding fails.
    package static func correct(_ shares: [Share], degree: Int,
                                maxErrors: Int) throws(ThresholdError) -> RobustOpening<Ring> {
        var state = try Decoder(shares, degree: degree, maxErrors: maxErrors)
        var position = 0
        while position < Ring.bitWidth {
            let live = state.live
            let base = Array(live.prefix(degree + 1))
            let p = try GaloisRingPolynomial<Ring>.interpolating(points: base.map { state.points[$0] },
                                                                 values: base.map { state.values[$0] })
            var departure = Ring.bitWidth
            for j in live.dropFirst(degree + 1) {
                departure = min(departure, (state.values[j] - p.evaluate(at: state.points[j])).twoAdicValuation)
            }
            // Levels position..<departure: error-free, their lifted codewords sum to P mod 2^departure.
            state.subtract(departure >= Ring.bitWidth ? p : p.lowBits(departure), from: live)
            if departure >= Ring.bitWidth { break }
            try state.decodeLevel(departure)
            position = departure + 1
        }
        return try state.opening(shares)
    }

    /// `correct` as the reference runs it: one Gao decoding per bit position (k of them). Same
    /// results, slower; kept as the specification's algorithm verbatim, to check `correct`.
    package static func correctBitByBit(_ shares: [Share], degree: Int,
                                        maxErrors: Int) throws(ThresholdError) -> RobustOpening<Ring> {
        var state = try Decoder(shares, degree: degree, maxErrors: maxErrors)
        for position in 0..<Ring.bitWidth { try state.decodeLevel(position) }
        return try state.opening(shares)
    }

    /// The bit-lifting decoder's state: the shares still valid, reduced by what was decoded.
    private struct Decoder {
        let degree: Int
        let maxErrors: Int
        let points: [Element]
        let fieldPoints: [Field]
        var values: [Element]
        var valid: [Bool]
        var invalidated = 0
        var result: [Element]

        init(_ shares: [Share], degree: Int, maxErrors: Int) throws(ThresholdError) {
            guard degree >= 0, maxErrors >= 0 else {
                throw .invalidParameters("degree \(degree), at most \(maxErrors) errors")
            }
            guard shares.count >= degree + 1 + 2 * maxErrors else {
                throw .notEnoughShares(needed: degree + 1 + 2 * maxErrors, got: shares.count)
            }
            self.degree = degree
            self.maxErrors = maxErrors
            points = try ShamirSharing<Ring>.partyPoints(shares.map(\.partyID))
            fieldPoints = try shares.map { (s) throws(ThresholdError) in try Field.partyPoint(s.partyID) }
            values = shares.map(\.value)
            valid = [Bool](repeating: true, count: shares.count)
            result = [Element](repeating: .zero, count: degree + 1)
        }

        var live: [Int] { valid.indices.filter { valid[$0] } }

        /// Subtracts `poly` from the live shares and adds it to the result.
        mutating func subtract(_ poly: GaloisRingPolynomial<Ring>, from live: [Int]) {
            for j in live { values[j] -= poly.evaluate(at: points[j]) }
            for i in 0...degree where i < poly.coefficients.count { result[i] += poly.coefficients[i] }
        }

        /// Steps 1–4 at bit `position` (every live share divisible by 2^position).
        mutating func decodeLevel(_ position: Int) throws(ThresholdError) {
            let live = self.live
            let allowed = maxErrors - invalidated
            guard allowed >= 0 else { throw .tooManyErrors }
            let f = try GaoDecoding.decode(points: live.map { fieldPoints[$0] },
                                           values: live.map { values[$0].bits(at: position) },
                                           dimension: degree + 1, maxErrors: allowed)
            // 2^ℓ · lift(f_ℓ), as a ring polynomial.
            let lifted = GaloisRingPolynomial<Ring>(coefficients: (0...degree).map {
                Element(lifting: f[$0]).timesPowerOfTwo(position)
            })
            subtract(lifted, from: live)
            for j in live where !values[j].isDivisible(byPowerOfTwo: position + 1) {
                valid[j] = false
                invalidated += 1
            }
        }

        func opening(_ shares: [Share]) throws(ThresholdError) -> RobustOpening<Ring> {
            guard invalidated <= maxErrors else { throw .tooManyErrors }
            let corrupted = valid.indices.filter { !valid[$0] }.map { shares[$0].partyID }.sorted()
            return RobustOpening(secret: result[0], polynomial: GaloisRingPolynomial(coefficients: result),
                                 corruptedParties: corrupted)
        }
    }
}
