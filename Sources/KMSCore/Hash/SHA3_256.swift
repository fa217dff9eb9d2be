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
        var len: UInt32 = 0
        // EVP_Digest only fails on allocation failure or a missing algorithm; SHA3-256 is built
        // into OpenSSL 3's default provider.
        let ok = out.withUnsafeMutableBytes { o in
            EVP_Digest(data.baseAddress, data.count, o.baseAddress?.assumingMemoryBound(to: UInt8.self),
                       &len, algorithm.md, nil)
        }
        precondition(ok == 1 && len == byteCount, "OpenSSL SHA3-256 unavailable")
        return out
    }

    /// The `EVP_MD`, fetched once from OpenSSL's default provider. `EVP_Q_digest` (and any
    /// name-based call) fetches the algorithm again on every hash: a provider lookup under a
    /// lock, about a quarter of a microsecond, a large share of the cost of hashing short inputs.
    private static let algorithm = Algorithm(md: EVP_MD_fetch(nil, "SHA3-256", nil))

    private struct Algorithm: @unchecked Sendable {
        // @unchecked: a fetched EVP_MD is immutable and reference counted, and OpenSSL allows
        // it to be used from any number of threads at once. It lives as long as the process.
        let md: OpaquePointer?
    }
}
