/// kms-core's serde/bincode form of Galois-ring elements: `ResiduePoly<Z, D> { coefs: [Z; D] }`
/// is D coefficients (a fixed array: no length prefix), each `Wrapping<u64>` (8 bytes) or
/// `Wrapping<u128>` (16 bytes) little-endian; a `Vec<ResiduePoly<…>>` has a u64 count first.
/// Threshold parties put this in their reencryption responses (kms.md §3.4).
extension GaloisRingElement {
    /// Bytes of one element: D · k/8.
    package static var bincodeSize: Int { Ring.degree * Ring.bitWidth / 8 }

    /// Appends the D coefficients.
    package func write(to writer: inout BincodeWriter) {
        for i in 0..<Ring.degree { self[i].write(to: &writer) }
    }

    /// Reads D coefficients.
    package static func read(from reader: inout BincodeReader) throws(SerializationError) -> Self {
        var coefficients = Ring.Coefficients.zero
        for i in 0..<Ring.degree { coefficients[i] = try Coefficient.read(from: &reader) }
        return Self(coefficients: coefficients)
    }

    /// `bincode(Vec<ResiduePoly<Z, D>>)`.
    package static func bincode(_ elements: [Self]) -> [UInt8] {
        var writer = BincodeWriter(capacity: 8 + elements.count * bincodeSize)
        writer.writeLength(elements.count)
        for e in elements { e.write(to: &writer) }
        return writer.bytes
    }

    /// Decodes `bincode(Vec<ResiduePoly<Z, D>>)` of at most `maxCount` elements; every byte must
    /// be used.
    /// - Throws: `SerializationError` for a count above `maxCount` or the bytes left, or for
    ///   trailing bytes.
    package static func decodeVector(_ bytes: [UInt8], maxCount: Int) throws(SerializationError) -> [Self] {
        var reader = BincodeReader(bytes)
        let n = try reader.readLength(max: maxCount, elementSize: bincodeSize)
        var out = [Self]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(from: &reader)) }
        try reader.finish()
        return out
    }
}

extension UInt64 {
    package func write(to writer: inout BincodeWriter) { writer.write(self) }
    package static func read(from reader: inout BincodeReader) throws(SerializationError) -> UInt64 { try reader.read() }
}

extension U128 {
    package func write(to writer: inout BincodeWriter) { writer.writeU128(low: low, high: high) }
    package static func read(from reader: inout BincodeReader) throws(SerializationError) -> U128 {
        let (low, high) = try reader.readU128()
        return U128(low: low, high: high)
    }
}
