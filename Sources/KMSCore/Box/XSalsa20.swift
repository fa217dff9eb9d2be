/// The XSalsa20 stream cipher (Bernstein 2011): Salsa20/20 keyed with `HSalsa20(key, nonce[0..<16])`
/// and the remaining 8 nonce bytes, 64-bit block counter starting at 0. Encryption and decryption
/// are the same XOR with the keystream.
///
/// ```swift
/// var cipher = try XSalsa20(key: key32, nonce: nonce24)
/// var data: [UInt8] = Array("attack at dawn".utf8)
/// cipher.apply(to: &data)            // encrypts in place; a fresh instance with the same key
///                                    // and nonce decrypts
/// ```
package struct XSalsa20: Sendable {
    /// Key length in bytes.
    package static let keyByteCount = 32
    /// Nonce length in bytes.
    package static let nonceByteCount = 24

    /// Salsa20 input state (subkey, nonce tail, block counter in words 8–9).
    private var input: SIMD16<UInt32>
    /// Current keystream block, as produced (words; serialised little-endian).
    private var block: SIMD16<UInt32> = .zero
    /// Bytes of `block` already used (64 = none left).
    private var used: Int = 64

    /// Creates the cipher positioned at keystream byte 0.
    /// - Throws: `BoxError.invalidKeyLength` / `.invalidNonceLength`.
    package init<K: RandomAccessCollection, N: RandomAccessCollection>(key: K, nonce: N) throws(BoxError)
    where K.Element == UInt8, K.Index == Int, N.Element == UInt8, N.Index == Int {
        guard key.count == Self.keyByteCount else {
            throw .invalidKeyLength(what: "XSalsa20 key", expected: Self.keyByteCount, actual: key.count)
        }
        guard nonce.count == Self.nonceByteCount else { throw .invalidNonceLength(actual: nonce.count) }
        let lo = nonce.startIndex
        let subkey = HSalsa20.deriveWords(key: Salsa20Core.keyWords(key), input: nonce[lo..<lo + 16])
        let tail = Salsa20Core.loadWords(nonce, offset: 16, count: 2)
        input = Salsa20Core.state(key: Salsa20Core.keyWords(subkey), middle: SIMD4(tail[0], tail[1], 0, 0))
    }

    /// Produces the next 64-byte block and advances the counter.
    @inline(__always)
    private mutating func refill() {
        block = Salsa20Core.permute(input) &+ input
        #if _endian(big)
        block = SIMD16(block.indices.map { block[$0].byteSwapped })
        #endif
        input[8] &+= 1
        if input[8] == 0 { input[9] &+= 1 }
        used = 0
    }

    /// XORs the next `buffer.count` keystream bytes into `buffer`.
    package mutating func apply(to buffer: UnsafeMutableRawBufferPointer) {
        var i = 0
        let n = buffer.count
        while i < n {
            if used == 64 {
                refill()
                // Whole blocks: XOR eight 64-bit words at a time.
                if n - i >= 64 {
                    withUnsafeBytes(of: block) { ks in
                        for w in 0..<8 {
                            let off = i + 8 * w
                            let v = buffer.loadUnaligned(fromByteOffset: off, as: UInt64.self)
                                ^ ks.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self)
                            buffer.storeBytes(of: v, toByteOffset: off, as: UInt64.self)
                        }
                    }
                    i += 64
                    used = 64
                    continue
                }
            }
            let take = min(64 - used, n - i)
            withUnsafeBytes(of: block) { ks in
                for j in 0..<take { buffer[i + j] ^= ks[used + j] }
            }
            used += take
            i += take
        }
    }

    /// XORs the next `bytes.count` keystream bytes into `bytes`.
    package mutating func apply(to bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { apply(to: $0) }
    }

    /// Discards the next `count` keystream bytes.
    package mutating func skip(_ count: Int) {
        var n = count
        while n > 0 {
            if used == 64 { refill() }
            let take = min(64 - used, n)
            used += take
            n -= take
        }
    }

    /// The next `count` keystream bytes.
    package mutating func keystream(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(count, 0))
        apply(to: &out)
        return out
    }
}
