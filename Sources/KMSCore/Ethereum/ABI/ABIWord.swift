/// Conversions of textual and JSON values into 32-byte ABI words (the EIP-712 `encodeData` of
/// atomic types).
///
/// Integers may be JSON numbers (integers below 2^53 in magnitude: larger ones lose precision
/// in JavaScript and are refused) or strings: decimal (`"-12"`, any length) or `0x` hex.
/// The value must fit the declared width exactly (`uintN`: 0 ≤ v < 2^N; `intN`:
/// −2^(N−1) ≤ v < 2^(N−1)); negative values are encoded in two's complement.
///
/// ```swift
/// let chainId = try ABIWord.uint("0xaa36a7")            // 32 bytes, 11155111
/// let w = try ABIWord.integer(.number("-1"), bits: 8, signed: true)   // 0xff…ff
/// ```
package enum ABIWord {
    /// Parses an unsigned integer text (decimal or `0x` hex) of at most `bits` bits as a word.
    package static func uint(_ text: String, bits: Int = 256) throws(EIP712Error) -> [UInt8] {
        do {
            return try integer(.string(text), bits: bits, signed: false)
        } catch {
            throw .invalidValue(path: "integer", reason: reason(of: error))
        }
    }

    /// A word from a JSON number or string for a `uintN`/`intN` type.
    /// - Throws: `EIP712Error.invalidValue` with path `value` (callers re-wrap with their path).
    package static func integer(_ value: JSONValue, bits: Int, signed: Bool) throws(EIP712Error) -> [UInt8] {
        let (negative, magnitude) = try parseInteger(value)
        let limit = signed ? bits - 1 : bits
        if negative && !signed && !magnitude.isZero { throw fail("negative value for an unsigned type") }
        // magnitude must be < 2^limit, or == 2^limit for the most negative signed value.
        let bitLength = bitLength(magnitude)
        let fits = bitLength <= limit || (negative && bitLength == limit + 1 && isPowerOfTwo(magnitude))
        guard fits else { throw fail("value does not fit in \(signed ? "int" : "uint")\(bits)") }
        if negative && !magnitude.isZero {
            let (twos, _) = U256.sub(.zero, magnitude)
            return twos.bigEndianBytes
        }
        return magnitude.bigEndianBytes
    }

    /// A 32-byte word from exactly `count` bytes of `0x` hex, right-padded (`bytesN`).
    static func fixedBytes(_ value: JSONValue, count: Int) throws(EIP712Error) -> [UInt8] {
        guard case .string(let s) = value else { throw fail("bytes\(count) must be a hex string") }
        let b: [UInt8]
        do { b = try Hex.decode(s) } catch { throw fail(error.description) }
        guard b.count == count else { throw fail("bytes\(count) needs exactly \(count) bytes, got \(b.count)") }
        return b + [UInt8](repeating: 0, count: 32 - count)
    }

    /// Dynamic `bytes` from a hex string (with or without `0x`).
    static func dynamicBytes(_ value: JSONValue) throws(EIP712Error) -> [UInt8] {
        guard case .string(let s) = value else { throw fail("bytes must be a hex string") }
        do { return try Hex.decode(s) } catch { throw fail(error.description) }
    }

    static func fail(_ reason: String) -> EIP712Error { .invalidValue(path: "value", reason: reason) }

    static func reason(of error: EIP712Error) -> String {
        if case .invalidValue(_, let r) = error { return r }
        return error.description
    }

    /// (isNegative, |v|) with |v| < 2^256.
    static func parseInteger(_ value: JSONValue) throws(EIP712Error) -> (Bool, U256) {
        switch value {
        case .number(let text):
            var digits = Substring(text)
            let negative = digits.hasPrefix("-")
            if negative { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw fail("JSON number \(text) is not an integer")
            }
            let m = try decimal(digits)
            // JSON numbers beyond 2^53 cannot be trusted (JavaScript precision); use a string.
            guard m.l1 == 0, m.l2 == 0, m.l3 == 0, m.l0 < 1 << 53 else {
                throw fail("JSON number \(text) is beyond 2^53; pass large integers as strings")
            }
            return (negative, m)
        case .string(let text):
            if text.hasPrefix("0x") || text.hasPrefix("0X") {
                let hex = text.dropFirst(2).drop(while: { $0 == "0" })
                guard text.count > 2, text.dropFirst(2).utf8.allSatisfy({ Hex.nibble($0) != nil }) else {
                    throw fail("invalid hex integer \"\(text)\"")
                }
                guard hex.utf8.count <= 64 else { throw fail("integer does not fit in 256 bits") }
                let padded = String(repeating: "0", count: 64 - hex.utf8.count) + hex
                guard let bytes = try? Hex.decode(padded), let u = U256(bigEndianBytes: bytes) else {
                    throw fail("invalid hex integer \"\(text)\"")
                }
                return (false, u)
            }
            var digits = Substring(text)
            let negative = digits.hasPrefix("-")
            if negative { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw fail("\"\(text)\" is not a decimal or 0x-hex integer")
            }
            return (negative, try decimal(digits))
        default:
            throw fail("expected an integer (JSON number or decimal/hex string)")
        }
    }

    private static func decimal(_ digits: Substring) throws(EIP712Error) -> U256 {
        let significant = digits.drop(while: { $0 == "0" })
        if significant.isEmpty { return .zero }
        // 2^256 has 78 decimal digits.
        guard significant.utf8.count <= 78 else { throw fail("integer does not fit in 256 bits") }
        let words = DecimalText.parse(String(significant))
        guard words.count <= 4 || words[4...].allSatisfy({ $0 == 0 }) else {
            throw fail("integer does not fit in 256 bits")
        }
        let w = words + [UInt64](repeating: 0, count: max(0, 4 - words.count))
        return U256(w[0], w[1], w[2], w[3])
    }

    private static func bitLength(_ u: U256) -> Int {
        if u.l3 != 0 { return 256 - u.l3.leadingZeroBitCount }
        if u.l2 != 0 { return 192 - u.l2.leadingZeroBitCount }
        if u.l1 != 0 { return 128 - u.l1.leadingZeroBitCount }
        return 64 - u.l0.leadingZeroBitCount
    }

    private static func isPowerOfTwo(_ u: U256) -> Bool {
        [u.l0, u.l1, u.l2, u.l3].map(\.nonzeroBitCount).reduce(0, +) == 1
    }
}
