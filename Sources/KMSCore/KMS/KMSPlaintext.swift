/// The KMS-internal `Plaintext { bytes: Vec<u8>, fhe_type: FheType }` (kms V09 `rpc_types.rs`):
/// little-endian value bytes and the type code. bincode =
/// `u64 len ‖ bytes ‖ 04 00 00 00 00 00 00 00 ‖ i32 LE type` (the FheType is serialised as a
/// 4-byte byte string, hence its own length prefix).
///
/// Writing uses the centralised widths (`type.byteWidth`: 1 byte for ebool/euint4, 20 for
/// eaddress, …). Reading also accepts the threshold path's 16-byte form for types up to 128 bits
/// (and any longer form) as long as the extra high bytes are zero.
///
/// ```swift
/// let pt = KMSPlaintext(try ClearValue(type: .euint8, 42))
/// pt.bincode      // 01000000 00000000 2a 04000000 00000000 02000000
/// ```
package struct KMSPlaintext: Sendable, Equatable {
    /// The value (its type is the plaintext's `fhe_type`).
    package let value: ClearValue

    /// Upper bound on `bytes` accepted when reading (256 bytes for ebytes256, with slack).
    package static let maxByteCount = 1024

    /// The plaintext of `value`.
    package init(_ value: ClearValue) { self.value = value }

    /// Little-endian value bytes at the type's natural width.
    package var bytes: [UInt8] { value.littleEndianBytes }

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
        w.write(Int32(value.type.code))
    }

    /// Parses a complete bincode `Plaintext`.
    package init(bincode: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bincode)
        try self.init(reading: &r)
        try r.finish()
    }

    /// Reads one bincode `Plaintext` from `r`.
    package init(reading r: inout BincodeReader) throws(SerializationError) {
        let raw = try r.readBytes(max: Self.maxByteCount)
        let tagLength: UInt64 = try r.read()
        guard tagLength == 4 else { throw .invalidValue(what: "FheType byte-string length \(tagLength) (expected 4)") }
        let code: Int32 = try r.read()
        guard (0...11).contains(code), let type = FheType(rawValue: UInt8(code)) else {
            throw .unknownTag(what: "FheType", value: UInt64(UInt32(bitPattern: code)))
        }
        do {
            value = try ClearValue(type: type, littleEndianBytes: raw)
        } catch {
            throw .invalidValue(what: "plaintext bytes for \(type): \(error)")
        }
    }
}
