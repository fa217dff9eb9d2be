// Width-w non-adjacent form (wNAF) recoding of public scalars for the variable-time double
// multiplication.

enum Secp256k1WNAF {
    /// The number of digit slots `recode` may write for a 256-bit value and width w.
    @inline(__always)
    static func capacity(width w: Int) -> Int { 256 + w }

    /// Writes the width-w NAF of k (2 ≤ w ≤ 31): digits d_i, each 0 or odd with
    /// |d_i| < 2^(w−1), k = Σ d_i·2^i, and any w consecutive digits contain at most one
    /// non-zero. `digits` must hold `capacity(width:)` slots and be zero-filled; returns the
    /// number of positions used (the index of the top non-zero digit + 1, 0 for k = 0).
    @inline(__always)
    static func recode(_ k: U256, width w: Int, into digits: UnsafeMutablePointer<Int32>) -> Int {
        var bit = 0
        var carry: UInt64 = 0
        var length = 0
        let end = 256 + w
        while bit < end {
            // A digit is due where the running value (k plus the pending carry) has a 1 bit.
            if k.bit(safe: bit) == carry {
                bit += 1
                continue
            }
            var word = k.bits(at: bit, count: w) &+ carry
            carry = (word >> UInt64(w - 1)) & 1
            word = word &- (carry << UInt64(w))
            digits[bit] = Int32(truncatingIfNeeded: Int64(bitPattern: word))
            length = bit + 1
            bit += w
        }
        return length
    }
}

extension U256 {
    /// Limb i, or 0 past the top.
    @inline(__always)
    func limb(_ i: Int) -> UInt64 {
        switch i {
        case 0: return l0
        case 1: return l1
        case 2: return l2
        case 3: return l3
        default: return 0
        }
    }

    /// Bit i (0 past the top).
    @inline(__always)
    func bit(safe i: Int) -> UInt64 { (limb(i >> 6) >> UInt64(i & 63)) & 1 }

    /// `count` bits (1 ≤ count ≤ 63) starting at bit `offset`, zeros past the top.
    @inline(__always)
    func bits(at offset: Int, count: Int) -> UInt64 {
        let i = offset >> 6, shift = offset & 63
        var x = limb(i) >> UInt64(shift)
        if shift + count > 64 { x |= limb(i + 1) << UInt64(64 - shift) }
        return x & ((1 << UInt64(count)) - 1)
    }
}
