/// Arithmetic modulo an NTT-friendly prime p < 2^62 with p ≡ 1 (mod 2^17).
///
/// The hot operations are Shoup multiplications by precomputed constants (`w' = ⌊w·2^64/p⌋`)
/// and a Montgomery reduction of 128-bit accumulators; "lazy" results lie in [0, 2p).
/// p < 2^62 keeps every lazy intermediate (< 4p) inside a `UInt64`.
package struct NTTPrime: Sendable, Hashable {
    /// The three primes of the Z_{2^128} engine: the largest p < 2^62 with p ≡ 1 (mod 2^17),
    /// so negacyclic transforms of every size N ≤ 2^16 exist. Their product is ≈ 2^186.
    package static let engineModuli: [UInt64] = [
        0x3FFF_FFFF_FFE8_0001,
        0x3FFF_FFFF_FFBE_0001,
        0x3FFF_FFFF_FFB8_0001,
    ]

    /// log2 of the largest power-of-two order 2N for which every `engineModuli` prime has roots.
    package static let maxTwoAdicity = 17

    /// The modulus.
    package let p: UInt64
    /// 2p.
    package let twoP: UInt64
    /// `p^{−1} mod 2^64` (for Montgomery reduction).
    package let pInverse: UInt64

    /// A prime context; nil unless `p` is odd and `0.8·2^62 < p < 2^62` (so ⌊2^64/p⌋ = 4).
    /// Primality is the caller's claim.
    package init?(_ p: UInt64) {
        guard p > 0x3333_3333_3333_3334, p < 1 << 62, p & 1 == 1 else { return nil }
        self.p = p
        self.twoP = p << 1
        // Newton iteration x ← x(2 − p·x): correct bits double from 3 (p·p ≡ 1 mod 8).
        var x = p
        for _ in 0..<5 { x = x &* (2 &- p &* x) }
        self.pInverse = x
    }

    // MARK: Precomputation (not hot)

    /// `a·b mod p` by full-width division (for table construction).
    @inlinable package func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (h, l) = (a % p).multipliedFullWidth(by: b % p)
        return p.dividingFullWidth((h, l)).remainder
    }

    /// `base^exponent mod p`.
    package func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
        var result: UInt64 = 1
        var b = base % p
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, b) }
            b = multiply(b, b)
            e >>= 1
        }
        return result
    }

    /// `a^{−1} mod p` (Fermat; `a` must be nonzero mod p).
    package func inverse(_ a: UInt64) -> UInt64 { power(a, p - 2) }

    /// Shoup's constant `⌊w·2^64/p⌋` of a multiplier `w < p`.
    @inlinable package func shoup(_ w: UInt64) -> UInt64 {
        p.dividingFullWidth((w % p, 0)).quotient
    }

    /// A primitive 2N-th root of unity ψ (ψ^N = −1), or nil if 2N does not divide p − 1.
    package func primitiveRoot(order twoN: UInt64) -> UInt64? {
        guard twoN >= 2, twoN & (twoN - 1) == 0, (p - 1) % twoN == 0 else { return nil }
        var x: UInt64 = 2
        while x < p {
            let g = power(x, (p - 1) / twoN)
            if power(g, twoN / 2) == p - 1 { return g }
            x += 1
        }
        return nil
    }

    // MARK: Hot paths

    /// `a·w mod p` in [0, 2p), for any `a < 2^64`, `w < p` and `ws = shoup(w)`.
    @inlinable @inline(__always)
    package func multiplyLazy(_ a: UInt64, _ w: UInt64, _ ws: UInt64) -> UInt64 {
        let q = a.multipliedFullWidth(by: ws).high
        return a &* w &- q &* p
    }

    /// `a·w mod p` in [0, p).
    @inlinable @inline(__always)
    package func multiply(_ a: UInt64, _ w: UInt64, _ ws: UInt64) -> UInt64 {
        reduceOnce(multiplyLazy(a, w, ws))
    }

    /// `a mod p` for `a < 2p`.
    @inlinable @inline(__always)
    package func reduceOnce(_ a: UInt64) -> UInt64 {
        a >= p ? a &- p : a
    }

    /// `a mod p` in [0, 2p) for any `a < 2^64` (⌊2^64/p⌋ = 4, q = a >> 62).
    @inlinable @inline(__always)
    package func reduceLazy(_ a: UInt64) -> UInt64 {
        a &- (a >> 62) &* p
    }

    /// `(high·2^64 + low) mod p` in [0, p), for any 128-bit value.
    @inlinable package func reduce(low: UInt64, high: UInt64) -> UInt64 {
        // high·2^64 + low ≡ high·(2^64 mod p) + low.
        let r64 = 0 &- p.multipliedFullWidth(by: 4).low   // 2^64 − 4p = 2^64 mod p (as 4p < 2^64 < 5p)
        let h = multiply(reduceLazy(high), r64, shoup(r64))
        return reduceOnce(reduceOnce(reduceLazy(low)) &+ h)
    }

    /// Montgomery reduction: `(high·2^64 + low)·2^{−64} mod p` in [0, 2p), for any 128-bit value.
    @inlinable @inline(__always)
    package func montgomeryReduceLazy(low: UInt64, high: UInt64) -> UInt64 {
        // T − m·p with m = low·p^{−1} has a zero low word; its high word is high − ⌊m·p/2^64⌋.
        let h = reduceLazy(high)                     // [0, 2p)
        let m = low &* pInverse
        let mp = m.multipliedFullWidth(by: p).high   // [0, p)
        let r = h &- mp
        return h < mp ? r &+ p : r
    }
}
