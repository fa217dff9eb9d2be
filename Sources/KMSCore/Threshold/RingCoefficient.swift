/// A coefficient of a Galois-ring element: an integer modulo 2^k with wrapping arithmetic
/// (`UInt64` for k = 64, `U128` for k = 128).
package protocol RingCoefficient: Sendable, Hashable {
    /// k: coefficients are taken modulo 2^k.
    static var bitWidth: Int { get }
    static var zero: Self { get }
    static var one: Self { get }
    /// A uniform value (k uniform bits).
    static func randomCoefficient(using generator: inout some RandomNumberGenerator) -> Self
    // Named rather than operators, so that conforming UInt64 adds no candidates to the
    // operator lookups of the rest of the module.
    /// `self + b mod 2^k`.
    func plus(_ b: Self) -> Self
    /// `self − b mod 2^k`.
    func minus(_ b: Self) -> Self
    /// `self · b mod 2^k`.
    func times(_ b: Self) -> Self
    /// `self · 2^s mod 2^k` (0 for s ≥ k).
    func timesPowerOfTwo(_ s: Int) -> Self
    /// Bit `i` (0 = least significant) as 0 or 1.
    func bit(_ i: Int) -> UInt8
    /// Whether the low `s` bits are all zero (i.e. 2^s divides the value; always for s = 0).
    func isDivisible(byPowerOfTwo s: Int) -> Bool
    /// The largest s ≤ k with 2^s dividing the value (k for zero).
    var twoAdicValuation: Int { get }
    /// The value modulo 2^s (its low s bits).
    func lowBits(_ s: Int) -> Self
    /// The value of a 64-bit word (zero-extended).
    static func from(word: UInt64) -> Self
    /// Writes the value as k/64 little-endian-ordered words (low word first).
    func store(into words: UnsafeMutablePointer<UInt64>)
    /// Reads k/64 words written by `store`.
    static func load(from words: UnsafePointer<UInt64>) -> Self
    /// Appends the bincode form (`Wrapping<u64>` / `Wrapping<u128>`: k/8 bytes little-endian).
    func write(to writer: inout BincodeWriter)
    /// Reads the bincode form.
    static func read(from reader: inout BincodeReader) throws(SerializationError) -> Self
}

extension UInt64: RingCoefficient {
    package static func from(word: UInt64) -> UInt64 { word }
    package func store(into words: UnsafeMutablePointer<UInt64>) { words.pointee = self }
    package static func load(from words: UnsafePointer<UInt64>) -> UInt64 { words.pointee }
    package static var bitWidth: Int { 64 }
    package static var one: UInt64 { 1 }

    package static func randomCoefficient(using generator: inout some RandomNumberGenerator) -> UInt64 {
        generator.next()
    }

    package func plus(_ b: UInt64) -> UInt64 { self &+ b }
    package func minus(_ b: UInt64) -> UInt64 { self &- b }
    package func times(_ b: UInt64) -> UInt64 { self &* b }

    package func timesPowerOfTwo(_ s: Int) -> UInt64 {
        s >= 64 ? 0 : self << UInt64(s)
    }

    package func bit(_ i: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: (self >> UInt64(i)) & 1)
    }

    package func isDivisible(byPowerOfTwo s: Int) -> Bool {
        s <= 0 ? true : (s >= 64 ? self == 0 : self & ((1 << UInt64(s)) &- 1) == 0)
    }

    package var twoAdicValuation: Int { trailingZeroBitCount }

    package func lowBits(_ s: Int) -> UInt64 {
        s <= 0 ? 0 : (s >= 64 ? self : self & ((1 << UInt64(s)) &- 1))
    }
}

extension U128: RingCoefficient {
    package static func from(word: UInt64) -> U128 { U128(word) }
    package func store(into words: UnsafeMutablePointer<UInt64>) {
        words[0] = low
        words[1] = high
    }
    package static func load(from words: UnsafePointer<UInt64>) -> U128 { U128(low: words[0], high: words[1]) }
    package static var bitWidth: Int { 128 }
    package static var one: U128 { U128(1) }

    package static func randomCoefficient(using generator: inout some RandomNumberGenerator) -> U128 {
        let low: UInt64 = generator.next()
        return U128(low: low, high: generator.next())
    }

    package func plus(_ b: U128) -> U128 { self &+ b }
    package func minus(_ b: U128) -> U128 { self &- b }
    package func times(_ b: U128) -> U128 { self &* b }

    package func timesPowerOfTwo(_ s: Int) -> U128 { self << s }

    package func bit(_ i: Int) -> UInt8 {
        i < 64 ? low.bit(i) : high.bit(i - 64)
    }

    package func isDivisible(byPowerOfTwo s: Int) -> Bool {
        s <= 64 ? low.isDivisible(byPowerOfTwo: s) : low == 0 && high.isDivisible(byPowerOfTwo: s - 64)
    }

    package var twoAdicValuation: Int {
        low != 0 ? low.trailingZeroBitCount : 64 + high.trailingZeroBitCount
    }

    package func lowBits(_ s: Int) -> U128 {
        s <= 64 ? U128(low.lowBits(s)) : U128(low: low, high: high.lowBits(s - 64))
    }
}
