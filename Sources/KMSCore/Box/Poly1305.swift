internal import COpenSSL

/// Poly1305 one-time authenticator (RFC 8439 §2.5) through OpenSSL 3's `EVP_MAC` "POLY1305".
///
/// A Poly1305 key must never authenticate two messages; `XSalsa20Poly1305` derives a fresh one
/// from the keystream for every box.
///
/// ```swift
/// let tag = try Poly1305.authenticate(message, key: oneTimeKey32)   // 16 bytes
/// ```
package enum Poly1305 {
    /// Key length in bytes.
    package static let keyByteCount = 32
    /// Tag length in bytes.
    package static let tagByteCount = 16

    /// OpenSSL's fetched algorithm object: immutable and shareable across threads once fetched.
    nonisolated(unsafe) private static let mac: OpaquePointer? = EVP_MAC_fetch(nil, "POLY1305", nil)

    /// The 16-byte tag of `message` under the one-time `key`.
    /// - Throws: `BoxError.invalidKeyLength`, or `.backendFailure` if OpenSSL lacks Poly1305.
    package static func authenticate<M: Collection, K: Collection>(_ message: M, key: K) throws(BoxError) -> [UInt8]
    where M.Element == UInt8, K.Element == UInt8 {
        guard key.count == keyByteCount else {
            throw .invalidKeyLength(what: "Poly1305 key", expected: keyByteCount, actual: key.count)
        }
        let k = Array(key)
        let result: [UInt8]? = k.withUnsafeBytes { kb in
            if let r = message.withContiguousStorageIfAvailable({ mb in
                tag(UnsafeRawBufferPointer(mb), key: kb)
            }) { return r }
            return Array(message).withUnsafeBytes { tag($0, key: kb) }
        }
        guard let result else { throw .backendFailure("OpenSSL POLY1305 unavailable") }
        return result
    }

    /// Whether `tag` authenticates `message` under `key` (constant-time comparison).
    package static func verify<M: Collection, K: Collection, T: Collection>(_ tag: T, message: M, key: K) throws(BoxError) -> Bool
    where M.Element == UInt8, K.Element == UInt8, T.Element == UInt8 {
        ConstantTime.equal(try authenticate(message, key: key), tag)
    }

    private static func tag(_ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let mac, let ctx = EVP_MAC_CTX_new(mac) else { return nil }
        defer { EVP_MAC_CTX_free(ctx) }
        guard EVP_MAC_init(ctx, key.baseAddress?.assumingMemoryBound(to: UInt8.self), key.count, nil) == 1 else {
            return nil
        }
        if message.count > 0 {
            guard EVP_MAC_update(ctx, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count) == 1 else {
                return nil
            }
        }
        var out = [UInt8](repeating: 0, count: tagByteCount)
        var len = 0
        let ok = out.withUnsafeMutableBufferPointer { EVP_MAC_final(ctx, $0.baseAddress, &len, tagByteCount) }
        guard ok == 1, len == tagByteCount else { return nil }
        return out
    }
}
