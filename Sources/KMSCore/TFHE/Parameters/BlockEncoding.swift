/// The plaintext encoding of one shortint block with a padding bit (tfhe-rs `ShortintEncoding`):
/// `Δ = 2^63 / (message_modulus · carry_modulus)`; message `m` is encoded as `m·Δ`, and decoding
/// rounds to the nearest multiple of Δ.
public struct BlockEncoding: Sendable, Equatable, Hashable {
    public let messageModulus: Int
    public let carryModulus: Int

    public init(messageModulus: Int, carryModulus: Int) {
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }

    /// Δ, the scaling factor (2^59 for 2-bit message + 2-bit carry).
    @inlinable public var delta: UInt64 { (UInt64(1) << 63) / UInt64(messageModulus * carryModulus) }

    /// Bits of message per block (2 for message modulus 4).
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
