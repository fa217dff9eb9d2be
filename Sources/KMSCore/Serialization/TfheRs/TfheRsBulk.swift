/// Bulk key material (key-switching keys, Fourier bootstrapping keys, lists of encryptions of
/// zero) kept as the bytes it was read from: a slice of the input, never a second copy. Readers
/// that compute with it convert it once into their own representation.
package struct TfheRsBulk: Sendable, Equatable {
    /// The little-endian elements, back to back.
    package let bytes: ArraySlice<UInt8>
    /// Bytes per element (8 for u64/f64, 16 for u128).
    package let elementSize: Int

    package init(bytes: ArraySlice<UInt8>, elementSize: Int) {
        self.bytes = bytes
        self.elementSize = elementSize
    }

    /// Number of elements.
    package var count: Int { bytes.count / elementSize }

    /// The elements as u64 words (elementSize 8).
    package func words() -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: count) { buf, n in
            bytes.withUnsafeBytes { src in
                if let base = src.baseAddress, let dst = buf.baseAddress {
                    UnsafeMutableRawPointer(dst).copyMemory(from: base, byteCount: src.count)
                }
            }
            #if _endian(big)
            for i in 0..<count { buf[i] = UInt64(littleEndian: buf[i]) }
            #endif
            n = count
        }
    }
}

extension TfheRsDecoder {
    /// The next `byteCount` bytes as a slice of the input (length already checked), skipped.
    mutating func rawSlice(_ byteCount: Int) throws(TfheRsError) -> ArraySlice<UInt8> {
        let start = offset
        try skip(byteCount)
        return bytes[start ..< start + byteCount]
    }

    /// A `Vec<T>` of `elementSize`-byte items (u64 length prefix), kept as raw bytes.
    mutating func bulk(elementSize: Int, max: Int) throws(TfheRsError) -> TfheRsBulk {
        let n = try length(max: max, elementSize: elementSize)
        return TfheRsBulk(bytes: try rawSlice(n * elementSize), elementSize: elementSize)
    }
}

extension TfheRsEncoder {
    mutating func bulk(_ b: TfheRsBulk) {
        count(b.count)
        writer.writeRaw(b.bytes)
    }
}

extension TfheRsBulk {
    /// `count` u128 written by `fill` as interleaved 64-bit words (low then high), stored as
    /// tfhe-rs stores a `Vec<u128>`: 16 little-endian bytes each.
    static func u128(count: Int, _ fill: (UnsafeMutablePointer<UInt64>) throws(TFHEError) -> Void) throws(TFHEError) -> TfheRsBulk {
        var bytes = [UInt8](repeating: 0, count: count * 16)
        let failure: TFHEError? = bytes.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            do throws(TFHEError) { try fill(words.baseAddress!) } catch { return error }
            #if _endian(big)
            for j in 0 ..< words.count { words[j] = words[j].littleEndian }
            #endif
            return nil
        }
        if let failure { throw failure }
        return TfheRsBulk(bytes: bytes[...], elementSize: 16)
    }
}
