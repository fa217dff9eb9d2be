/// The transform of a u128 key polynomial: its residues modulo each engine prime, each block
/// forward-transformed. Layout: `values[r·N + i]` is slot i (bit-reversed NTT order) modulo
/// prime r, in [0, p_r). Built once per key polynomial by `Negacyclic128Engine.forwardKey`.
package struct KeySpectrum: Sendable, Hashable {
    /// Residue-major NTT values (`primeCount·N` words).
    package internal(set) var values: [UInt64]

    init(count: Int) { values = [UInt64](repeating: 0, count: count) }
}

/// The transform of a polynomial of small signed digits, laid out as `KeySpectrum`.
/// Reused across calls: `Negacyclic128Engine.forwardDigits` overwrites it.
package struct DigitSpectrum: Sendable, Hashable {
    /// Residue-major NTT values (`primeCount·N` words).
    package internal(set) var values: [UInt64]

    init(count: Int) { values = [UInt64](repeating: 0, count: count) }
}

/// A sum of pointwise products `Σ key·digits` in the transform domain, kept as unreduced
/// 128-bit integers per slot (`high[j]·2^64 + low[j]`, slot j = r·N + i as in `KeySpectrum`).
///
/// Each product is < p^2 < 2^124, so 16 products fit before a reduction; the engine folds
/// the accumulator back below p automatically when needed. `backwardAdd` empties it.
package struct SpectrumAccumulator: Sendable, Hashable {
    package internal(set) var low: [UInt64]
    package internal(set) var high: [UInt64]
    /// Products added since the last fold (≤ `foldThreshold`).
    package internal(set) var pendingProducts = 0
    /// Products added since the last `backwardAdd` (bounded by the CRT range).
    package internal(set) var totalProducts = 0

    /// Products that fit unreduced: 16·p² + p < 2^128 (p < 2^62 − 2^21), also on top of a fold.
    static let foldThreshold = 16

    init(count: Int) {
        low = [UInt64](repeating: 0, count: count)
        high = [UInt64](repeating: 0, count: count)
    }
}
