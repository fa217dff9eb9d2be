/// The extension degree D of the Galois rings GR(2^64, D) and GR(2^128, D) that threshold key
/// shares live in (kms.md §4.1). It bounds the party count: n ≤ 2^D − 1.
///
/// - `eight`: F = X^8 + X^4 + X^3 + X + 1, the 2024 KMS releases (V09 and the fhevmjs 0.6
///   clients that combine its reencryption shares).
/// - `four`: F = X^4 + X + 1, the KMS since 2025 (at most 15 parties, half the share size).
public enum ThresholdRingDegree: Int, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case four = 4
    case eight = 8

    /// The most parties the ring has evaluation points for: 2^D − 1.
    public var maximumParties: Int { (1 << rawValue) - 1 }

    public var description: String { "D=\(rawValue)" }
}
