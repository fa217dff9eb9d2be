/// Reads bincode's default fixed-int encoding (see `BincodeWriter`) from untrusted bytes.
///
/// Every read checks the remaining input first; every length prefix is checked against both a
/// caller-given maximum and the bytes actually left *before* anything is allocated, so hostile
/// input gives a `SerializationError`, never an allocation bomb or a trap.
///
/// ```swift
/// var r = BincodeReader(bytes)
/// let variant: UInt32 = try r.read()
/// let payload = try r.readBytes(max: 1 << 20)
/// try r.finish()    // no trailing bytes allowed
/// ```
package struct BincodeReader: Sendable {
    /// The whole input.
    package let bytes: [UInt8]
    /// Offset of the next byte to read.
    package private(set) var offset: Int

    /// Creates a reader over `bytes`, starting at `offset`.
    package init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Number of bytes not yet read.
    package var remaining: Int { bytes.count - offset }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { offset == bytes.count }

    /// Throws `trailingBytes` unless the input has been read to its last byte.
    package func finish() throws(SerializationError) {
        if offset != bytes.count { throw .trailingBytes(count: bytes.count - offset) }
    }

    private func need(_ n: Int) throws(SerializationError) {
        if n < 0 || n > remaining { throw .truncated(offset: offset, needed: n) }
    }

    /// Reads `n` raw bytes.
    package mutating func readRaw(_ n: Int) throws(SerializationError) -> [UInt8] {
        try need(n)
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    /// Skips `n` bytes.
    package mutating func skip(_ n: Int) throws(SerializationError) {
        try need(n)
        offset += n
    }

    /// Reads a fixed-width little-endian integer.
    package mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(SerializationError) -> T {
        let n = MemoryLayout<T>.size
        try need(n)
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + n]))
            }
        }
        offset += n
        return T(littleEndian: v)
    }

    /// Reads a `u128` as its (low, high) 64-bit halves.
    package mutating func readU128() throws(SerializationError) -> (low: UInt64, high: UInt64) {
        let lo: UInt64 = try read()
        let hi: UInt64 = try read()
        return (lo, hi)
    }

    /// Reads an IEEE-754 double.
    package mutating func readDouble() throws(SerializationError) -> Double {
        Double(bitPattern: try read(UInt64.self))
    }

    /// Reads a bool; any byte other than 0 or 1 is an error.
    package mutating func readBool() throws(SerializationError) -> Bool {
        let b: UInt8 = try read()
        switch b {
        case 0: return false
        case 1: return true
        default: throw .invalidValue(what: "bool byte \(b) at offset \(offset - 1)")
        }
    }

    /// Reads an `Option` tag: `true` for `Some`.
    package mutating func readOptionTag() throws(SerializationError) -> Bool {
        let b: UInt8 = try read()
        switch b {
        case 0: return false
        case 1: return true
        default: throw .unknownTag(what: "Option tag", value: UInt64(b))
        }
    }

    /// Reads a u64 length prefix for a sequence of `elementSize`-byte items and checks it against
    /// `max` and against the bytes left.
    package mutating func readLength(max: Int, elementSize: Int = 1) throws(SerializationError) -> Int {
        let at = offset
        let len: UInt64 = try read()
        if len > UInt64(max) { throw .lengthTooLarge(offset: at, length: len, limit: UInt64(max)) }
        let n = Int(len)
        let (total, overflow) = n.multipliedReportingOverflow(by: Swift.max(elementSize, 0))
        if overflow || total > remaining {
            throw .lengthTooLarge(offset: at, length: len, limit: UInt64(remaining / Swift.max(elementSize, 1)))
        }
        return n
    }

    /// Reads a `Vec<u8>`: u64 length (≤ `max`) then the bytes.
    package mutating func readBytes(max: Int) throws(SerializationError) -> [UInt8] {
        let n = try readLength(max: max)
        return try readRaw(n)
    }

    /// Reads a `String` (≤ `max` bytes of UTF-8).
    package mutating func readString(max: Int) throws(SerializationError) -> String {
        let at = offset
        let raw = try readBytes(max: max)
        guard let s = String(validating: raw, as: UTF8.self) else {
            throw .invalidValue(what: "UTF-8 string at offset \(at)")
        }
        return s
    }

    /// Reads `count` little-endian u64 words with no length prefix.
    package mutating func readRawWords(_ count: Int) throws(SerializationError) -> [UInt64] {
        let (n, overflow) = count.multipliedReportingOverflow(by: 8)
        if overflow { throw .truncated(offset: offset, needed: Int.max) }
        try need(n)
        let words = [UInt64](unsafeUninitializedCapacity: count) { buf, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buf).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + n]))
            }
            #if _endian(big)
            for i in 0..<count { buf[i] = UInt64(littleEndian: buf[i]) }
            #endif
            initialized = count
        }
        offset += n
        return words
    }

    /// Reads a `Vec<u64>`: u64 length (≤ `max`) then the words.
    package mutating func readWords(max: Int) throws(SerializationError) -> [UInt64] {
        let n = try readLength(max: max, elementSize: 8)
        return try readRawWords(n)
    }
}
