/// HSalsa20 (Bernstein, "Extending the Salsa20 nonce", 2011): derives a 32-byte subkey from a
/// 32-byte key and a 16-byte input. Used by `XSalsa20` (first 16 nonce bytes) and by `CryptoBox`
/// (X25519 shared secret with an all-zero input, NaCl `crypto_box_beforenm`).
///
/// ```swift
/// let boxKey = try HSalsa20.derive(key: sharedSecret, input: [UInt8](repeating: 0, count: 16))
/// ```
package enum HSalsa20 {
    /// Key length in bytes.
    package static let keyByteCount = 32
    /// Input length in bytes.
    package static let inputByteCount = 16

    /// The 32-byte HSalsa20 output for `key` (32 bytes) and `input` (16 bytes).
    /// - Throws: `BoxError.invalidKeyLength` if either length is wrong.
    package static func derive<K: RandomAccessCollection, I: RandomAccessCollection>(
        key: K, input: I
    ) throws(BoxError) -> [UInt8] where K.Element == UInt8, K.Index == Int, I.Element == UInt8, I.Index == Int {
        guard key.count == keyByteCount else {
            throw .invalidKeyLength(what: "HSalsa20 key", expected: keyByteCount, actual: key.count)
        }
        guard input.count == inputByteCount else {
            throw .invalidKeyLength(what: "HSalsa20 input", expected: inputByteCount, actual: input.count)
        }
        return deriveWords(key: Salsa20Core.keyWords(key), input: input)
    }

    /// Core of `derive` for a key already in words; `input` must be 16 bytes.
    @inline(__always)
    static func deriveWords<I: RandomAccessCollection>(key: SIMD8<UInt32>, input: I) -> [UInt8]
    where I.Element == UInt8, I.Index == Int {
        let m = Salsa20Core.loadWords(input, offset: 0, count: 4)
        let x = Salsa20Core.permute(Salsa20Core.state(key: key, middle: SIMD4(m[0], m[1], m[2], m[3])))
        var out = [UInt8]()
        out.reserveCapacity(32)
        // No feed-forward: the output is words 0, 5, 10, 15 (diagonal) then 6, 7, 8, 9 (input positions).
        Salsa20Core.storeWords([x[0], x[5], x[10], x[15], x[6], x[7], x[8], x[9]], into: &out)
        return out
    }
}
