import COpenSSL

/// SHA3-256 (FIPS 202) through OpenSSL 3. Not Ethereum's Keccak-256, which pads differently.
///
/// ```swift
/// let digest = SHA3_256.hash(Array("abc".utf8))   // 32 bytes, 3a985da7…
/// ```
public enum SHA3_256 {
    /// Digest length in bytes.
    public static let byteCount = 32

    /// The SHA3-256 digest of `data`.
    public static func hash<C: Collection>(_ data: C) -> [UInt8] where C.Element == UInt8 {
        if let d = data.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return d }
        return Array(data).withUnsafeBytes { hash($0) }
    }

    /// The SHA3-256 digest of raw memory.
    public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: byteCount)
        var len: Int = 0
        // EVP_Q_digest only fails on allocation failure or a missing algorithm; SHA3-256 is built
        // into OpenSSL 3's default provider.
        let ok = out.withUnsafeMutableBytes { o in
            EVP_Q_digest(nil, "SHA3-256", nil, data.baseAddress, data.count,
                         o.baseAddress?.assumingMemoryBound(to: UInt8.self), &len)
        }
        precondition(ok == 1 && len == byteCount, "OpenSSL SHA3-256 unavailable")
        return out
    }
}
