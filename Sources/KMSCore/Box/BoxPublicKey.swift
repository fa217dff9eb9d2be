/// An X25519 public key for `crypto_box`: the user encryption key of fhEVM reencryption
/// (`enc_key`), or the server's ephemeral key inside a signcryption.
///
/// Its wire form is bincode of the key (`PublicEncKey` in the KMS, `cryptobox_pk_to_u8vec` in
/// fhevmjs): u64 little-endian length 32 followed by the 32 key bytes, 40 bytes = 80 hex digits.
///
/// ```swift
/// let pk = try BoxPublicKey(hex: "2000000000000000f3efe739…1c59")   // 80 hex, 0x optional
/// pk.bincode.count   // 40
/// pk.hex             // the same 80 hex digits, no 0x
/// ```
public struct BoxPublicKey: Sendable, Hashable, CustomStringConvertible {
    /// Raw key length in bytes.
    package static let byteCount = 32
    /// Bincode form length in bytes (8-byte length prefix + key).
    package static let bincodeByteCount = 40

    /// The 32 raw key bytes (Montgomery u-coordinate, little-endian).
    public let bytes: [UInt8]

    /// Wraps 32 raw key bytes.
    /// - Throws: `BoxError.invalidKeyLength`.
    public init<C: Collection>(bytes: C) throws(BoxError) where C.Element == UInt8 {
        guard bytes.count == Self.byteCount else {
            throw .invalidKeyLength(what: "crypto_box public key", expected: Self.byteCount, actual: bytes.count)
        }
        self.bytes = Array(bytes)
    }

    /// Parses the 40-byte bincode form.
    /// - Throws: `BoxError.invalidKeyEncoding` unless it is exactly u64 LE 32 ‖ 32 bytes.
    package init(bincode: [UInt8]) throws(BoxError) {
        self.bytes = try BoxKeyEncoding.decode(bincode, what: "public key")
    }

    /// Parses the fhevmjs hex string: 80 hex digits of the bincode form, with or without `0x`.
    /// - Throws: `BoxError.invalidKeyEncoding`.
    public init(hex: String) throws(BoxError) {
        try self.init(bincode: BoxKeyEncoding.decodeHex(hex, what: "public key"))
    }

    /// The 40-byte bincode form (u64 LE 32 ‖ key).
    package var bincode: [UInt8] { BoxKeyEncoding.encode(bytes) }

    /// The bincode form as 80 lowercase hex digits without `0x` (fhevmjs `publicKey`).
    public var hex: String { Hex.encode(bincode) }

    public var description: String { hex }
}
