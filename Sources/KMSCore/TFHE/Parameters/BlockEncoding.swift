/// The plaintext encoding of one shortint block with a padding bit (tfhe-rs `ShortintEncoding`):
/// `Δ = 2^63 / (message_modulus · carry_modulus)`; message `m` is encoded as `m·Δ`, and decoding
/// rounds to the nearest multiple of Δ.
///
/// Every `BlockEncoding` satisfies what the arithmetic needs: the message modulus is a power of
/// two of at least 2 (a block carries at least one bit), the carry modulus a power of two of at
/// least 1, and their product at most 2^16 (Δ ≥ 2^47). Moduli read from files or peers go through
/// the throwing initializer, so nothing downstream divides by zero or loses the padding bit.
///
/// ```swift
/// let enc = try BlockEncoding(messageModulus: 4, carryModulus: 4)   // Δ = 2^59
/// enc.decodeMessage(enc.encode(3))                                  // 3
/// ```
public struct BlockEncoding: Sendable, Equatable, Hashable {
    public let messageModulus: Int
    public let carryModulus: Int

    /// The largest `message_modulus · carry_modulus` accepted.
    public static let maxModulusProduct = 1 << 16

    /// An encoding with checked moduli.
    /// - Throws: `TFHEError.invalidParameters` naming the offending modulus when the message
    ///   modulus is not a power of two ≥ 2, the carry modulus not a power of two ≥ 1, or their
    ///   product above 2^16.
    public init(messageModulus: Int, carryModulus: Int) throws(TFHEError) {
        try Self.check(messageModulus: messageModulus, carryModulus: carryModulus)
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }

    /// For moduli already checked with `check(messageModulus:carryModulus:)`.
    init(unchecked messageModulus: Int, _ carryModulus: Int) {
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }

    /// The checks of `init(messageModulus:carryModulus:)`, without building the value.
    static func check(messageModulus m: Int, carryModulus c: Int) throws(TFHEError) {
        func pow2(_ x: Int) -> Bool { x > 0 && x & (x - 1) == 0 }
        guard pow2(m), m >= 2 else {
            throw .invalidParameters("message modulus \(m) must be a power of two ≥ 2 (a block carries at least one bit)")
        }
        guard pow2(c) else { throw .invalidParameters("carry modulus \(c) must be a power of two ≥ 1") }
        // Each factor bounded before multiplying, so the product cannot overflow.
        guard m <= maxModulusProduct, c <= maxModulusProduct, m * c <= maxModulusProduct else {
            throw .invalidParameters("message modulus \(m) × carry modulus \(c) exceeds the limit of \(maxModulusProduct)")
        }
    }

    /// Δ, the scaling factor (2^59 for 2-bit message + 2-bit carry).
    @inlinable public var delta: UInt64 { (UInt64(1) << 63) / UInt64(messageModulus * carryModulus) }

    /// Bits of message per block (2 for message modulus 4); at least 1.
    public var messageBits: Int { messageModulus.trailingZeroBitCount }

    /// The plaintext of a block value (taken modulo the message modulus, as tfhe-rs does).
    @inlinable public func encode(_ m: UInt64) -> UInt64 {
        (m % UInt64(messageModulus)) &* delta
    }

    /// `decrypt_message_and_carry`: rounds a phase to the nearest multiple of Δ and returns
    /// the quotient (message and carry, plus the padding bit when it is set).
    @inlinable public func decodeMessageAndCarry(_ phase: UInt64) -> UInt64 {
        let d = delta
        let roundingBit = d >> 1
        return (phase &+ ((phase & roundingBit) << 1)) / d
    }

    /// Shortint decryption: the rounded message modulo the message modulus.
    @inlinable public func decodeMessage(_ phase: UInt64) -> UInt64 {
        decodeMessageAndCarry(phase) % UInt64(messageModulus)
    }
}
