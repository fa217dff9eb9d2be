internal import Crypto

/// SHA3-256 (FIPS 202) through swift-crypto, as byte arrays. Not Ethereum's Keccak-256, which
/// pads differently.
package enum SHA3 {
    /// The SHA3-256 digest of `data` (32 bytes).
    package static func hash256<C: Collection>(_ data: C) -> [UInt8] where C.Element == UInt8 {
        if let d = data.withContiguousStorageIfAvailable({ Array(SHA3_256.hash(data: UnsafeRawBufferPointer($0))) }) { return d }
        return Array(SHA3_256.hash(data: Array(data)))
    }
}
