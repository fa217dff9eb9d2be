/// Reed–Solomon decoding over GF(2^D) by Gao's algorithm (kms.md §4.6; kms-core
/// `gao_decoding`): recovers the message polynomial of degree < `dimension` from its values at
/// distinct points when at most `maxErrors` of them are wrong.
package enum GaoDecoding {
    /// The message polynomial f (degree < `dimension`) with f(points[i]) = values[i] for all but
    /// at most `maxErrors` indices.
    ///
    /// 1. R interpolates every (point, value); G = Π (X − point).
    /// 2. The extended Euclidean algorithm on (G, R), stopped at the first remainder g of degree
    ///    < ⌊(n + dimension)/2⌋, gives g and its cofactor v of R (g ≡ v·R mod G).
    /// 3. f = g / v; fails unless v divides g, deg f < dimension and deg v ≤ maxErrors.
    ///
    /// - Throws: `invalidParameters` when 2·maxErrors ≥ n − dimension + 1 (or the counts
    ///   disagree, or points repeat), `tooManyErrors` when decoding fails.
    package static func decode<E: RingExtension>(
        points: [BinaryFieldElement<E>], values: [BinaryFieldElement<E>],
        dimension: Int, maxErrors: Int
    ) throws(ThresholdError) -> BinaryFieldPolynomial<E> {
        typealias Poly = BinaryFieldPolynomial<E>
        let n = points.count
        guard values.count == n else {
            throw .invalidParameters("\(n) points but \(values.count) values")
        }
        guard dimension >= 1, maxErrors >= 0, 2 * maxErrors < n - dimension + 1 else {
            throw .invalidParameters("cannot correct \(maxErrors) errors in \(n) values of a code of dimension \(dimension)")
        }
        guard let r = Poly.interpolating(points: points, values: values) else {
            throw .invalidParameters("evaluation points repeat")
        }
        let stop = (n + dimension) / 2
        var (r0, r1) = (Poly.vanishing(at: points), r)
        var (v0, v1) = (Poly.zero, Poly.one)
        while r1.degree >= stop {
            guard let (q, rem) = r0.divided(by: r1) else { throw .tooManyErrors }
            (r0, r1) = (r1, rem)
            (v0, v1) = (v1, v0 - q * v1)
        }
        guard v1.degree <= maxErrors, let (f, rem) = r1.divided(by: v1), rem.isZero,
              f.degree < dimension else {
            throw .tooManyErrors
        }
        return f
    }
}
