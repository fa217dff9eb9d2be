/// An EVM chain id: a uint256, as EIP-712 domains carry it (`chainId` member). Chain ids in use
/// fit 64 bits, but the type is the standard's.
///
/// ```swift
/// let sepolia: ChainID = 11155111
/// let parsed = try ChainID(parsing: "0xaa36a7")      // decimal or 0x-hex
/// let domain = EIP712Domain.kmsVerifier(chainId: parsed, verifyingContract: verifier)
/// ```
public struct ChainID: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The 32-byte big-endian word.
    public let word: [UInt8]

    /// A chain id below 2^64.
    public init(_ value: UInt64) {
        word = [UInt8](repeating: 0, count: 24) + withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    public init(integerLiteral value: UInt64) { self.init(value) }

    /// Parses decimal or `0x`-hex text of at most 256 bits.
    /// - Throws: `EIP712Error.invalidValue` for anything else.
    public init(parsing text: String) throws(EIP712Error) {
        word = try ABIWord.uint(text)
    }

    /// Decimal.
    public var description: String {
        // Four little-endian limbs from the big-endian word.
        let limbs = (0..<4).map { i in word[(24 - 8 * i) ..< (32 - 8 * i)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        return DecimalText.format(limbs)
    }
}
