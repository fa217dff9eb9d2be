/// Integers of `logModulus` bits packed end to end into 64-bit words (tfhe-rs `PackedIntegers`):
/// value i occupies bits `[i·logModulus, (i+1)·logModulus)` of the little-endian bit stream
/// formed by the words, word 0 holding the lowest bits. Unused bits of the last word are zero.
///
/// ```swift
/// let p = PackedIntegers.pack([1, 4095, 7], logModulus: 12)   // 36 bits → 1 word
/// p.unpack()          // [1, 4095, 7]
/// ```
package struct PackedIntegers: Sendable, Equatable, Hashable {
    /// Bits per value (1…63).
    package let logModulus: Int
    /// Number of values (tfhe-rs `initial_len`).
    package let count: Int
    /// ⌈count · logModulus / 64⌉ words.
    package let words: [UInt64]

    /// Wraps packed words, checking their number against `count` and `logModulus`.
    package init(logModulus: Int, count: Int, words: [UInt64]) throws(TFHEError) {
        guard (1...63).contains(logModulus), count >= 0 else {
            throw .ciphertextMismatch("packed integers need 1 ≤ log_modulus ≤ 63 (got \(logModulus)) and a non-negative count")
        }
        let (bits, o) = count.multipliedReportingOverflow(by: logModulus)
        guard !o, words.count == (bits + 63) / 64 else {
            throw .ciphertextMismatch("\(count) values of \(logModulus) bits need \(o ? Int.max : (bits + 63) / 64) words, got \(words.count)")
        }
        self.logModulus = logModulus
        self.count = count
        self.words = words
    }

    init(trusted logModulus: Int, _ count: Int, _ words: [UInt64]) {
        self.logModulus = logModulus
        self.count = count
        self.words = words
    }

    /// Packs `values`, keeping the low `logModulus` bits of each.
    package static func pack(_ values: [UInt64], logModulus: Int) -> PackedIntegers {
        let log = UInt64(logModulus)
        let mask: UInt64 = (1 << log) - 1
        var words = [UInt64](repeating: 0, count: (values.count * logModulus + 63) / 64)
        var bit = 0
        for v in values {
            let x = v & mask
            let w = bit >> 6, s = UInt64(bit & 63)
            words[w] |= x << s
            if s + log > 64 { words[w + 1] |= x >> (64 - s) }
            bit += logModulus
        }
        return PackedIntegers(trusted: logModulus, values.count, words)
    }

    /// Value `i` (0 ≤ i < count).
    @inlinable
    package func value(at i: Int) -> UInt64 {
        let log = UInt64(logModulus)
        let mask: UInt64 = (1 << log) - 1
        let bit = i * logModulus
        let w = bit >> 6, s = UInt64(bit & 63)
        var v = words[w] >> s
        if s + log > 64 { v |= words[w + 1] << (64 - s) }
        return v & mask
    }

    /// All values, in order.
    package func unpack() -> [UInt64] {
        (0..<count).map(value(at:))
    }
}
