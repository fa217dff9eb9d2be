/// The fraction of a validator set's voting power that must have signed for a header to be
/// trusted (`TrustThresholdFraction`). Valid levels satisfy 1/3 ≤ n/d ≤ 1; the default is 1/3.
///
/// ```swift
/// let level = try TrustThreshold(parsing: "1/3")
/// level.isEnough(tallied: 16, total: 45)    // true: 16·3 > 45·1
/// level.isEnough(tallied: 15, total: 45)    // false: exactly 1/3 is not enough
/// ```
public struct TrustThreshold: Sendable, Hashable, CustomStringConvertible {
    /// Numerator.
    public let numerator: UInt64
    /// Denominator (> 0).
    public let denominator: UInt64

    /// A user-chosen trust level; must satisfy 1/3 ≤ n/d ≤ 1 (`ValidateTrustLevel`).
    public init(numerator: UInt64, denominator: UInt64) throws(TrustThresholdError) {
        guard denominator != 0 else { throw .zeroDenominator }
        // n/d >= 1/3  ⇔  3n >= d ;  n/d <= 1  ⇔  n <= d (no overflow: compared in 128 bits).
        let threeN = numerator.multipliedFullWidth(by: 3)
        guard threeN.high > 0 || threeN.low >= denominator, numerator <= denominator else {
            throw .outOfRange(numerator: numerator, denominator: denominator)
        }
        self.numerator = numerator
        self.denominator = denominator
    }

    private init(unchecked numerator: UInt64, _ denominator: UInt64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Parses `"n/d"` (e.g. `1/3`, `2/3`).
    public init(parsing text: String) throws(TrustThresholdError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = UInt64(parts[0].trimmingSpaces), let d = UInt64(parts[1].trimmingSpaces) else {
            throw .unparsable(text)
        }
        try self.init(numerator: n, denominator: d)
    }

    /// 1/3, the default for skipping verification.
    public static let oneThird = TrustThreshold(unchecked: 1, 3)
    /// 2/3, the +2/3 rule every commit must meet against its own validator set.
    public static let twoThirds = TrustThreshold(unchecked: 2, 3)

    /// Whether `tallied` power is strictly more than `n/d` of `total`:
    /// `tallied · d > total · n`, exact in 128-bit arithmetic.
    public func isEnough(tallied: UInt64, total: UInt64) -> Bool {
        let lhs = tallied.multipliedFullWidth(by: denominator)
        let rhs = total.multipliedFullWidth(by: numerator)
        return lhs.high != rhs.high ? lhs.high > rhs.high : lhs.low > rhs.low
    }

    public var description: String { "\(numerator)/\(denominator)" }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

/// Errors of trust-level construction.
public enum TrustThresholdError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A zero denominator.
    case zeroDenominator
    /// Outside [1/3, 1].
    case outOfRange(numerator: UInt64, denominator: UInt64)
    /// Not of the form `n/d`.
    case unparsable(String)

    public var description: String {
        switch self {
        case .zeroDenominator: "trust level denominator must not be zero"
        case .outOfRange(let n, let d): "trust level \(n)/\(d) must be between 1/3 and 1"
        case .unparsable(let s): "trust level \"\(s.prefix(30))\" is not of the form n/d (e.g. 1/3)"
        }
    }
}
