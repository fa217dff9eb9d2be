/// Hexadecimal encoding and strict decoding.
///
/// ```swift
/// let bytes = try Hex.decode("0xDEADbeef")     // [0xde, 0xad, 0xbe, 0xef]
/// Hex.encode(bytes)                            // "deadbeef"
/// Hex.encode(bytes, prefix: true, uppercase: true)  // "0xDEADBEEF"
/// ```
package enum Hex {
    /// Errors of `Hex.decode`.
    package enum DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
        /// An odd number of hex digits.
        case oddLength(Int)
        /// A character that is not a hex digit, at a position counted after any `0x` prefix.
        case invalidCharacter(position: Int)
        /// A decoded length different from the one required.
        case wrongLength(expected: Int, actual: Int)

        package var description: String {
            switch self {
            case .oddLength(let n): "hex string has an odd number of digits (\(n))"
            case .invalidCharacter(let p): "invalid hex digit at position \(p)"
            case .wrongLength(let e, let a): "expected \(e) bytes of hex, got \(a)"
            }
        }
    }

    private static let lower: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upper: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Encodes bytes as hex (lowercase by default), optionally with a `0x` prefix.
    package static func encode<C: Collection>(_ bytes: C, prefix: Bool = false, uppercase: Bool = false) -> String
    where C.Element == UInt8 {
        let table = uppercase ? upper : lower
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2 + 2)
        if prefix { out.append(contentsOf: [0x30, 0x78]) }
        for b in bytes {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex digits of either case, with or without a `0x`/`0X` prefix.
    /// - Parameter length: if given, the exact number of bytes required.
    package static func decode(_ string: String, length: Int? = nil) throws(DecodingError) -> [UInt8] {
        var digits = Substring(string)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        let utf8 = Array(digits.utf8)
        guard utf8.count % 2 == 0 else { throw .oddLength(utf8.count) }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = nibble(utf8[i]) else { throw .invalidCharacter(position: i) }
            guard let lo = nibble(utf8[i + 1]) else { throw .invalidCharacter(position: i + 1) }
            out.append(hi << 4 | lo)
            i += 2
        }
        if let length, out.count != length { throw .wrongLength(expected: length, actual: out.count) }
        return out
    }

    @inline(__always)
    package static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
}
