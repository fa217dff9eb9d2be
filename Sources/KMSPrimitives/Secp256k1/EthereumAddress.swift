/// A 20-byte Ethereum account address, printed in EIP-55 mixed-case checksum form.
///
/// Parsing comes in two strengths:
/// - `init(eip55:)` is strict, as the reference KMS (alloy `Address::parse_checksummed`, used
///   since Dec 2024 for signer and user addresses): the string must start with `0x` and match
///   the EIP-55 checksum exactly. All-lowercase and all-uppercase forms are therefore rejected
///   (unless the address has no letters, or its checksum happens to be all one case).
/// - `init(hex:)` is lenient (any case, `0x` optional) for command-line input.
///
/// ```swift
/// let a = try EthereumAddress(eip55: "0x9D6891A6240D6130c54ae243d8005063D05fE14b")
/// a.checksummed                                   // the same string
/// let b = try EthereumAddress(hex: "9d6891a6240d6130c54ae243d8005063d05fe14b")
/// a == b                                          // true
/// ```
public struct EthereumAddress: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The 20 address bytes.
    public let bytes: [UInt8]

    /// The address with these 20 bytes.
    /// - Throws: `SignatureError.invalidAddress` for any other length.
    public init(bytes: [UInt8]) throws(SignatureError) {
        guard bytes.count == 20 else { throw .invalidAddress("expected 20 bytes, got \(bytes.count)") }
        self.bytes = bytes
    }

    /// Parses a strictly checksummed address (`0x` + 40 hex digits in EIP-55 casing).
    /// - Throws: `SignatureError.invalidAddress` for a missing prefix, a wrong length or a
    ///   non-hex digit; `SignatureError.badChecksum` when the casing does not match.
    public init(eip55 string: String) throws(SignatureError) {
        guard string.hasPrefix("0x") else { throw .invalidAddress("a checksummed address must start with 0x") }
        let parsed = try EthereumAddress(hex: string)
        guard parsed.checksummed == string else { throw .badChecksum(string) }
        self = parsed
    }

    /// Parses 40 hex digits of any case, with or without `0x`.
    /// - Throws: `SignatureError.invalidAddress`.
    public init(hex string: String) throws(SignatureError) {
        let decoded: [UInt8]
        do {
            decoded = try Hex.decode(string)
        } catch {
            throw .invalidAddress(error.description)
        }
        guard decoded.count == 20 else {
            throw .invalidAddress("expected 40 hex digits, got \(string.utf8.count - (string.hasPrefix("0x") || string.hasPrefix("0X") ? 2 : 0))")
        }
        self.bytes = decoded
    }

    /// Parses an address the way ethers / web3 validate user input: `0x` optional; an
    /// all-lowercase or all-uppercase string is accepted as is, a mixed-case string must carry
    /// a valid EIP-55 checksum. Used for typed-data values and command-line flags.
    /// - Throws: `SignatureError.invalidAddress` or `SignatureError.badChecksum`.
    public init(parsing string: String) throws(SignatureError) {
        let parsed = try EthereumAddress(hex: string)
        let digits = string.hasPrefix("0x") || string.hasPrefix("0X") ? String(string.dropFirst(2)) : string
        if digits != digits.lowercased() && digits != digits.uppercased() {
            guard "0x" + digits == parsed.checksummed else { throw .badChecksum(string) }
        }
        self = parsed
    }

    /// The address of a public key: the last 20 bytes of keccak256 of the uncompressed point
    /// without its `04` prefix.
    public init(publicKey: Secp256k1PublicKey) {
        let h = Keccak256.hash(publicKey.uncompressed.dropFirst())
        self.bytes = Array(h[12..<32])
    }

    /// The EIP-55 checksummed form, `0x`-prefixed: a hex letter is upper-case when the matching
    /// nibble of keccak256(lower-case hex) is ≥ 8.
    public var checksummed: String {
        let lower = Array(Hex.encode(bytes).utf8)
        let hash = Keccak256.hash(lower)
        var out: [UInt8] = [0x30, 0x78]
        out.reserveCapacity(42)
        for (i, c) in lower.enumerated() {
            let nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0F
            out.append(c >= 0x61 && nibble >= 8 ? c - 0x20 : c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The address as a 32-byte ABI word (left-padded with zeros).
    package var abiWord: [UInt8] { [UInt8](repeating: 0, count: 12) + bytes }

    public var description: String { checksummed }

    public static func < (a: EthereumAddress, b: EthereumAddress) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
