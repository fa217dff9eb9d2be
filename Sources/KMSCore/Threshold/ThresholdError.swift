/// Errors of the threshold layer: Galois-ring arithmetic, Shamir sharing and robust opening.
///
/// Descriptions name parties and counts, never share values.
public enum ThresholdError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A party id outside 1…2^D − 1 (D the ring's extension degree): it has no exceptional point.
    case invalidPartyID(Int, extensionDegree: Int)
    /// The same party id appears twice among the shares.
    case duplicateParty(Int)
    /// Sharing parameters that cannot work (degree, party count, threshold).
    case invalidParameters(String)
    /// Fewer shares than the reconstruction needs.
    case notEnoughShares(needed: Int, got: Int)
    /// The shares do not lie on one polynomial of the expected degree within the error bound
    /// (more wrong shares than can be corrected).
    case tooManyErrors
    /// A ring element that is not a unit (its reduction mod 2 is zero) was to be inverted.
    case notInvertible

    public var description: String {
        switch self {
        case .invalidPartyID(let id, let d): "party id \(id) is outside 1...\((1 << d) - 1) (ring extension degree \(d))"
        case .duplicateParty(let id): "party \(id) appears more than once"
        case .invalidParameters(let d): "invalid sharing parameters: \(d)"
        case .notEnoughShares(let needed, let got): "not enough shares: \(got) given, \(needed) needed"
        case .tooManyErrors: "too many wrong shares to correct"
        case .notInvertible: "the ring element is not a unit"
        }
    }
}
