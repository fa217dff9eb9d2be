/// A clear (decrypted or to-be-encrypted) value of an fhEVM type, up to 2048 bits, never truncated.
///
/// Stored as little-endian 64-bit limbs; bits above the type's width are always zero.
///
/// ```swift
/// let v = try ClearValue(type: .euint64, 12345)
/// let big = try ClearValue(type: .euint256, decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639935")
/// big.bigEndianBytes.count   // 32
/// ```
public struct ClearValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The fhEVM type.
    public let type: FheType
    /// Little-endian 64-bit limbs; `(type.bitWidth + 63) / 64` of them.
    public let words: [UInt64]

    /// Number of limbs for a type.
    @inlinable static func wordCount(_ t: FheType) -> Int { (t.bitWidth + 63) / 64 }

    /// Creates a value from limbs; fewer limbs are zero-extended.
    /// - Throws: `TFHEError.valueOutOfRange` if a bit above the type's width is set.
    public init(type: FheType, words: [UInt64]) throws(TFHEError) {
        let n = Self.wordCount(type)
        var w = words
        if w.count > n {
            guard w[n...].allSatisfy({ $0 == 0 }) else {
                throw .valueOutOfRange(type: type, detail: "more than \(type.bitWidth) bits")
            }
            w.removeSubrange(n...)
        }
        while w.count < n { w.append(0) }
        let topBits = type.bitWidth % 64
        if topBits != 0, w[n - 1] >> UInt64(topBits) != 0 {
            throw .valueOutOfRange(type: type, detail: "more than \(type.bitWidth) bits")
        }
        self.type = type
        self.words = w
    }

    /// Creates a value from a machine integer.
    public init(type: FheType, _ value: UInt64) throws(TFHEError) {
        try self.init(type: type, words: [value])
    }

    /// Creates a boolean value.
    public init(bool: Bool) {
        type = .ebool
        words = [bool ? 1 : 0]
    }

    /// Creates a value from big-endian bytes; leading zero bytes beyond the width are allowed.
    public init(type: FheType, bigEndianBytes bytes: [UInt8]) throws(TFHEError) {
        try self.init(type: type, littleEndianBytes: bytes.reversed())
    }

    /// Creates a value from little-endian bytes; trailing zero bytes beyond the width are allowed.
    package init(type: FheType, littleEndianBytes bytes: [UInt8]) throws(TFHEError) {
        var w = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
        for (i, b) in bytes.enumerated() { w[i / 8] |= UInt64(b) << UInt64(8 * (i % 8)) }
        try self.init(type: type, words: w)
    }

    /// Parses a decimal string (digits only).
    public init(type: FheType, decimal: String) throws(TFHEError) {
        guard !decimal.isEmpty, decimal.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .malformedValue("not a decimal integer")
        }
        // Reject absurd lengths before any arithmetic: 2048 bits have at most 617 digits.
        let significant = decimal.drop(while: { $0 == "0" })
        if significant.utf8.count > 700 {
            throw .valueOutOfRange(type: type, detail: "more than \(type.bitWidth) bits")
        }
        try self.init(type: type, words: DecimalText.parse(String(significant)))
    }

    /// Whether the value is zero.
    package var isZero: Bool { words.allSatisfy { $0 == 0 } }

    /// Exactly `type.byteWidth` big-endian bytes (the ABI / KMS plaintext byte order).
    public var bigEndianBytes: [UInt8] { littleEndianBytes.reversed() }

    /// Exactly `type.byteWidth` little-endian bytes.
    package var littleEndianBytes: [UInt8] {
        (0..<type.byteWidth).map { i in UInt8(truncatingIfNeeded: words[i / 8] >> UInt64(8 * (i % 8))) }
    }

    /// The value in decimal.
    public var decimalString: String { DecimalText.format(words) }

    /// Bits `[offset, offset + count)` of the value, `count ≤ 64`.
    @inlinable
    package func bits(at offset: Int, count: Int) -> UInt64 {
        let w = offset / 64, s = offset % 64
        guard w < words.count else { return 0 }
        var v = words[w] >> UInt64(s)
        if s != 0, s + count > 64, w + 1 < words.count { v |= words[w + 1] << UInt64(64 - s) }
        return count >= 64 ? v : v & ((1 << UInt64(count)) - 1)
    }

    /// The largest value of `type` (all bits set).
    public static func max(_ type: FheType) -> ClearValue {
        let n = wordCount(type)
        var w = [UInt64](repeating: .max, count: n)
        let top = type.bitWidth % 64
        if top != 0 { w[n - 1] = (1 << UInt64(top)) - 1 }
        return ClearValue(unchecked: type, words: w)
    }

    /// A uniformly random value of `type` from the system CSPRNG.
    package static func random(_ type: FheType) -> ClearValue {
        var bytes = SecureRandom.bytes(type.byteWidth)
        let extra = type.byteWidth * 8 - type.bitWidth
        if extra > 0 { bytes[bytes.count - 1] &= UInt8(0xff >> extra) }
        // Masked to the width above, so it cannot be out of range.
        return (try? ClearValue(type: type, littleEndianBytes: bytes)) ?? ClearValue(unchecked: type, words: [])
    }

    init(unchecked type: FheType, words: [UInt64]) {
        self.type = type
        var w = words
        let n = Self.wordCount(type)
        if w.count > n { w.removeSubrange(n...) }
        while w.count < n { w.append(0) }
        self.words = w
    }

    public var description: String { "\(type)(\(decimalString))" }
}
