/// Writes values in bincode's default fixed-int encoding, as Rust's `bincode::serialize` does:
/// little-endian fixed-width integers, `usize` as u64, f64 as IEEE-754 LE, `bool`/`Option` tag as
/// one byte, enum variant indices as u32, and `String`/`Vec`/bytes as a u64 length then the items.
///
/// ```swift
/// var w = BincodeWriter()
/// w.write(UInt32(1))          // enum variant
/// w.writeBytes([0xde, 0xad])  // u64 length + bytes
/// let encoded = w.bytes
/// ```
package struct BincodeWriter: Sendable {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    package init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends raw bytes with no length prefix.
    package mutating func writeRaw<C: Collection>(_ raw: C) where C.Element == UInt8 {
        bytes.append(contentsOf: raw)
    }

    /// Appends one byte.
    package mutating func write(_ v: UInt8) { bytes.append(v) }

    /// Appends a fixed-width integer, little-endian.
    package mutating func write<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a `u128` given as its low and high 64-bit halves.
    package mutating func writeU128(low: UInt64, high: UInt64) {
        write(low)
        write(high)
    }

    /// Appends an IEEE-754 double, little-endian.
    package mutating func write(_ v: Double) { write(v.bitPattern) }

    /// Appends a bool as one byte (0 or 1).
    package mutating func write(_ v: Bool) { bytes.append(v ? 1 : 0) }

    /// Appends a length (`usize`) as u64.
    package mutating func writeLength(_ n: Int) { write(UInt64(n)) }

    /// Appends a `Vec<u8>` / `&[u8]`: u64 length then the bytes.
    package mutating func writeBytes<C: Collection>(_ b: C) where C.Element == UInt8 {
        writeLength(b.count)
        bytes.append(contentsOf: b)
    }

    /// Appends a `String`: u64 length then its UTF-8 bytes.
    package mutating func write(_ s: String) { writeBytes(Array(s.utf8)) }

    /// Appends a `Vec<u64>`: u64 length then each word little-endian.
    package mutating func writeWords(_ words: [UInt64]) {
        writeLength(words.count)
        writeRawWords(words)
    }

    /// Appends u64 words little-endian with no length prefix.
    package mutating func writeRawWords(_ words: [UInt64]) {
        #if _endian(little)
        words.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for w in words { write(w) }
        #endif
    }

    /// Appends an `Option` tag (0 for `None`, 1 for `Some`); the caller writes the payload after `true`.
    package mutating func writeOptionTag(_ isSome: Bool) { write(isSome) }
}
