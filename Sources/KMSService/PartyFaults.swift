/// What went wrong with the parties during one request, as it is logged and stored in the
/// result (`swiftkms.party.v1.ThresholdOutcome`): a party is missing (down, slow, transport
/// error) or corrupted (garbage, wrong values, bad signature), with a reason free of secrets.
struct PartyFaults: Sendable {
    private(set) var faults: [Int: (kind: String, reason: String)] = [:]

    mutating func missing(_ party: Int, _ reason: String) {
        if faults[party] == nil { faults[party] = ("missing", String(reason.prefix(300))) }
    }

    /// Corrupted overrides missing: the party answered, wrongly.
    mutating func corrupted(_ party: Int, _ reason: String) {
        if faults[party]?.kind != "corrupted" { faults[party] = ("corrupted", String(reason.prefix(300))) }
    }

    func has(_ party: Int) -> Bool { faults[party] != nil }

    var corruptedParties: [Int] { faults.filter { $0.value.kind == "corrupted" }.keys.sorted() }
    var missingParties: [Int] { faults.filter { $0.value.kind == "missing" }.keys.sorted() }

    /// The proto outcome (faults by party id).
    func outcome(timing: Swiftkms_Party_V1_ThresholdTiming) -> Swiftkms_Party_V1_ThresholdOutcome {
        .with {
            $0.corruptedParties = corruptedParties.map(UInt32.init)
            $0.missingParties = missingParties.map(UInt32.init)
            $0.faults = faults.keys.sorted().compactMap { id in
                faults[id].map { f in .with { $0.partyID = UInt32(id); $0.kind = f.kind; $0.reason = f.reason } }
            }
            $0.timing = timing
        }
    }

    /// A one-line summary for failure messages: `missing [2], corrupted [3] (party 3: …)`.
    var summary: String {
        let detail = faults.keys.sorted().compactMap { id in faults[id].map { "party \(id) \($0.kind): \($0.reason)" } }
        return "missing \(missingParties), corrupted \(corruptedParties)" + (detail.isEmpty ? "" : " (\(detail.joined(separator: "; ")))")
    }
}
