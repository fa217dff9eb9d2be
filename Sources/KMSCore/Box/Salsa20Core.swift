/// The Salsa20 core permutation (20 rounds) over a 16-word state, shared by `HSalsa20` and
/// `XSalsa20`. State layout (Bernstein, "Salsa20 specification"): words 0, 5, 10, 15 hold the
/// constant "expand 32-byte k", 1–4 and 11–14 the key, 6–9 the nonce/counter (or the HSalsa20 input).
enum Salsa20Core {
    /// The four "expand 32-byte k" constant words, little-endian.
    static let sigma: (UInt32, UInt32, UInt32, UInt32) = (0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574)

    /// Builds the initial state from a 32-byte key (8 LE words) and the four middle words.
    @inline(__always)
    static func state(key k: SIMD8<UInt32>, middle m: SIMD4<UInt32>) -> SIMD16<UInt32> {
        SIMD16(sigma.0, k[0], k[1], k[2], k[3], sigma.1, m[0], m[1],
               m[2], m[3], sigma.2, k[4], k[5], k[6], k[7], sigma.3)
    }

    @inline(__always)
    private static func rotl(_ v: UInt32, _ n: UInt32) -> UInt32 { (v << n) | (v >> (32 &- n)) }

    /// Applies the 20 rounds (10 column/row double rounds) to `s`, without the final feed-forward.
    @inline(__always)
    static func permute(_ s: SIMD16<UInt32>) -> SIMD16<UInt32> {
        var x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3]
        var x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7]
        var x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11]
        var x12 = s[12], x13 = s[13], x14 = s[14], x15 = s[15]
        for _ in 0..<10 {
            // Column round.
            x4 ^= rotl(x0 &+ x12, 7); x8 ^= rotl(x4 &+ x0, 9)
            x12 ^= rotl(x8 &+ x4, 13); x0 ^= rotl(x12 &+ x8, 18)
            x9 ^= rotl(x5 &+ x1, 7); x13 ^= rotl(x9 &+ x5, 9)
            x1 ^= rotl(x13 &+ x9, 13); x5 ^= rotl(x1 &+ x13, 18)
            x14 ^= rotl(x10 &+ x6, 7); x2 ^= rotl(x14 &+ x10, 9)
            x6 ^= rotl(x2 &+ x14, 13); x10 ^= rotl(x6 &+ x2, 18)
            x3 ^= rotl(x15 &+ x11, 7); x7 ^= rotl(x3 &+ x15, 9)
            x11 ^= rotl(x7 &+ x3, 13); x15 ^= rotl(x11 &+ x7, 18)
            // Row round.
            x1 ^= rotl(x0 &+ x3, 7); x2 ^= rotl(x1 &+ x0, 9)
            x3 ^= rotl(x2 &+ x1, 13); x0 ^= rotl(x3 &+ x2, 18)
            x6 ^= rotl(x5 &+ x4, 7); x7 ^= rotl(x6 &+ x5, 9)
            x4 ^= rotl(x7 &+ x6, 13); x5 ^= rotl(x4 &+ x7, 18)
            x11 ^= rotl(x10 &+ x9, 7); x8 ^= rotl(x11 &+ x10, 9)
            x9 ^= rotl(x8 &+ x11, 13); x10 ^= rotl(x9 &+ x8, 18)
            x12 ^= rotl(x15 &+ x14, 7); x13 ^= rotl(x12 &+ x15, 9)
            x14 ^= rotl(x13 &+ x12, 13); x15 ^= rotl(x14 &+ x13, 18)
        }
        return SIMD16(x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15)
    }

    /// Reads `count` little-endian 32-bit words from `bytes` starting at `offset` (caller checks bounds).
    @inline(__always)
    static func loadWords<C: RandomAccessCollection>(_ bytes: C, offset: Int, count: Int) -> [UInt32]
    where C.Element == UInt8, C.Index == Int {
        var out = [UInt32](repeating: 0, count: count)
        let base = bytes.startIndex + offset
        for i in 0..<count {
            let j = base + 4 * i
            out[i] = UInt32(bytes[j]) | UInt32(bytes[j + 1]) << 8 | UInt32(bytes[j + 2]) << 16 | UInt32(bytes[j + 3]) << 24
        }
        return out
    }

    /// A 32-byte key as eight little-endian words.
    @inline(__always)
    static func keyWords<C: RandomAccessCollection>(_ key: C) -> SIMD8<UInt32> where C.Element == UInt8, C.Index == Int {
        let w = loadWords(key, offset: 0, count: 8)
        return SIMD8(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
    }

    /// Appends `words` to `out` as little-endian bytes.
    @inline(__always)
    static func storeWords(_ words: [UInt32], into out: inout [UInt8]) {
        for w in words {
            out.append(UInt8(truncatingIfNeeded: w))
            out.append(UInt8(truncatingIfNeeded: w >> 8))
            out.append(UInt8(truncatingIfNeeded: w >> 16))
            out.append(UInt8(truncatingIfNeeded: w >> 24))
        }
    }
}
