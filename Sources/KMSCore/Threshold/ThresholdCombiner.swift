/// What a threshold decryption opened: the clear values and which parties misbehaved.
public struct ThresholdDecryptionOpening: Sendable, Equatable {
    /// The clear values, in request order.
    public let values: [ClearValue]
    /// Parties whose shares were wrong (corrected) or whose message did not fit the request
    /// (wrong key, session, party id or shape), ascending.
    public let corruptedParties: [Int]
    /// Parties that sent nothing, ascending.
    public let missingParties: [Int]
}

/// Combines the parties' partial decryptions (kms.md §4.5–4.6): for every block, robust opening
/// of the shares (Gao decoding lifted bit by bit: up to t wrong or missing shares), the
/// constant coefficient decoded with `from_expanded_msg`, then the blocks recombined with
/// log2(message) bits each.
///
/// ```swift
/// let partials = try shares.map { try $0.partialDecrypt([squashed], session: session) }
/// let opening = try ThresholdCombiner.combine(partials, key: shares[0].info, session: session)
/// opening.values[0]            // the clear value
/// ```
public enum ThresholdCombiner {
    /// Opens `partials` for the session most of them name (ties: the lowest party's) — for a
    /// combiner that was not told the session; parties of other sessions are set aside.
    /// - Throws: as `combine(_:key:session:)`; `.notEnoughShares` for no partials.
    public static func combine(_ partials: [ThresholdPartialDecryption], key: ThresholdKeyInfo) throws(ThresholdError) -> ThresholdDecryptionOpening {
        guard let session = majority(partials, by: \.session) else {
            throw .notEnoughShares(needed: key.parameters.parties - key.parameters.threshold, got: 0)
        }
        return try combine(partials, key: key, session: session)
    }

    /// Opens `partials` (any order, at most one per party).
    ///
    /// A partial for another key or session, with a party id outside 1…n, or whose types and
    /// block counts differ from the majority of partials, is set aside as corrupted; the rest
    /// are opened block by block.
    /// - Throws: `ThresholdError.duplicateParty` when two partials claim the same party,
    ///   `.notEnoughShares` when more than t parties are missing or set aside, `.tooManyErrors`
    ///   when the shares cannot be corrected.
    public static func combine(_ partials: [ThresholdPartialDecryption], key: ThresholdKeyInfo,
                               session: ThresholdSessionID) throws(ThresholdError) -> ThresholdDecryptionOpening {
        let n = key.parameters.parties
        var seen = Set<Int>()
        for p in partials where !seen.insert(p.partyID).inserted { throw .duplicateParty(p.partyID) }
        var corrupted = Set<Int>()
        let blockBits = key.messageModulus.trailingZeroBitCount
        let wordsPerBlock = 2 * key.parameters.ringDegree.rawValue
        func fits(_ p: ThresholdPartialDecryption) -> Bool {
            p.keyID == key.keyID && p.session == session && p.ringDegree == key.parameters.ringDegree
                && (1...n).contains(p.partyID)
                && p.values.allSatisfy { $0.shares.count == $0.type.blockCount(messageBits: blockBits) * wordsPerBlock }
        }
        var usable = partials.sorted { $0.partyID < $1.partyID }.filter { p in
            if fits(p) { return true }
            if (1...n).contains(p.partyID) { corrupted.insert(p.partyID) }
            return false
        }
        // The shape most partials agree on (ties: the lowest party's).
        let shape = majority(usable, by: \.types) ?? []
        usable = usable.filter { p in
            if p.types == shape { return true }
            corrupted.insert(p.partyID)
            return false
        }
        let present = Set(usable.map(\.partyID))
        let missing = (1...n).filter { !present.contains($0) && !corrupted.contains($0) }
        guard usable.count >= n - key.parameters.threshold, !shape.isEmpty else {
            throw .notEnoughShares(needed: n - key.parameters.threshold, got: usable.count)
        }
        let values: [ClearValue]
        switch key.parameters.ringDegree {
        case .four: values = try open(GaloisRing128Degree4.self, usable, shape: shape, key: key, corrupted: &corrupted)
        case .eight: values = try open(GaloisRing128Degree8.self, usable, shape: shape, key: key, corrupted: &corrupted)
        }
        return ThresholdDecryptionOpening(values: values, corruptedParties: corrupted.sorted(), missingParties: missing)
    }

    /// The value most partials carry; ties go to the lowest party's.
    private static func majority<Value: Hashable>(_ partials: [ThresholdPartialDecryption],
                                                  by value: (ThresholdPartialDecryption) -> Value) -> Value? {
        var votes: [Value: Int] = [:]
        for p in partials { votes[value(p), default: 0] += 1 }
        return partials.sorted { $0.partyID < $1.partyID }
            .max { votes[value($0), default: 0] < votes[value($1), default: 0] }.map(value)
    }

    private static func open<Ring: GaloisRing>(_: Ring.Type, _ partials: [ThresholdPartialDecryption], shape: [FheType],
                                               key: ThresholdKeyInfo, corrupted: inout Set<Int>) throws(ThresholdError) -> [ClearValue]
        where Ring.Coefficients.Coefficient == U128 {
        let d = Ring.degree, t = key.parameters.threshold, n = key.parameters.parties
        let totalBits = (key.messageModulus * key.carryModulus).trailingZeroBitCount
        let encoding = BlockEncoding(unchecked: key.messageModulus, key.carryModulus)
        let ids = partials.map(\.partyID)
        var opener = try SharingBatchOpener<Ring>(partyIDs: ids, parties: n, degree: t)
        var values: [ClearValue] = []
        var shares = [GaloisRingElement<Ring>](repeating: .zero, count: partials.count)
        for (v, type) in shape.enumerated() {
            let blockCount = type.blockCount(messageBits: encoding.messageBits)
            var blocks: [UInt64] = []
            blocks.reserveCapacity(blockCount)
            for j in 0..<blockCount {
                for (i, p) in partials.enumerated() { shares[i] = p.values[v].share(Ring.self, block: j) }
                let secret = try opener.open(shares)
                // A sharing of a phase has a scalar secret; anything else means too many liars.
                guard (1..<d).allSatisfy({ secret[$0] == U128(0) }) else { throw .tooManyErrors }
                blocks.append(BlockRecomposition.message(fromExpanded: secret[0], totalBits: totalBits))
            }
            values.append(RadixEncoding.value(blockValues: blocks, type: type, encoding: encoding))
        }
        corrupted.formUnion(opener.corruptedParties)
        return values
    }
}
