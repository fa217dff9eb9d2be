/// Robust opening of many sharings held by the same parties — one per block of a value — as
/// `RobustReconstruction.open` would open each, with the cost of the error correction paid only
/// where shares disagree:
///
/// 1. when every share lies on the polynomial through the first t + 1 (Lagrange weights fixed
///    once, `FixedPartyInterpolation`), that polynomial is the one the robust opening finds: at
///    least n − t ≥ 2t + 1 shares agree, so at least t + 1 honest ones fix it;
/// 2. once parties were caught lying, the others alone are tried the same way (if 2t + 1 or more
///    remain);
/// 3. otherwise the block is opened robustly (Gao decoding, bit lifting) and the liars recorded.
package struct SharingBatchOpener<Ring: GaloisRing> {
    package typealias Element = GaloisRingElement<Ring>

    /// The parties whose shares were found wrong so far, by id.
    package private(set) var corruptedParties: Set<Int> = []
    private let partyIDs: [Int]
    private let parties: Int
    private let degree: Int
    private let all: FixedPartyInterpolation<Ring>
    private var trusted: (indices: [Int], interpolation: FixedPartyInterpolation<Ring>)?

    /// - Throws: `ThresholdError` for invalid or repeated ids, or fewer than n − t of them.
    package init(partyIDs: [Int], parties n: Int, degree t: Int) throws(ThresholdError) {
        guard partyIDs.count >= n - t else { throw .notEnoughShares(needed: n - t, got: partyIDs.count) }
        self.partyIDs = partyIDs
        self.parties = n
        self.degree = t
        self.all = try FixedPartyInterpolation(partyIds: partyIDs, degree: t)
    }

    /// The secret of one sharing; `values[i]` is party `partyIDs[i]`'s share.
    /// - Throws: `ThresholdError` when the shares cannot be corrected.
    package mutating func open(_ values: [Element]) throws(ThresholdError) -> Element {
        if let secret = all.consistentSecret(values) { return secret }
        if let trusted, let secret = trusted.interpolation.consistentSecret(trusted.indices.map { values[$0] }) { return secret }
        let sharing = partyIDs.indices.map { ShamirShare<Ring>(partyID: partyIDs[$0], value: values[$0]) }
        let opening = try RobustReconstruction<Ring>.open(sharing, parties: parties, degree: degree, threshold: degree)
        if !corruptedParties.isSuperset(of: opening.corruptedParties) {
            corruptedParties.formUnion(opening.corruptedParties)
            let honest = partyIDs.indices.filter { !corruptedParties.contains(partyIDs[$0]) }
            trusted = nil
            if honest.count >= 2 * degree + 1,
               let interpolation = try? FixedPartyInterpolation<Ring>(partyIds: honest.map { partyIDs[$0] }, degree: degree) {
                trusted = (honest, interpolation)
            }
        }
        return opening.secret
    }
}
