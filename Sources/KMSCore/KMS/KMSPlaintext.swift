/// The KMS-internal `Plaintext { bytes: Vec<u8>, fhe_type: FheType }` (kms V09 `rpc_types.rs`):
/// the `bytes` field and the type code. bincode =
/// `u64 len ‖ bytes ‖ 04 00 00 00 00 00 00 00 ‖ i32 LE type` (the FheType is serialised as a
/// 4-byte byte string, hence its own length prefix).
///
/// A centralized KMS puts the clear value's little-endian bytes in `bytes`; a threshold party
/// puts the bincode of its decryption shares there (`init(bytes:fheType:)`, kms.md §3.4).
///
/// Writing a value uses the centralised widths (`type.byteWidth`: 1 byte for ebool/euint4, 20 for
/// eaddress, …). Reading a value (`init(reading:)`) also accepts the threshold path's 16-byte
/// form for types up to 128 bits (and any longer form) as long as the extra high bytes are zero,
/// and keeps the natural width.
///
/// ```swift
/// let pt = KMSPlaintext(try ClearValue(type: .euint8, 42))
/// pt.bincode      // 01000000 00000000 2a 04000000 00000000 02000000
/// ```
package struct KMSPlaintext: Sendable, Equatable {
    /// The `bytes` field: a value's little-endian bytes, or a threshold party's share vector.
    package let bytes: [UInt8]
    /// The `fhe_type` field.
    package let fheType: FheType

    /// Upper bound on `bytes` accepted when reading a value (256 bytes for ebytes256, with slack).
    package static let maxByteCount = 1024

    /// The plaintext of `value`.
    package init(_ value: ClearValue) {
        bytes = value.littleEndianBytes
        fheType = value.type
    }

    /// A plaintext with these `bytes` as they are (a threshold party's bincode share vector).
    package init(bytes: [UInt8], fheType: FheType) {
        self.bytes = bytes
        self.fheType = fheType
    }

    /// The clear value in `bytes` (little-endian; high bytes beyond the type's width must be zero).
    /// - Throws: `SerializationError.invalidValue` when `bytes` is not a value of `fheType`.
    package var value: ClearValue {
        get throws(SerializationError) {
            guard bytes.count <= Self.maxByteCount else {
                throw .invalidValue(what: "plaintext of \(bytes.count) bytes for \(fheType)")
            }
            do {
                return try ClearValue(type: fheType, littleEndianBytes: bytes)
            } catch {
                throw .invalidValue(what: "plaintext bytes for \(fheType): \(error)")
            }
        }
    }

    /// The bincode encoding.
    package var bincode: [UInt8] {
        var w = BincodeWriter(capacity: 24 + bytes.count)
        write(to: &w)
        return w.bytes
    }

    /// Appends the bincode encoding to `w`.
    package func write(to w: inout BincodeWriter) {
        w.writeBytes(bytes)
        w.writeLength(4)
        w.write(Int32(fheType.code))
    }

    /// Parses a complete bincode `Plaintext` holding a value.
    package init(bincode: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bincode)
        try self.init(reading: &r)
        try r.finish()
    }

    /// Reads one bincode `Plaintext` holding a value of its type from `r` (bytes kept at the
    /// type's natural width).
    package init(reading r: inout BincodeReader) throws(SerializationError) {
        let raw = try Self(reading: &r, maxByteCount: Self.maxByteCount)
        let value = try raw.value
        self.init(value)
    }

    /// Reads one bincode `Plaintext` from `r` without interpreting `bytes` (at most
    /// `maxByteCount` of them), e.g. a threshold party's share vector.
    package init(reading r: inout BincodeReader, maxByteCount: Int) throws(SerializationError) {
        let raw = try r.readBytes(max: maxByteCount)
        let tagLength: UInt64 = try r.read()
        guard tagLength == 4 else { throw .invalidValue(what: "FheType byte-string length \(tagLength) (expected 4)") }
        let code: Int32 = try r.read()
        guard (0...11).contains(code), let type = FheType(rawValue: UInt8(code)) else {
            throw .unknownTag(what: "FheType", value: UInt64(UInt32(bitPattern: code)))
        }
        self.init(bytes: raw, fheType: type)
    }
}
