/// An element of Z_{2^128} (a u128 torus value) as two 64-bit limbs, for platforms where
/// `UInt128` is unavailable (macOS < 15).
///
/// Polynomials of u128 coefficients are stored **interleaved** in one contiguous `[UInt64]` of
/// 2·N words: coefficient i is `low = words[2i]`, `high = words[2i + 1]` — the in-memory layout
/// of a little-endian `Vec<u128>` in tfhe-rs. All arithmetic wraps modulo 2^128.
package struct U128: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bits 0…63.
    package var low: UInt64
    /// Bits 64…127.
    package var high: UInt64

    /// The value `high·2^64 + low`.
    @inlinable package init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// A value below 2^64.
    @inlinable package init(_ value: UInt64) {
        self.init(low: value, high: 0)
    }

    /// A signed 64-bit value, sign-extended (so `-1` is 2^128 − 1).
    @inlinable package init(signExtending value: Int64) {
        self.init(low: UInt64(bitPattern: value), high: value < 0 ? .max : 0)
    }

    package static let zero = U128(low: 0, high: 0)
    package static let max = U128(low: .max, high: .max)

    /// Reads 16 little-endian bytes (`u128::from_le_bytes`); nil unless `bytes.count == 16`.
    package init?(littleEndianBytes bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { low |= UInt64(b) << UInt64(8 * i) } else { high |= UInt64(b) << UInt64(8 * (i - 8)) }
        }
        self.init(low: low, high: high)
    }

    /// The 16 little-endian bytes (`u128::to_le_bytes`).
    package var littleEndianBytes: [UInt8] {
        (0..<16).map { i in UInt8(truncatingIfNeeded: (i < 8 ? low : high) >> UInt64(8 * (i & 7))) }
    }

    /// Parses up to 32 hexadecimal digits (an optional `0x` prefix); nil on anything else.
    package init?(hex: some StringProtocol) {
        var digits = Substring(hex)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 32 else { return nil }
        var value = U128.zero
        for c in digits {
            guard let nibble = c.hexDigitValue else { return nil }
            value = U128(low: (value.low << 4) | UInt64(nibble), high: (value.high << 4) | (value.low >> 60))
        }
        self = value
    }

    /// 32 lowercase hexadecimal digits with a `0x` prefix.
    package var description: String {
        let h = String(high, radix: 16)
        let l = String(low, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }

    @inlinable package static func < (a: U128, b: U128) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// `a + b mod 2^128`.
    @inlinable package static func &+ (a: U128, b: U128) -> U128 {
        let (l, c) = a.low.addingReportingOverflow(b.low)
        return U128(low: l, high: a.high &+ b.high &+ (c ? 1 : 0))
    }

    /// `a − b mod 2^128`.
    @inlinable package static func &- (a: U128, b: U128) -> U128 {
        let (l, borrow) = a.low.subtractingReportingOverflow(b.low)
        return U128(low: l, high: a.high &- b.high &- (borrow ? 1 : 0))
    }

    /// `a · b mod 2^128`.
    @inlinable package static func &* (a: U128, b: U128) -> U128 {
        let (h, l) = a.low.multipliedFullWidth(by: b.low)
        return U128(low: l, high: h &+ a.low &* b.high &+ a.high &* b.low)
    }

    /// `a · d mod 2^128` for a signed 64-bit `d`.
    @inlinable package static func &* (a: U128, d: Int64) -> U128 {
        a &* U128(signExtending: d)
    }

    /// Logical shift left by `s` bits (0 for `s ≥ 128`).
    @inlinable package static func << (a: U128, s: Int) -> U128 {
        if s <= 0 { return a }
        if s >= 128 { return .zero }
        if s >= 64 { return U128(low: 0, high: a.low << UInt64(s - 64)) }
        return U128(low: a.low << UInt64(s), high: (a.high << UInt64(s)) | (a.low >> UInt64(64 - s)))
    }

    /// Logical shift right by `s` bits (0 for `s ≥ 128`).
    @inlinable package static func >> (a: U128, s: Int) -> U128 {
        if s <= 0 { return a }
        if s >= 128 { return .zero }
        if s >= 64 { return U128(low: a.high >> UInt64(s - 64), high: 0) }
        return U128(low: (a.low >> UInt64(s)) | (a.high << UInt64(64 - s)), high: a.high >> UInt64(s))
    }
}

/// Conversions between `[U128]` and the interleaved two-limb polynomial layout.
package enum U128Polynomial {
    /// Interleaved words (`[low0, high0, low1, high1, …]`, 2·N entries) of the coefficients.
    package static func interleave(_ coefficients: [U128]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: 2 * coefficients.count)
        for (i, c) in coefficients.enumerated() {
            words[2 * i] = c.low
            words[2 * i + 1] = c.high
        }
        return words
    }

    /// The coefficients of an interleaved polynomial (a trailing odd word is ignored).
    package static func coefficients(_ words: some RandomAccessCollection<UInt64>) -> [U128] {
        let base = words.startIndex
        return (0..<words.count / 2).map { i in
            U128(low: words[words.index(base, offsetBy: 2 * i)], high: words[words.index(base, offsetBy: 2 * i + 1)])
        }
    }

    /// `out[i] += x[i]` (mod 2^128) for `count` interleaved coefficients.
    @inlinable package static func add(_ x: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>, count: Int) {
        for i in 0..<count {
            let (low, carry) = out[2 &* i].addingReportingOverflow(x[2 &* i])
            out[2 &* i] = low
            out[2 &* i &+ 1] = out[2 &* i &+ 1] &+ x[2 &* i &+ 1] &+ (carry ? 1 : 0)
        }
    }

    /// Coefficient `i` of an interleaved polynomial.
    @inlinable package static func coefficient(_ words: UnsafeBufferPointer<UInt64>, _ i: Int) -> U128 {
        U128(low: words[2 &* i], high: words[2 &* i &+ 1])
    }
}
