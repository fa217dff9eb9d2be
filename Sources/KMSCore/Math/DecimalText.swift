internal import CGMP

/// Decimal text of arbitrary-width unsigned integers (little-endian u64 limbs) and back, through
/// GMP: a text codec for `ClearValue` and ABI integers, not a number type.
enum DecimalText {
    /// Parses decimal digits (already validated) into limbs.
    static func parse(_ digits: String) -> [UInt64] {
        if digits.isEmpty { return [0] }
        var z = mpz_t()
        __gmpz_init(&z)
        defer { __gmpz_clear(&z) }
        _ = digits.withCString { __gmpz_set_str(&z, $0, 10) }
        let bits = __gmpz_sizeinbase(&z, 2)
        var words = [UInt64](repeating: 0, count: max(1, (bits + 63) / 64))
        var count = 0
        words.withUnsafeMutableBytes { buf in
            _ = __gmpz_export(buf.baseAddress, &count, -1, 8, 0, 0, &z)
        }
        return words
    }

    /// Formats limbs in decimal.
    static func format(_ words: [UInt64]) -> String {
        guard words.contains(where: { $0 != 0 }) else { return "0" }
        var z = mpz_t()
        __gmpz_init(&z)
        defer { __gmpz_clear(&z) }
        words.withUnsafeBytes { buf in
            __gmpz_import(&z, words.count, -1, 8, 0, 0, buf.baseAddress)
        }
        let size = __gmpz_sizeinbase(&z, 10) + 2
        var out = [CChar](repeating: 0, count: size)
        _ = out.withUnsafeMutableBufferPointer { __gmpz_get_str($0.baseAddress, 10, &z) }
        let digits = out.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        return String(decoding: digits, as: UTF8.self)
    }
}
