/// A source of random bytes for TFHE: masks, secret keys and noise are all drawn from one.
///
/// Implementations are reference types because they carry a stream position. They are not
/// thread-safe: use one generator per task.
public protocol RandomGenerator: AnyObject {
    /// Fills `buffer` with the next bytes of the stream.
    func fill(_ buffer: UnsafeMutableRawBufferPointer)
}

extension RandomGenerator {
    /// The next byte of the stream.
    @inlinable
    public func nextByte() -> UInt8 {
        var b: UInt8 = 0
        withUnsafeMutableBytes(of: &b) { fill($0) }
        return b
    }

    /// The next 8 bytes of the stream as a little-endian `UInt64` (tfhe-rs's uniform u64).
    @inlinable
    public func nextUInt64() -> UInt64 {
        var v: UInt64 = 0
        withUnsafeMutableBytes(of: &v) { fill($0) }
        return UInt64(littleEndian: v)
    }

    /// `count` uniform 64-bit words (little-endian from the stream), as tfhe-rs draws masks.
    public func uniformWords(_ count: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: count) { buf, n in
            fill(UnsafeMutableRawBufferPointer(buf))
            #if _endian(big)
            for i in 0..<count { buf[i] = UInt64(littleEndian: buf[i]) }
            #endif
            n = count
        }
    }

    /// `count` binary values (each the low bit of one stream byte), as tfhe-rs draws secret keys.
    public func binaryWords(_ count: Int) -> [UInt64] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes.map { UInt64($0 & 1) }
    }
}
