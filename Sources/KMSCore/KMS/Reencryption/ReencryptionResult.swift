/// A reencrypted value and what the client learnt about the KMS parties while combining their
/// responses (`ReencryptionClient.decryptWithReport`). Both lists are empty for a centralized
/// KMS and for threshold parties that all behaved.
///
/// ```swift
/// let result = try client.decryptWithReport(answer, for: request)
/// print(ValueFormat.format(result.value))
/// if !result.corruptedParties.isEmpty { print("wrong shares from parties", result.corruptedParties) }
/// ```
public struct ReencryptionResult: Sendable, Equatable {
    /// The clear value of the handle's type.
    public let value: ClearValue
    /// Threshold parties (ids, ascending) whose validly signed shares were wrong and were
    /// corrected by the robust opening.
    public let corruptedParties: [UInt32]
    /// Threshold parties (ids, ascending) whose validly signed response could not be used — the
    /// signcryption did not open or verify, or the share vector was malformed or of another
    /// length than the other parties' — and that were treated as missing.
    public let discardedParties: [UInt32]

    /// Creates a result.
    public init(value: ClearValue, corruptedParties: [UInt32] = [], discardedParties: [UInt32] = []) {
        self.value = value
        self.corruptedParties = corruptedParties
        self.discardedParties = discardedParties
    }
}
