/// A 32-byte fhEVM ciphertext handle (v0.6 layout, read as a big-endian uint256):
/// byte 29 = index inside an input bundle, byte 30 = FHE type code, byte 31 = handle version.
/// The KMS treats the other bytes as opaque.
///
/// ```swift
/// let h = try FheHandle(hex: "0x0587753438639c6bfdd7f8da9047ff4cc32917f7ce49ce1ab9ee2d0d8e010200")
/// h.type       // .euint8
/// h.index      // 1
/// ```
public struct FheHandle: Sendable, Hashable, CustomStringConvertible {
    /// The 32 handle bytes.
    public let bytes: [UInt8]
    /// The encrypted type (byte 30).
    public let type: FheType

    /// Parses 32 bytes.
    /// - Throws: `EIP712Error.invalidHandle` for another length or a type byte above 11.
    public init(bytes: [UInt8]) throws(EIP712Error) {
        guard bytes.count == 32 else { throw .invalidHandle("expected 32 bytes, got \(bytes.count)") }
        guard let t = FheType(rawValue: bytes[30]) else {
            throw .invalidHandle("type byte 30 is \(bytes[30]), not an fhEVM type code (0-11)")
        }
        self.bytes = bytes
        self.type = t
    }

    /// Parses 64 hex digits (`0x` optional, any case).
    public init(hex: String) throws(EIP712Error) {
        let b: [UInt8]
        do { b = try Hex.decode(hex) } catch { throw .invalidHandle(error.description) }
        try self.init(bytes: b)
    }

    /// Index inside the input bundle (byte 29; meaningful for input handles only).
    package var index: UInt8 { bytes[29] }
    /// Handle version (byte 31; 0 for fhEVM v0.6).
    package var version: UInt8 { bytes[31] }
    /// Width of the plaintext in bits.
    package var plaintextBitWidth: Int { type.bitWidth }

    /// `0x` + 64 lowercase hex digits.
    public var hex: String { Hex.encode(bytes, prefix: true) }
    public var description: String { hex }
}
