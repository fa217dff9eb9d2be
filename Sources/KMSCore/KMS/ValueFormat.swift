/// The textual forms of clear values used by `kmsctl` and JSON responses.
///
/// Output: `ebool` → `0`/`1`; `euintN` → decimal; `eaddress` → EIP-55 checksummed address;
/// `ebytesN` → `0x` + exactly 2·N lowercase hex digits.
/// Input: every type accepts a decimal or `0x`-hex integer (range-checked); `ebool` also
/// `true`/`false`; `eaddress` also an address (a mixed-case address must carry a valid EIP-55 checksum).
///
/// ```swift
/// let v = try ValueFormat.parse("0xff", as: .euint8)   // euint8(255)
/// ValueFormat.format(v)                                 // "255"
/// ```
public enum ValueFormat {
    /// Parses `text` as a value of `type`.
    public static func parse(_ text: String, as type: FheType) throws(TFHEError) -> ClearValue {
        let t = text.trimmingWhitespace
        guard !t.isEmpty else { throw .malformedValue("empty value") }
        guard t.utf8.count <= 4200 else { throw .valueOutOfRange(type: type, detail: "more than \(type.bitWidth) bits") }
        if type == .ebool {
            switch t.lowercased() {
            case "true": return ClearValue(bool: true)
            case "false": return ClearValue(bool: false)
            default: break
            }
        }
        if t.hasPrefix("0x") || t.hasPrefix("0X") {
            let digits = t.dropFirst(2)
            if type == .eaddress, digits.utf8.count == 40, isMixedCase(digits) {
                do {
                    return try ClearValue(type: .eaddress, bigEndianBytes: EthereumAddress(eip55: t).bytes)
                } catch {
                    throw .malformedValue("address '\(t)' has an invalid EIP-55 checksum")
                }
            }
            guard !digits.isEmpty else { throw .malformedValue("'\(t)' has no hex digits") }
            let padded = digits.utf8.count % 2 == 1 ? "0" + digits : String(digits)
            guard let bytes = try? Hex.decode(padded) else { throw .malformedValue("'\(t)' is not a hex integer") }
            return try ClearValue(type: type, bigEndianBytes: bytes)
        }
        guard t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .malformedValue("'\(t)' is not a decimal or 0x-hex integer" + (type == .ebool ? " (or true/false)" : ""))
        }
        return try ClearValue(type: type, decimal: t)
    }

    /// Formats `value` in its type's output form.
    public static func format(_ value: ClearValue) -> String {
        switch value.type {
        case .ebool: return value.isZero ? "0" : "1"
        case .eaddress:
            // 20 bytes by construction of an eaddress value.
            if let a = try? EthereumAddress(bytes: value.bigEndianBytes) { return a.checksummed }
            return Hex.encode(value.bigEndianBytes, prefix: true)
        case .ebytes64, .ebytes128, .ebytes256:
            return Hex.encode(value.bigEndianBytes, prefix: true)
        default:
            return value.decimalString
        }
    }

    private static func isMixedCase(_ s: Substring) -> Bool {
        s.utf8.contains { $0 >= 0x41 && $0 <= 0x46 } && s.utf8.contains { $0 >= 0x61 && $0 <= 0x66 }
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// `{"type":"euint64","value":"12345"}`: the type name and the value in `ValueFormat` form — how
/// decryption results print and travel as JSON.
extension ClearValue: Codable {
    private enum CodingKeys: String, CodingKey { case type, value }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type.name, forKey: .type)
        try c.encode(ValueFormat.format(self), forKey: .value)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try FheType(name: c.decode(String.self, forKey: .type))
        self = try ValueFormat.parse(c.decode(String.self, forKey: .value), as: type)
    }
}
